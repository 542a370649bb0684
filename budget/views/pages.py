"""The overview, the derivation and the national benchmark."""

from decimal import Decimal

from django.utils import timezone
from django.views.generic import TemplateView

from core.compiled import compiled_all
from core.municipality import current_municipality

from .. import kept
from ..actuals import actual_years
from ..constants import BenchmarkMeasure, FigureKind, SizeClass
from ..derivation import DerivationRows, year_options
from ..figures import BudgetBook, budget_years, year_span, year_window
from ..matrix import blocks_html, overview_blocks
from ..models import HOURS_PER_FTE, BenchmarkFigure, BenchmarkSource, RecordedFigure
from ..projections import council_scenarios, run_scenario
from .common import (
    BudgetPageMixin,
    attach_links,
    category_chart,
    committed_chart,
    link_for,
    requested_start,
    requested_year,
)


class OverviewView(BudgetPageMixin, TemplateView):
    """Every year's budget at a glance, how the council proposal's figures relate, and charts."""

    template_name = "budget/overview.html"
    section = "overview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        all_years = budget_years()
        # A window of years around the plan year; the others are a link away (issue 17).
        window = year_window(all_years, timezone.localdate().year, requested_start(self.request))
        years = window.years
        key = kept.fragment_key("overview", self.request.user, context["can_edit"], *years)
        context.update(kept_key=key, kept_html=kept.read(key))
        if context["kept_html"] is not None:
            return context
        # The proposal's years outside the window count only in the headline figures.
        book = BudgetBook(years=years, linked=False)
        shown = set(years)
        lines = [line for line in book.lines if line.year in shown]
        attach_links(lines, self.request.user)
        for position in book.positions:
            position.link_url = link_for(position.proposal, self.request.user)
        results = [run_scenario(book, spec, years) for spec in council_scenarios()]
        blocks = overview_blocks(book, years, context["can_edit"])
        staff_year = book.recorded_figure("personeel_resteert")
        cover_year = book.recorded_figure("incidentele_dekking")
        context.update(
            book=book,
            all_years=all_years,
            window=window,
            years=years,
            blocks=blocks,
            blocks_html=blocks_html(blocks, years),
            summaries=[book.summary(year) for year in years],
            staff_summary=book.summary(staff_year.year) if staff_year else None,
            cover_summary=book.summary(cover_year.year) if cover_year else None,
            target=book.main_target,
            results=results,
            category_chart=category_chart(book, years),
            committed_chart=committed_chart(results, years),
            actual_years=actual_years(lines),
        )
        return context


class DerivationView(BudgetPageMixin, TemplateView):
    """The council proposal's arithmetic, step by step, from the stored records."""

    template_name = "budget/derivation.html"
    section = "derivation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        all_years = budget_years()
        asked = requested_year(self.request, all_years, None)
        key = kept.fragment_key("derivation", self.request.user, context["can_edit"], asked)
        context.update(kept_key=key, kept_html=kept.read(key))
        if context["kept_html"] is not None:
            return context
        recorded = compiled_all(RecordedFigure)
        staff_figures = sorted(
            (f for f in recorded if f.kind == FigureKind.STAFF_REMAINDER), key=lambda f: f.year
        )
        default = staff_figures[0].year if staff_figures else (all_years[0] if all_years else None)
        year = requested_year(self.request, all_years, default)
        # Only the shown year's records, and those of the years the proposal gives figures for.
        book = BudgetBook(years=[year] if year else [], recorded=recorded)
        attach_links(book.lines, self.request.user)
        cover_figure = book.recorded_figure("incidentele_dekking")
        summary = book.summary(year) if year else None
        target = book.main_target
        positions_cost = book.new_positions_cost()
        context.update(
            book=book,
            all_years=all_years,
            year=year,
            year_options=year_options(all_years, year),
            summary=summary,
            rows=DerivationRows(summary).as_dict() if summary else None,
            target=target,
            after_target=(summary.staff_budget - target.amount) if summary and target else None,
            positions=book.positions,
            positions_cost=positions_cost,
            positions_fte=book.new_positions_fte(),
            room_after_withdrawal=(target.amount - positions_cost) if target else None,
            cover_summary=book.summary(cover_figure.year) if cover_figure else None,
            checks=[
                check
                for s in book.summaries.values()
                for check in (s.staff_check(), s.cover_check())
                if check.recorded is not None
            ],
        )
        for position in book.positions:
            position.link_url = link_for(position.proposal, self.request.user)
        return context


class BenchmarkView(BudgetPageMixin, TemplateView):
    """The municipality next to the VNG survey of 2009, for municipalities of its size."""

    template_name = "budget/benchmark.html"
    section = "benchmark"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        book = BudgetBook()
        staff_figure = book.recorded_figure("personeel_resteert")
        figures = list(BenchmarkFigure.objects.select_related("source"))
        size_class = current_municipality().size_class
        if size_class not in SizeClass.values:
            size_class = None
        mine = [f for f in figures if size_class and f.size_class == size_class]
        everyone = [f for f in figures if f.size_class == SizeClass.ALL]

        def pick(pool, measure, year=None):
            return next(
                (
                    f
                    for f in pool
                    if f.measure == measure and (year is None or f.reference_year == year)
                ),
                None,
            )

        own_years = []
        for year in book.years:
            summary = book.summary(year)
            spending = summary.available - summary.staff_budget
            band = next(
                (
                    f
                    for f in mine
                    if f.measure == BenchmarkMeasure.SPENDING_BAND
                    and f.reference_year == 2008
                    and f.band_contains(spending)
                ),
                None,
            )
            own_years.append(
                {
                    "summary": summary,
                    "fte": summary.positions_fte,
                    "hours": (summary.positions_fte * HOURS_PER_FTE).quantize(Decimal("0.1")),
                    "spending": spending,
                    "band": band,
                }
            )
        average = pick(mine, BenchmarkMeasure.AVERAGE_SPENDING)
        for row in own_years:
            row["ratio"] = (row["spending"] / average.value * 100).quantize(1) if average else None
        bands_2008 = [
            f
            for f in mine
            if f.measure == BenchmarkMeasure.SPENDING_BAND and f.reference_year == 2008
        ]
        bands_2005 = {
            f.band: f
            for f in mine
            if f.measure == BenchmarkMeasure.SPENDING_BAND and f.reference_year == 2005
        }
        all_2008 = {
            f.band: f
            for f in everyone
            if f.measure == BenchmarkMeasure.SPENDING_BAND and f.reference_year == 2008
        }
        context.update(
            source=BenchmarkSource.objects.first(),
            size_class=SizeClass(size_class).label if size_class else None,
            hours_on_paper=pick(mine, BenchmarkMeasure.HOURS_ON_PAPER),
            hours_in_practice=pick(mine, BenchmarkMeasure.HOURS_IN_PRACTICE),
            all_hours_on_paper=pick(everyone, BenchmarkMeasure.HOURS_ON_PAPER),
            all_hours_in_practice=pick(everyone, BenchmarkMeasure.HOURS_IN_PRACTICE),
            average=average,
            minimum=pick(mine, BenchmarkMeasure.MINIMUM_SPENDING),
            maximum=pick(mine, BenchmarkMeasure.MAXIMUM_SPENDING),
            band_rows=[
                (
                    f,
                    bands_2005.get(f.band),
                    all_2008.get(f.band),
                    year_span(
                        row["summary"].year for row in own_years if f.band_contains(row["spending"])
                    ),
                )
                for f in bands_2008
            ],
            staff_summary=book.summary(staff_figure.year) if staff_figure else None,
            own_years=own_years,
            hours_per_fte=HOURS_PER_FTE,
            has_figures=bool(figures),
        )
        return context
