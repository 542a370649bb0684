from django.db.models import Count
from django.views.generic import TemplateView

from budget.models import ProductBudget, StaffPosition
from networks.models import Effort, Network, Theme
from partnercity.models import PartnerCity
from proposals.models import CouncilProposal, Proposal


class HomeView(TemplateView):
    """Show what the portal holds, with counts and links."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        council_proposal = (
            CouncilProposal.objects.visible_to(user)
            .select_related("motion")
            .prefetch_related("steps")
            .annotate(n_proposals=Count("proposals", distinct=True))
            .first()
        )
        context.update(
            council_proposal=council_proposal,
            counts={
                "proposals": Proposal.objects.visible_to(user).count(),
                "networks": Network.objects.visible_to(user).count(),
                "efforts": Effort.objects.visible_to(user).count(),
                "themes": Theme.objects.count(),
                "partner_cities": PartnerCity.objects.count(),
                "positions": StaffPosition.objects.count(),
            },
            product_budgets=ProductBudget.objects.select_related("product").order_by(
                "year", "product__name"
            ),
            positions=StaffPosition.objects.select_related("proposal"),
        )
        return context
