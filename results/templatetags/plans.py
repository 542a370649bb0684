from django import template

from ..models import WorkPlan

register = template.Library()


@register.inclusion_tag("results/includes/plan_nav.html", takes_context=True)
def plan_nav(context, year, effort_years=()):
    """The plan of the year shown, and the other years one click away (one query)."""
    user = context["request"].user
    plans = list(WorkPlan.objects.visible_to(user))
    years = sorted({plan.year for plan in plans} | set(effort_years), reverse=True)
    return {
        "year": year,
        "plan": next((plan for plan in plans if plan.year == year), None),
        "years": years,
        "perms": context.get("perms"),
        "user": user,
    }
