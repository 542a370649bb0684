"""The yearly report to the council (raadsinformatiebrief) from the records of one year.

It is built and rendered by the council documents' machinery (proposals.documents): the same
HTML-to-PDF/A rendering, the same fetcher that loads only the portal's static files, the same
letterhead. It prints what the public results page shows, so that the figures are the same.

results/apps.py registers build_yearly_report with proposals.documents, so that an export of the
yearly report (proposals.DocumentExport of a year) is rendered by the same worker as the council
documents without proposals importing this app.
"""

from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from budget.models import BudgetLine
from core.municipality import current_municipality
from networks.models import Network
from projects.models import Project
from proposals.constants import DocumentKind
from proposals.documents import (
    DocumentNotFound,
    DocumentSource,
    clean_inline,
    render_pdf,
    static_url,
)
from representation.models import Mandate, Trip

from .figures import year_figures
from .services import plan_years

KIND = DocumentKind.YEARLY_REPORT


class NoPlanForYear(DocumentNotFound):
    """There is no published plan (or public effort) for the year asked."""

    def __str__(self):
        return _("Er is geen openbaar werkplan voor %(year)s.") % {"year": self.args[0]}


def report_context(year):
    """What the report prints: the public records of the year, grouped as the council reads it."""
    public = AnonymousUser()
    if year not in plan_years(public):
        raise NoPlanForYear(year)
    figures = year_figures(year, public)
    year_end = timezone.datetime(year, 12, 31).date()
    year_start = timezone.datetime(year, 1, 1).date()
    mandates = list(
        Mandate.objects.visible_to(public)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=year_start))
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=year_end))
        .select_related("network", "holder")
        .order_by("network__name", "body")
    )
    for mandate in mandates:
        mandate.holder_name = mandate.holder.public_name(public) if mandate.holder else ""
    projects = list(
        Project.objects.visible_to(public)
        .filter(year__lte=year)
        .filter(Q(year=year) | Q(status__in=["toegekend", "lopend"]) | Q(end_date__year=year))
        .select_related("programme")
        .prefetch_related("partners")
        .order_by("-year", "title")
    )
    trips = list(
        Trip.objects.visible_to(public)
        .filter(year=year)
        .prefetch_related("participants")
        .order_by("starts_on", "title")
    )
    budget_lines = list(
        BudgetLine.objects.filter(year=year).select_related("product").order_by("product", "name")
    )
    networks = list(Network.objects.visible_to(public).in_annex_b().order_by("annex_number"))
    has_examples = (
        figures["has_examples"]
        or any(item.is_example for item in [*mandates, *projects, *trips])
        or any(effort.is_example for effort in figures["efforts"])
        or any(line.actual_is_example for line in budget_lines)
    )
    return {
        "year": year,
        "figures": figures,
        "mandates": mandates,
        "projects": projects,
        "trips": trips,
        "trip_costs": sum((trip.costs for trip in trips if trip.costs is not None), 0),
        "budget_lines": budget_lines,
        "budget": budget_against_actuals(budget_lines),
        "networks": networks,
        "has_examples": has_examples,
    }


def budget_against_actuals(lines):
    """The year's budget total, and realised against budgeted over the lines with an actual."""
    known = [line for line in lines if line.actual is not None]
    budgeted_known = sum((line.amount for line in known), Decimal("0"))
    actual = sum((line.actual for line in known), Decimal("0"))
    return {
        "budgeted": sum((line.amount for line in lines), Decimal("0")),
        "n_actual": len(known),
        "budgeted_known": budgeted_known,
        "actual": actual,
        "difference": actual - budgeted_known,
    }


def build_yearly_report(year):
    """The HTML of the yearly report of one year, as a council document source.

    The year may come as text (the key of proposals.documents.build_document)."""
    year = int(year)
    municipality = current_municipality()
    with override("nl"):
        context = {
            "municipality": municipality,
            "stylesheet_url": static_url("css/pdf.css"),
            "logo_url": static_url(municipality.logo) if municipality.logo else "",
            **report_context(year),
        }
        title = f"Raadsinformatiebrief internationaal beleid: resultaten {year}"
        context["document_title"] = clean_inline(title)
        html = render_to_string("pdf/yearly_report.html", context)
    return DocumentSource(kind=KIND, case_number=str(year), html=html, title=title)


def render_yearly_report(year):
    """Build and render the yearly report; return the source and the rendered PDF."""
    source = build_yearly_report(year)
    return source, render_pdf(source)
