"""Scenario projections: what the budget does per year if the savings target stays or goes, and
what the finance department's own changes would mean, without touching the stored budget."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .constants import LineCategory
from .figures import total, year_span


@dataclass
class ScenarioSpec:
    """A way the budget could go: which targets are withdrawn, which amounts change."""

    key: str
    name: str
    description: str = ""
    withdraw_from: int | None = None
    withdraw_as_proposed: bool = False
    line_changes: dict = field(default_factory=dict)
    position_changes: dict = field(default_factory=dict)
    url: str = ""

    def target_withdrawn_from(self, target):
        if self.withdraw_as_proposed:
            return target.withdrawn_from_year
        return self.withdraw_from

    def line_amount(self, line):
        changes = self.line_changes.get((line.product_id, line.name), [])
        return latest_change(changes, line.year, line.amount)

    def position_cost(self, position, year):
        changes = self.position_changes.get(position.pk, [])
        return latest_change(changes, year, position.yearly_cost)


def latest_change(changes, year, default):
    """The amount of the latest change that has started by the year, else the default."""
    amount = default
    for from_year, new_amount in sorted(changes):
        if from_year <= year:
            amount = new_amount
    return amount


def council_scenarios():
    """The council's choice: the savings target kept, or withdrawn as the proposal asks."""
    return [
        ScenarioSpec(
            key="taakstelling-blijft",
            name=str(_("Taakstelling blijft")),
            description=str(
                _(
                    "De bezuinigingstaakstelling wordt ingevuld: de inzet op lobby en "
                    "samenwerking wordt beperkt tot enkele cruciale dossiers."
                )
            ),
        ),
        ScenarioSpec(
            key="taakstelling-ingetrokken",
            name=str(_("Taakstelling ingetrokken")),
            description=str(
                _(
                    "De raad trekt de taakstelling in (kadernota 2019-2022); het pakket "
                    "voorstellen gaat per 2019 in."
                )
            ),
            withdraw_as_proposed=True,
        ),
    ]


def spec_from_scenario(scenario):
    """Turn a stored scenario (with its changes prefetched) into a spec."""
    line_changes, position_changes = defaultdict(list), defaultdict(list)
    for change in scenario.changes.all():
        if change.position_id:
            position_changes[change.position_id].append((change.from_year, change.amount))
        else:
            line_changes[(change.product_id, change.line_name)].append(
                (change.from_year, change.amount)
            )
    return ScenarioSpec(
        key=scenario.slug,
        name=scenario.name,
        description=scenario.description,
        withdraw_from=scenario.withdraw_targets_from_year,
        line_changes=dict(line_changes),
        position_changes=dict(position_changes),
        url=scenario.get_absolute_url(),
    )


@dataclass
class ScenarioYear:
    year: int
    available: Decimal
    fixed_costs: Decimal
    target_cut: Decimal
    existing_staff: Decimal
    structural_positions: Decimal
    one_off_staff: Decimal
    has_planning: bool

    @property
    def staff_budget(self):
        return self.available - self.fixed_costs

    @property
    def room(self):
        """What the staff budget leaves, after the cut and the existing staff, for new staff."""
        return self.staff_budget - self.target_cut - self.existing_staff

    @property
    def new_staff(self):
        return self.structural_positions + self.one_off_staff

    @property
    def balance(self):
        return self.room - self.new_staff

    @property
    def total(self):
        """The year's budget for international policy in this scenario."""
        return self.available - self.target_cut

    def is_covered(self):
        """Say whether the new staff costs fit in the room this year."""
        return self.balance >= 0


@dataclass
class ScenarioResult:
    spec: ScenarioSpec
    years: list

    def is_covered(self):
        """Say whether the whole package is paid for in every year."""
        return all(year.is_covered() for year in self.years)

    @property
    def shortfall_years(self):
        return [year.year for year in self.years if not year.is_covered()]

    def by_year(self):
        return {year.year: year for year in self.years}


def run_scenario(book, spec, years=None):
    """Compute a scenario per year from the stored records and the spec's changes."""
    results = []
    for year in years or book.years:
        summary = book.summary(year)
        changed_lines = total(spec.line_amount(line) for line in summary.non_staff_lines)
        fixed = summary.unitemised + changed_lines
        cut = total(
            target.amount
            for target in book.targets
            if target.cuts_in(year, withdrawn_from=spec.target_withdrawn_from(target))
        )
        existing_staff = (
            summary.staff_budget
            - book.full_target_cut(year)
            - total(line.amount for line in summary.staff_lines)
        )
        results.append(
            ScenarioYear(
                year=year,
                available=summary.available,
                fixed_costs=fixed,
                target_cut=cut,
                existing_staff=existing_staff,
                structural_positions=total(
                    spec.position_cost(position, year) for position in summary.active_positions
                ),
                one_off_staff=total(spec.line_amount(line) for line in summary.staff_lines),
                has_planning=summary.has_planning,
            )
        )
    return ScenarioResult(spec, results)


@dataclass
class ProposalOutcome:
    proposal: object
    positions: list
    lines: list
    status: str
    label: str
    detail: str = ""


FEASIBLE, NOT_COVERED, DEPENDS, NO_COST = "uitvoerbaar", "niet-gedekt", "afhankelijk", "geen-kosten"


def proposal_outcomes(book, result, proposals):
    """What a scenario means for each proposal: can it be carried out, and why (not)."""
    positions_by_proposal, lines_by_proposal = defaultdict(list), defaultdict(list)
    for position in book.positions:
        positions_by_proposal[position.proposal_id].append(position)
    for line in book.lines:
        if line.proposal_id:
            lines_by_proposal[line.proposal_id].append(line)
    by_year = result.by_year()
    outcomes = []
    for proposal in proposals:
        positions = positions_by_proposal[proposal.pk]
        lines = lines_by_proposal[proposal.pk]
        cost_years = sorted(
            {year for year in by_year for p in positions if p.is_active_in(year)}
            | {line.year for line in lines if line.category == LineCategory.STAFF}
        )
        short = [year for year in cost_years if year in by_year and not by_year[year].is_covered()]
        dropped = sorted(
            {
                line.year
                for line in lines
                if line.amount > 0 and result.spec.line_amount(line) == 0 and line.year in by_year
            }
        )
        if short:
            status, label = NOT_COVERED, _("Niet gedekt")
            detail = _("tekort in %(years)s") % {"years": year_span(short)}
        elif dropped:
            status, label = NOT_COVERED, _("Geschrapt")
            detail = _("geen geld in %(years)s") % {"years": year_span(dropped)}
        elif positions or lines:
            status, label, detail = FEASIBLE, _("Uitvoerbaar"), _("de kosten zijn gedekt")
        elif result.is_covered():
            status, label, detail = NO_COST, _("Uitvoerbaar"), _("geen eigen kosten")
        else:
            status, label = DEPENDS, _("Onder druk")
            detail = _(
                "geen eigen kosten, maar het pakket is alleen uitvoerbaar als de taakstelling "
                "wordt ingetrokken"
            )
        outcomes.append(ProposalOutcome(proposal, positions, lines, status, label, detail))
    return outcomes
