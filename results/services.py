"""Writes of the plan cycle: recording a result, drafting a plan, carrying efforts over."""

from django.db import transaction
from django.db.models import Max

from core.constants import Visibility
from networks.models import Effort

from .constants import CROSS_BORDER_NETWORKS, WORLD_NETWORKS, PlanStatus, ReportGroup
from .models import WorkPlan


def record_result(form, user):
    """Save a result form; the user becomes who set the status when the status changed."""
    result = form.instance
    with transaction.atomic():
        if result.pk is None or "status" in form.changed_data or result.status_set_by_id is None:
            result.status_set_by = user
        return form.save()


def next_number(year):
    return (Effort.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1


def carry_over(plan, efforts):
    """Copy chosen efforts of an earlier year into the plan, each linked to its original."""
    visibility = Visibility.DRAFT if plan.is_draft() else Visibility.PUBLIC
    created = []
    with transaction.atomic():
        number = next_number(plan.year)
        for effort in sorted(efforts, key=lambda item: (item.year, item.number)):
            copy = Effort(
                year=plan.year,
                number=number,
                title=effort.title,
                description=effort.description,
                expected_yield=effort.expected_yield,
                lead=effort.lead,
                network=effort.network,
                forum=effort.forum,
                visibility=visibility,
                carried_over_from=effort,
            )
            copy.full_clean()
            copy.save()
            copy.themes.set(effort.themes.all())
            copy.yield_kinds.set(effort.yield_kinds.all())
            created.append(copy)
            number += 1
    return created


def create_plan(form, carried):
    """Save a new plan and carry over the chosen efforts of the year before, all or nothing."""
    with transaction.atomic():
        plan = form.save()
        carry_over(plan, carried)
    return plan


def adopt_plan(form):
    """Record the college's adoption: the plan and its draft efforts become public."""
    with transaction.atomic():
        plan = form.save(commit=False)
        plan.status = PlanStatus.ADOPTED
        plan.full_clean()
        plan.save()
        for effort in Effort.objects.filter(year=plan.year, visibility=Visibility.DRAFT):
            effort.visibility = Visibility.PUBLIC
            effort.save(update_fields=["visibility"])
    return plan


def report_group(effort):
    """Where the council reads an effort in the yearly report, from the network it is part of."""
    network = effort.network
    if network is None:
        return ReportGroup.EUROPE
    if getattr(network, "partner_city", None) is not None:
        return ReportGroup.PARTNER_CITY
    if network.slug in CROSS_BORDER_NETWORKS:
        return ReportGroup.CROSS_BORDER
    if network.slug in WORLD_NETWORKS:
        return ReportGroup.WORLD
    return ReportGroup.EUROPE


def plan_years(user):
    """The years that have a plan or efforts the user may see, latest first."""
    plans = WorkPlan.objects.visible_to(user).order_by().values_list("year", flat=True)
    efforts = Effort.objects.visible_to(user).order_by().values_list("year", flat=True)
    return sorted(set(plans.union(efforts)), reverse=True)
