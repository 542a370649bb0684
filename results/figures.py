"""The figures of one plan year: the public results page and the yearly report share them."""

from django.db.models import Case, CharField, Count, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from networks.constants import ResultStatus
from networks.models import Effort

from .constants import CROSS_BORDER_NETWORKS, WORLD_NETWORKS, ReportGroup
from .models import EffortResult, WorkPlan


def annotate_efforts(queryset):
    """Add each effort's result status (planned without a result) and its report group."""
    return queryset.annotate(
        result_status=Coalesce("result__status", Value(ResultStatus.PLANNED.value)),
        report_group=Case(
            When(network__isnull=True, then=Value(ReportGroup.EUROPE.value)),
            When(network__partner_city__isnull=False, then=Value(ReportGroup.PARTNER_CITY.value)),
            When(
                network__slug__in=CROSS_BORDER_NETWORKS, then=Value(ReportGroup.CROSS_BORDER.value)
            ),
            When(network__slug__in=WORLD_NETWORKS, then=Value(ReportGroup.WORLD.value)),
            default=Value(ReportGroup.EUROPE.value),
            output_field=CharField(),
        ),
    )


def years_figures(years, user):
    """The figures of several years (without rows) in three queries, whatever their number."""
    efforts = annotate_efforts(Effort.objects.visible_to(user).filter(year__in=years))
    per_status = {}
    for year, status, count in (
        efforts.order_by()
        .values_list("year", "result_status")
        .annotate(n=Count("pk"))
        .values_list("year", "result_status", "n")
    ):
        per_status.setdefault(year, {})[status] = count
    totals = {
        row["effort__year"]: row
        for row in EffortResult.objects.filter(effort__in=efforts)
        .order_by()
        .values("effort__year")
        .annotate(
            money=Sum("money_spent"),
            hours=Sum("hours_spent"),
            n=Count("pk"),
            examples=Count("pk", filter=Q(is_example=True)),
        )
    }
    plans = {plan.year: plan for plan in WorkPlan.objects.visible_to(user).filter(year__in=years)}
    empty = {"money": None, "hours": None, "n": 0, "examples": 0}
    return [
        figures_of(year, per_status.get(year, {}), totals.get(year, empty), plans.get(year))
        for year in years
    ]


def figures_of(year, per_status, totals, plan):
    return {
        "year": year,
        "plan": plan,
        "n_efforts": sum(per_status.values()),
        "n_results": totals["n"],
        "statuses": [
            {"value": status.value, "label": status.label, "count": per_status.get(status, 0)}
            for status in ResultStatus
        ],
        "money_spent": totals["money"],
        "hours_spent": totals["hours"],
        "has_examples": bool(totals["examples"]) or bool(plan and plan.is_example),
    }


def year_figures(year, user, with_rows=True):
    """Counts per result status, hours and money spent, and (with_rows) the efforts per group."""
    efforts = annotate_efforts(Effort.objects.visible_to(user).for_year(year))
    per_status = dict(
        efforts.order_by()
        .values_list("result_status")
        .annotate(n=Count("pk"))
        .values_list("result_status", "n")
    )
    results = EffortResult.objects.filter(effort__in=efforts)
    totals = results.aggregate(
        money=Sum("money_spent"),
        hours=Sum("hours_spent"),
        n=Count("pk"),
        examples=Count("pk", filter=Q(is_example=True)),
    )
    plan = WorkPlan.objects.visible_to(user).filter(year=year).first()
    figures = figures_of(year, per_status, totals, plan)
    if with_rows:
        rows = list(
            efforts.select_related("network", "forum", "result", "carried_over_from")
            .prefetch_related("themes")
            .order_by("number")
        )
        figures["groups"] = [
            {
                "value": group.value,
                "label": group.label,
                "efforts": [row for row in rows if row.report_group == group],
            }
            for group in ReportGroup
        ]
        figures["efforts"] = rows
    return figures
