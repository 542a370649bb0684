"""RSS of the proposals list, following the same filters as the page."""

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.municipality import current_municipality

from .filters import ProposalFilter
from .models import Proposal


class ProposalFeed(Feed):
    """The visible proposals, the most recently changed first, with their status."""

    def title(self):
        return _("Voorstellen internationaal beleid %(name)s") % {
            "name": current_municipality().name
        }

    description = _("De voorstellen van de raadsvoorstellen over het internationaal beleid.")

    def get_object(self, request, *args, **kwargs):
        last_change = (
            Proposal.history.filter(id=OuterRef("pk"))
            .order_by("-history_date")
            .values("history_date")[:1]
        )
        proposals = (
            Proposal.objects.visible_to(request.user)
            .select_related("council_proposal")
            .prefetch_related("themes")
            .annotate(changed_at=Subquery(last_change))
        )
        filterset = ProposalFilter(request.GET or None, queryset=proposals, request=request)
        return filterset.qs.order_by("-changed_at", "-pk")[:100]

    def link(self):
        return reverse("proposals:councilproposal-list")

    def items(self, obj):
        return obj

    def item_title(self, item):
        return f"{item} ({item.get_status_display()})"

    def item_description(self, item):
        return linebreaks(item.summary, autoescape=True)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.changed_at

    def item_categories(self, item):
        return [gettext(theme.name) for theme in item.themes.all()]
