from decimal import Decimal

from django.contrib import messages
from django.db.models import DecimalField, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.lists import PaginationMixin, count_of

from .models import Activity, GrantAward, GrantScheme, PartnerCity

MONEY = DecimalField(max_digits=12, decimal_places=2)


def schemes_with_use(year):
    """Prefetch the grant schemes with what was awarded in the year, and the awards themselves."""
    return Prefetch(
        "grant_schemes",
        queryset=GrantScheme.objects.annotate(
            awarded=Coalesce(
                Sum("awards__amount", filter=Q(awards__year=year)), Decimal("0"), output_field=MONEY
            )
        ).prefetch_related(
            Prefetch(
                "awards",
                queryset=GrantAward.objects.filter(year=year).order_by("awarded_on", "pk"),
                to_attr="awards_in_year",
            )
        ),
    )


def describe_use(scheme):
    """Add the remainder and the share used to a scheme annotated with `awarded`."""
    scheme.remaining = scheme.yearly_ceiling - scheme.awarded
    if scheme.yearly_ceiling:
        scheme.percent_used = int((100 * scheme.awarded / scheme.yearly_ceiling).to_integral())
    else:
        scheme.percent_used = 0
    return scheme


class YearMixin:
    """The year a page reports on: ?jaar=2018, or else this year (a bad value says so)."""

    def get_year(self):
        this_year = timezone.localdate().year
        raw = self.request.GET.get("jaar", "").strip()
        if not raw:
            return this_year
        if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100:
            return int(raw)
        messages.warning(
            self.request,
            _("‘%(value)s’ is geen geldig jaar; u ziet het jaar %(year)s.")
            % {"value": raw[:20], "year": this_year},
        )
        return this_year

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year=self.year, this_year=timezone.localdate().year)
        return context

    def get(self, request, *args, **kwargs):
        self.year = self.get_year()
        return super().get(request, *args, **kwargs)


class PartnerCityListView(YearMixin, PaginationMixin, ListView):
    model = PartnerCity
    template_name = "partnercity/partnercity_list.html"
    context_object_name = "partner_cities"
    paginate_by = 50

    def get_queryset(self):
        activities = Activity.objects.visible_to(self.request.user)
        return (
            PartnerCity.objects.select_related("network")
            .annotate(n_activities=count_of(activities, "partner_city"))
            .prefetch_related(schemes_with_use(self.year), "associations")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for city in context["partner_cities"]:
            for scheme in city.grant_schemes.all():
                describe_use(scheme)
        return context


class PartnerCityDetailView(YearMixin, DetailView):
    """A partner city: since when, the association, the activities and the grant scheme's use."""

    model = PartnerCity
    template_name = "partnercity/partnercity_detail.html"
    context_object_name = "city"

    def get_queryset(self):
        return PartnerCity.objects.select_related("network").prefetch_related(
            schemes_with_use(self.year), "associations"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        city = self.object
        user = self.request.user
        schemes = [describe_use(scheme) for scheme in city.grant_schemes.all()]
        network = city.network
        context.update(
            schemes=schemes,
            associations=list(city.associations.all()),
            activities=list(
                city.activities.visible_to(user)
                .select_related("effort")
                .order_by("year", "starts_on", "title")
            ),
            budget_lines=list(city.budget_lines.order_by("-year", "name")),
            network=network if network and network.is_visible_to(user) else None,
        )
        return context
