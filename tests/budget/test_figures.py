"""The council proposal's arithmetic, computed from the stored records."""

from decimal import Decimal

import pytest

from budget.figures import BudgetBook
from budget.models import BudgetLine, RecordedFigure
from budget.projections import council_scenarios, proposal_outcomes, run_scenario
from proposals.models import Proposal

pytestmark = pytest.mark.django_db


def test_the_seeds_own_arithmetic():
    """The figures of the council proposal relate as its text says, to the euro."""
    available = Decimal("88942") + Decimal("151067")
    assert available == Decimal("240009")
    after_memberships = available - Decimal("23500") - Decimal("7000") - Decimal("4400")
    assert after_memberships == Decimal("205109")
    assert after_memberships - Decimal("179793") == Decimal("25316")  # travel, congresses
    assert Decimal("40000") + Decimal("16000") == Decimal("56000")
    assert Decimal("56610") - Decimal("56000") == Decimal("610")
    assert Decimal("179793") - Decimal("56610") == Decimal("123183")


def test_2017_is_derived_from_the_stored_lines(hengelo):
    summary = BudgetBook().summary(2017)
    assert summary.available == Decimal("240009")
    assert summary.non_staff_total == Decimal("34900")
    assert summary.remainder_from_lines == Decimal("205109")
    assert summary.staff_budget == Decimal("179793")
    assert summary.unitemised == Decimal("25316")
    check = summary.staff_check()
    assert check.recorded.amount == Decimal("179793")
    assert check.difference == Decimal("25316")
    assert not check.matches()


def test_a_changed_line_changes_the_difference(hengelo):
    BudgetLine.objects.filter(year=2017, name="Lidmaatschap EUREGIO").update(amount=24500)
    check = BudgetBook().summary(2017).staff_check()
    assert check.computed == Decimal("204109")
    assert check.difference == Decimal("24316")


def test_the_2018_cover_adds_up_from_the_one_off_lines(hengelo):
    summary = BudgetBook().summary(2018)
    assert summary.one_off_cover == Decimal("56000")
    assert summary.cover_check().matches()
    RecordedFigure.objects.filter(kind="incidentele_dekking").update(amount=50000)
    assert BudgetBook().summary(2018).cover_check().difference == Decimal("6000")


def test_planning_years_leave_the_same_for_staff(hengelo):
    book = BudgetBook()
    assert book.years == [2017, 2018, 2019, 2020, 2021, 2022]
    for year in range(2018, 2023):
        summary = book.summary(year)
        assert summary.available == Decimal("245009"), year
        assert summary.staff_budget == Decimal("179793"), year
        assert summary.has_planning
    assert book.summary(2019).positions_cost == Decimal("56000")
    assert book.summary(2018).positions_cost == 0


def test_the_two_scenarios_per_year(hengelo):
    book = BudgetBook()
    kept, withdrawn = (run_scenario(book, spec).by_year() for spec in council_scenarios())
    assert [kept[year].total for year in (2017, 2018, 2019, 2022)] == [
        Decimal("240009"),
        Decimal("245009"),
        Decimal("188399"),
        Decimal("188399"),
    ]
    assert [withdrawn[year].total for year in (2017, 2018, 2019, 2022)] == [
        Decimal("240009"),
        Decimal("245009"),
        Decimal("245009"),
        Decimal("245009"),
    ]
    assert kept[2019].target_cut == Decimal("56610")
    assert withdrawn[2019].target_cut == 0
    assert kept[2019].balance == Decimal("-56000")
    assert withdrawn[2019].balance == Decimal("610")
    assert kept[2018].balance == withdrawn[2018].balance == 0
    assert kept[2018].one_off_staff == Decimal("56000")


def test_what_the_scenarios_mean_for_the_proposals(hengelo):
    book = BudgetBook()
    proposals = list(Proposal.objects.order_by("number"))
    kept, withdrawn = (
        {o.proposal.number: o for o in proposal_outcomes(book, run_scenario(book, spec), proposals)}
        for spec in council_scenarios()
    )
    assert kept[6].status == kept[7].status == "niet-gedekt"
    assert "2019-2022" in str(kept[6].detail)
    assert kept[5].status == "uitvoerbaar"  # its EUR 5,000 comes from the kadernota
    assert kept[1].status == "afhankelijk"
    assert {o.status for o in withdrawn.values()} <= {"uitvoerbaar", "geen-kosten"}
    assert withdrawn[6].status == "uitvoerbaar"
