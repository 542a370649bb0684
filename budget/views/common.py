"""What the budget pages share: links to what an amount pays for, charts."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import VisibilityModel
from proposals.models import Proposal

from ..charts import Series, build_chart
from ..constants import LineCategory
from ..figures import category_rows
from ..matrix import pk_url


def may_see(obj, user):
    """Say whether the user may see what an amount pays for (some records are always public)."""
    return not isinstance(obj, VisibilityModel) or obj.is_visible_to(user)


def link_for(obj, user):
    """The page of what an amount pays for, when the user may see it and the page exists."""
    if obj is None or not may_see(obj, user):
        return ""
    return obj.get_absolute_url()


def attach_links(lines, user):
    """Give each line the address of what it pays for, or its own page; one reverse per target.

    `shown_target` is what the line pays for when the user may see it, else None.
    """
    cache = {}
    line_url = pk_url("budget:line-detail")
    for line in lines:
        own = line_url(line.pk)
        target = line.paid_for
        if target is None:
            line.link_url, line.link_target, line.shown_target = own, None, None
            continue
        key = (type(target), target.pk)
        if key not in cache:
            visible = may_see(target, user)
            cache[key] = (visible, link_for(target, user))
        visible, url = cache[key]
        line.link_url = url or own
        line.link_target = target if url else None
        line.shown_target = target if visible else None


def requested_year(request, years, default):
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return default
    return year if year in years else default


def requested_start(request):
    """The first year of the window the visitor asked for (`?vanaf=2024`), or None."""
    try:
        return int(request.GET.get("vanaf", ""))
    except ValueError:
        return None


def can_edit(user):
    return user.has_perm("budget.change_budgetline")


# --- charts -----------------------------------------------------------------------------------

CATEGORY_SERIES = [
    Series(LineCategory.STAFF, gettext_lazy("Personele inzet"), "series-staff"),
    Series(LineCategory.MEMBERSHIP, gettext_lazy("Lidmaatschappen"), "series-membership"),
    Series(LineCategory.ACTIVITIES, gettext_lazy("Activiteiten en reizen"), "series-activities"),
    Series(LineCategory.GRANTS, gettext_lazy("Subsidies en bijdragen"), "series-grants"),
]


def category_chart(book, years):
    return build_chart(
        "per-categorie",
        _("Begroting per jaar en per categorie"),
        _(
            "Gestapelde staven: per jaar het budget van de begrotingsproducten, verdeeld over "
            "personele inzet, lidmaatschappen, activiteiten en reizen, en subsidies."
        ),
        CATEGORY_SERIES,
        category_rows(book, years),
        stacked=True,
    )


SCENARIO_CLASSES = {
    "taakstelling-blijft": "series-kept",
    "taakstelling-ingetrokken": "series-withdrawn",
}


def committed_row(year):
    return year.fixed_costs + year.existing_staff + year.new_staff


def committed_chart(results, years, key="vastgelegd"):
    """Available per scenario next to what is committed: fixed costs, staff and new positions."""
    series = [
        Series(
            f"beschikbaar-{result.spec.key}",
            _("Beschikbaar (%(name)s)") % {"name": result.spec.name.lower()},
            SCENARIO_CLASSES.get(result.spec.key, "series-own"),
        )
        for result in results
    ]
    by_year = [result.by_year() for result in results]
    # One 'committed' series when the scenarios agree on it, else one per scenario.
    distinct = {tuple(committed_row(result[year]) for year in years) for result in by_year}
    committed = (
        [(Series("vastgelegd", _("Vastgelegd"), "series-committed"), by_year[0])]
        if len(distinct) <= 1
        else [
            (
                Series(
                    f"vastgelegd-{result.spec.key}",
                    _("Vastgelegd (%(name)s)") % {"name": result.spec.name.lower()},
                    f"series-committed committed-{index}",
                ),
                per_year,
            )
            for index, (result, per_year) in enumerate(zip(results, by_year, strict=True))
        ]
    )
    rows = {}
    for year in years:
        row = {
            item.key: per_year[year].total for item, per_year in zip(series, by_year, strict=True)
        }
        for item, per_year in committed:
            row[item.key] = committed_row(per_year[year])
        rows[year] = row
    return build_chart(
        key,
        _("Vastgelegd en beschikbaar per jaar"),
        _(
            "Staven per jaar: het beschikbare budget in elk scenario naast wat is vastgelegd "
            "(vaste lasten, bestaande personele inzet en de nieuwe functies)."
        ),
        series + [item for item, _per_year in committed],
        rows,
    )


# --- pages ------------------------------------------------------------------------------------


class BudgetPageMixin:
    section = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = self.section
        context["can_edit"] = can_edit(self.request.user)
        return context


def council_proposal_proposals(book, user):
    """The proposals of the council proposal that the savings target belongs to."""
    target = book.main_target
    proposals = Proposal.objects.visible_to(user).select_related("council_proposal")
    if target is not None and target.council_proposal_id:
        return list(proposals.filter(council_proposal_id=target.council_proposal_id))
    proposal_ids = {position.proposal_id for position in book.positions}
    return list(proposals.filter(pk__in=proposal_ids))
