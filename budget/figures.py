"""How the budget figures relate, computed from the stored records rather than typed in.

A BudgetBook reads every budget record once (a fixed number of queries, whatever the number of
years and lines) and answers the pages' questions from memory: what each year holds, how the
council proposal's figures follow from the lines, and what a scenario means per year.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.compiled import compiled_all, compiled_rows

from .book_lines import SUM_FIELDS, SumLine, book_budgets, book_lines
from .constants import Basis, FigureKind, LineCategory
from .models import (
    BudgetLine,
    BudgetProduct,
    ProductBudget,
    RecordedFigure,
    SavingsTarget,
    StaffPosition,
)

ZERO = Decimal("0")


def total(amounts):
    return sum(amounts, ZERO)


@dataclass
class Check:
    """A figure computed from the stored records next to the figure the council proposal gives."""

    label: str
    computed: Decimal
    recorded: RecordedFigure | None

    @property
    def difference(self):
        if self.recorded is None:
            return None
        return self.computed - self.recorded.amount

    def matches(self):
        """Say whether the stored records add up to the recorded figure."""
        return self.recorded is not None and self.difference == 0


@dataclass
class YearSummary:
    """One budget year: what is available, what the lines take, and what is left for staff."""

    year: int
    product_budgets: list
    lines: list
    recorded: dict
    positions: list

    @cached_property
    def available(self):
        return total(pb.amount for pb in self.product_budgets)

    @cached_property
    def staff_lines(self):
        return [line for line in self.lines if line.category == LineCategory.STAFF]

    @cached_property
    def non_staff_lines(self):
        return [line for line in self.lines if line.category != LineCategory.STAFF]

    @cached_property
    def memberships(self):
        return [line for line in self.non_staff_lines if line.category == LineCategory.MEMBERSHIP]

    @cached_property
    def partner_city_lines(self):
        return [
            line
            for line in self.non_staff_lines
            if line.category != LineCategory.MEMBERSHIP and line.partner_city_id
        ]

    @cached_property
    def other_lines(self):
        taken = {line.pk for line in self.memberships + self.partner_city_lines}
        return [line for line in self.non_staff_lines if line.pk not in taken]

    @cached_property
    def by_category(self):
        sums = dict.fromkeys(LineCategory.values, ZERO)
        for line in self.lines:
            sums[line.category] += line.amount
        return sums

    @cached_property
    def lines_total(self):
        return total(line.amount for line in self.lines)

    @cached_property
    def non_staff_total(self):
        return total(line.amount for line in self.non_staff_lines)

    @cached_property
    def remainder_from_lines(self):
        """What the stored lines leave for staff: the budgets minus every non-staff line."""
        return self.available - self.non_staff_total

    @property
    def recorded_staff(self):
        return self.recorded.get(FigureKind.STAFF_REMAINDER)

    @property
    def recorded_cover(self):
        return self.recorded.get(FigureKind.ONE_OFF_COVER)

    @cached_property
    def staff_budget(self):
        """What is left for staff: the council proposal's figure where it gives one."""
        if self.recorded_staff is not None:
            return self.recorded_staff.amount
        return self.remainder_from_lines

    @cached_property
    def unitemised(self):
        """The part of the budget the proposal spends without itemising it (travel, congresses)."""
        return self.remainder_from_lines - self.staff_budget

    @cached_property
    def fixed_costs(self):
        """Everything that is not staff: the non-staff lines plus what is not itemised."""
        return self.non_staff_total + self.unitemised

    @cached_property
    def one_off_staff_lines(self):
        return [line for line in self.staff_lines if line.is_one_off()]

    @cached_property
    def one_off_cover(self):
        return total(line.amount for line in self.one_off_staff_lines)

    @cached_property
    def active_positions(self):
        return [position for position in self.positions if position.is_active_in(self.year)]

    @cached_property
    def positions_cost(self):
        return total(position.yearly_cost for position in self.active_positions)

    @cached_property
    def positions_fte(self):
        return total(position.fte for position in self.active_positions)

    @cached_property
    def has_planning(self):
        return any(pb.basis == Basis.PLANNING for pb in self.product_budgets) or any(
            line.basis == Basis.PLANNING for line in self.lines
        )

    def staff_check(self):
        return Check(
            _("Resteert voor personele inzet"), self.remainder_from_lines, self.recorded_staff
        )

    def cover_check(self):
        return Check(
            _("Incidentele dekking uit bestaand budget"), self.one_off_cover, self.recorded_cover
        )


class BudgetBook:
    """Every budget record, read once; the pages compute from this.

    With `years`, only the budgets and lines of those years are read, plus those of the years
    the council proposal gives figures for (the pages' headline figures come from those). With
    `linked=False` the latter are read without what they pay for: enough for their sums.
    The lines are BookLines and the budgets BookBudgets (budget/book_lines.py), not model
    instances.
    """

    def __init__(self, years=None, recorded=None, linked=True):
        self.recorded = compiled_all(RecordedFigure) if recorded is None else recorded
        self.products = compiled_all(BudgetProduct)
        products = {product.pk: product for product in self.products}
        product_budgets = ProductBudget.objects.all()
        lines = BudgetLine.objects.all()
        if years is None:
            self.product_budgets = book_budgets(product_budgets, products)
            self.lines = book_lines(lines, products)
        else:
            # The queries are compiled once per process and set of years (core.compiled): the
            # years come from the stored ones, so there are at most as many as the windows.
            extra = {figure.year for figure in self.recorded} - set(years)
            wanted = set(years) if not linked else set(years) | extra
            budget_years = set(years) | extra
            self.product_budgets = book_budgets(
                lambda: ProductBudget.objects.filter(year__in=budget_years),
                products,
                key=(tuple(sorted(budget_years)),),
            )
            self.lines = book_lines(
                lambda: BudgetLine.objects.filter(year__in=wanted),
                products,
                key=(tuple(sorted(wanted)),),
            )
            if extra and not linked:
                self.lines += [
                    SumLine(*values)
                    for values in compiled_rows(
                        ("sum_lines", tuple(sorted(extra))),
                        lambda: BudgetLine.objects.filter(year__in=extra).values_list(
                            "pk", *SUM_FIELDS
                        ),
                    )
                ]
        self.positions = list(StaffPosition.objects.select_related("proposal__council_proposal"))
        self.targets = list(SavingsTarget.objects.select_related("council_proposal"))

    @cached_property
    def years(self):
        return sorted({pb.year for pb in self.product_budgets} | {line.year for line in self.lines})

    @cached_property
    def summaries(self):
        budgets, lines, recorded = defaultdict(list), defaultdict(list), defaultdict(dict)
        for pb in self.product_budgets:
            budgets[pb.year].append(pb)
        for line in self.lines:
            lines[line.year].append(line)
        for figure in self.recorded:
            recorded[figure.year][figure.kind] = figure
        return {
            year: YearSummary(year, budgets[year], lines[year], recorded[year], self.positions)
            for year in self.years
        }

    def summary(self, year):
        return self.summaries.get(year) or YearSummary(year, [], [], {}, self.positions)

    def recorded_figure(self, kind):
        """The first year's figure of a kind, for the derivation's headline."""
        figures = sorted((f for f in self.recorded if f.kind == kind), key=lambda f: f.year)
        return figures[0] if figures else None

    @cached_property
    def main_target(self):
        """The savings target the pages discuss: the largest one that is not realised."""
        targets = sorted(self.targets, key=lambda target: target.amount, reverse=True)
        return targets[0] if targets else None

    def full_target_cut(self, year):
        """What the targets take in a year if none is withdrawn."""
        return total(target.amount for target in self.targets if target.cuts_in(year))

    def new_positions_cost(self):
        return total(position.yearly_cost for position in self.positions)

    def new_positions_fte(self):
        return total(position.fte for position in self.positions)


def budget_years():
    """Every year that has a product budget or a budget line, in one query (compiled once per
    process: every budget page asks it, also when its tables are kept)."""

    def years():
        budget_years = ProductBudget.objects.order_by().values_list("year")
        line_years = BudgetLine.objects.order_by().values_list("year")
        return budget_years.union(line_years)

    return sorted({year for (year,) in compiled_rows(("budget_years",), years)})


WINDOW_YEARS = 7  # the plan year and three on either side


@dataclass
class YearWindow:
    """The years a page shows side by side, and where the ones before and after start."""

    years: list
    earlier: int | None = None  # first year of the window before, if any
    later: int | None = None  # first year of the window after, if any

    @property
    def is_partial(self):
        return self.earlier is not None or self.later is not None


def plan_year(years, today_year):
    """The year of the budget that is being carried out: this year, or the nearest one known."""
    return min(years, key=lambda year: (abs(year - today_year), -year)) if years else None


def year_window(years, anchor, start=None, size=WINDOW_YEARS):
    """At most `size` of the known years: from `start` when it is one of them, else centred on
    `anchor`; years without any record never get a column."""
    if len(years) <= size:
        return YearWindow(list(years))
    if start in years:
        first = years.index(start)
    else:
        nearest = years.index(plan_year(years, anchor)) if anchor is not None else 0
        first = nearest - size // 2
    first = max(0, min(first, len(years) - size))
    last = first + size
    return YearWindow(
        years[first:last],
        earlier=years[max(0, first - size)] if first > 0 else None,
        later=years[last] if last < len(years) else None,
    )


def year_span(years):
    """Write years compactly: 2019-2022, or 2018, 2020."""
    years = sorted(years)
    if not years:
        return ""
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(year) for year in years)


# --- charts -----------------------------------------------------------------------------------


def category_rows(book, years):
    """The chart 'budget per year and per category': the categories add up to the budget."""
    rows = {}
    for year in years:
        summary = book.summary(year)
        by_category = summary.by_category
        rows[year] = {
            LineCategory.MEMBERSHIP: by_category[LineCategory.MEMBERSHIP],
            LineCategory.ACTIVITIES: by_category[LineCategory.ACTIVITIES] + summary.unitemised,
            LineCategory.GRANTS: by_category[LineCategory.GRANTS],
            LineCategory.STAFF: summary.staff_budget,
        }
    return rows
