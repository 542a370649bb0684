from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

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
        "year_items": year_items(years, year),
        "perms": context.get("perms"),
        "user": user,
    }


def year_items(years, year):
    """The navigation's item per year, written here (issue 17: at 50 years a template loop with
    a {% url %} per year cost more than the rest of the list page)."""
    href = conditional_escape(reverse("networks:effort-list"))
    active, here = " active", ' aria-current="page"'
    items = []
    for other in years:
        current = other == year
        items.append(
            f'\n      <li class="nav-item"><a class="nav-link{active if current else ""}" '
            f'href="{href}?jaar={other}"{here if current else ""}>{other}</a></li>\n    '
        )
    return mark_safe("".join(items))  # noqa: S308 - years are numbers, the URL escaped
