"""load_hengelo loads the facts of council proposal 2200511 exactly, and twice is once."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
import yaml
from django.apps import apps
from django.core.management import CommandError, call_command

from budget.models import (
    BudgetLine,
    ProductBudget,
    RecordedFigure,
    SavingsTarget,
    StaffPosition,
)
from core.loading import DEFAULT_DATA_FILE
from networks.constants import Lead, Representation
from networks.models import Effort, Forum, Network, Theme
from partnercity.models import Activity, GrantScheme, PartnerCity, TwinningAssociation
from proposals.models import CouncilProposal, DecisionPoint, Motion, Proposal

pytestmark = pytest.mark.django_db


def domain_counts():
    """Count the rows of every model of the domain apps, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for app in ("networks", "proposals", "partnercity", "budget")
        for model in apps.get_app_config(app).get_models()
    }


def test_counts_of_the_council_proposal(hengelo):
    assert Proposal.objects.count() == 9
    assert DecisionPoint.objects.count() == 2
    assert Effort.objects.filter(year=2018).count() == 16
    assert Network.objects.in_annex_b().count() == 9
    assert Theme.objects.action_lines().count() == 4
    assert Theme.objects.extra_themes().count() == 7
    assert list(Proposal.objects.values_list("number", flat=True)) == list(range(1, 10))


def test_motion_case_numbers_and_process_dates(hengelo):
    motion = Motion.objects.get()
    assert motion.case_number == "2143558"
    assert motion.adopted_on == date(2017, 7, 18)
    assert len(motion.point_list) == 3
    council_proposal = CouncilProposal.objects.get(case_number="2200511")
    assert council_proposal.motion == motion
    assert council_proposal.council_meeting_on == date(2018, 3, 6)
    steps = {(step.kind, step.date, step.case_number) for step in council_proposal.steps.all()}
    assert ("politieke_markt", date(2017, 11, 22), "") in steps
    assert ("politieke_markt", date(2018, 2, 14), "") in steps
    assert ("aanbiedingsbrief", date(2018, 1, 23), "2200511") in steps
    assert ("raadsvergadering", date(2018, 3, 6), "") in steps
    assert ("procesbrief", None, "2171492") in steps


def test_budget_figures(hengelo):
    budgets = {pb.product.code: pb.amount for pb in ProductBudget.objects.filter(year=2017)}
    assert budgets == {
        "strategische-lobby": Decimal("88942"),
        "regionale-internationale-samenwerking": Decimal("151067"),
    }
    lines = {line.name: line for line in BudgetLine.objects.filter(year=2017)}
    assert lines["Lidmaatschap EUREGIO"].amount == Decimal("23500")
    assert lines["Lidmaatschap EUREGIO"].network.slug == "euregio"
    assert lines["Activiteiten partnerschap Emsdetten"].amount == Decimal("7000")
    assert lines["Activiteiten partnerschap Emsdetten"].partner_city.name == "Emsdetten"
    assert lines["Lidmaatschap Eurocities via Regio Twente"].amount == Decimal("4400")
    assert lines["Lidmaatschap Eurocities via Regio Twente"].network.slug == "eurocities"

    manager = StaffPosition.objects.get(title="Accountmanager internationaal")
    assert (manager.fte, manager.yearly_cost) == (Decimal("0.5"), Decimal("40000"))
    assert manager.recurrence == "structureel"
    assert manager.is_indicative
    assert "FIR" in manager.indicative_note
    assert manager.proposal.number == 6
    adviser = StaffPosition.objects.get(title="Communicatieadviseur externe betrekkingen")
    assert (adviser.fte, adviser.yearly_cost) == (Decimal("0.2"), Decimal("16000"))
    assert adviser.recurrence == "structureel"

    target = SavingsTarget.objects.get()
    assert target.amount == Decimal("56610")
    assert target.withdrawn_from_year == 2019
    figures = {(f.kind, f.year): f.amount for f in RecordedFigure.objects.all()}
    assert figures[("personeel_resteert", 2017)] == Decimal("179793")
    assert figures[("incidentele_dekking", 2018)] == Decimal("56000")
    assert DecisionPoint.objects.get(number=2).amount == Decimal("56000")


def test_the_seeds_own_arithmetic(hengelo):
    """The proposal's figures relate: what is not itemised is the difference, nothing more."""
    available = sum(pb.amount for pb in ProductBudget.objects.filter(year=2017))
    assert available == Decimal("240009")
    taken_out = sum(line.amount for line in BudgetLine.objects.filter(year=2017))
    assert taken_out == Decimal("34900")
    remainder = RecordedFigure.objects.get(kind="personeel_resteert").amount
    assert available - taken_out - remainder == Decimal("25316")  # travel, congresses, one-offs
    positions = sum(p.yearly_cost for p in StaffPosition.objects.all())
    assert positions == Decimal("56000")
    assert positions == RecordedFigure.objects.get(kind="incidentele_dekking").amount


def test_partner_city_and_grant_scheme(hengelo):
    emsdetten = PartnerCity.objects.get(slug="emsdetten")
    assert emsdetten.country == "DE"
    assert "25" in emsdetten.since_note
    association = TwinningAssociation.objects.get()
    assert association.yearly_budget == Decimal("5000")
    assert association.budget_from_year == 2018
    assert GrantScheme.objects.get().yearly_ceiling == Decimal("2500")
    assert Activity.objects.filter(partner_city=emsdetten, year=2018).count() == 2


def test_networks_representation_and_forums(hengelo):
    euregio = Network.objects.get(slug="euregio")
    assert euregio.represented_by == Representation.OWN_MUNICIPALITY
    assert (euregio.council_seats, euregio.council_seats_total) == (2, 84)
    eurocities = Network.objects.get(slug="eurocities")
    assert eurocities.represented_by == Representation.NETWERKSTAD_TWENTE
    assert eurocities.role_participating
    leads = dict(Forum.objects.filter(network=eurocities).values_list("name", "lead_city"))
    assert leads["Mobility Forum"] == "Hengelo"
    assert leads["Social Affairs Forum"] == "Hengelo"
    assert leads["Economic Development Forum"] == "Enschede"
    assert leads["Environment Forum"] == "Enschede"
    assert Network.objects.get(slug="ten-t-corridor-forum").represented_by == (
        Representation.REGIO_EUREGIO
    )


def test_efforts_of_annex_a(hengelo):
    hengelo_alone = Effort.objects.for_year(2018).led_by(Lead.OWN_MUNICIPALITY)
    assert sorted(hengelo_alone.values_list("number", flat=True)) == [1, 2, 3, 6, 8, 9, 11, 13]
    assert Effort.objects.get(year=2018, number=16).lead == Lead.REGIO_TWENTE
    assert Effort.objects.get(year=2018, number=15).lead == Lead.TWENTE_MUNICIPALITIES
    mobility = Effort.objects.get(year=2018, number=5)
    assert mobility.forum.name == "Mobility Forum"
    assert set(mobility.yield_kinds.values_list("name", flat=True)) == {
        "Kennisuitwisseling",
        "Projectontwikkeling",
    }


@pytest.mark.long
def test_loading_twice_leaves_the_same_rows_and_history(hengelo):
    before = domain_counts()
    out = StringIO()
    call_command("load_hengelo", stdout=out)
    assert domain_counts() == before
    assert " 0 nieuw, 0 bijgewerkt" in out.getvalue()
    assert "bijgewerkt" in out.getvalue() and " 1 bijgewerkt" not in out.getvalue()


@pytest.mark.long
def test_a_record_changed_in_the_portal_is_kept_and_the_difference_reported(hengelo):
    """A restart or a reload must not reset budget amounts, statuses or a recorded decision."""
    BudgetLine.objects.filter(name="Lidmaatschap EUREGIO", year=2017).update(amount=24000)
    Proposal.objects.filter(number=6).update(title="Accountmanager (in het portaal ingekort)")
    DecisionPoint.objects.filter(number=2).update(text="Geamendeerd: dekking uit de reserve.")
    BudgetLine.objects.get(name="Activiteiten partnerschap Emsdetten", year=2017).delete()

    out = StringIO()
    call_command("load_hengelo", stdout=out)

    assert BudgetLine.objects.get(name="Lidmaatschap EUREGIO", year=2017).amount == 24000
    assert Proposal.objects.get(number=6).title == "Accountmanager (in het portaal ingekort)"
    assert DecisionPoint.objects.get(number=2).text == "Geamendeerd: dekking uit de reserve."
    assert BudgetLine.objects.filter(name="Activiteiten partnerschap Emsdetten").exists()
    report = out.getvalue()
    assert "3 velden in de database wijken af van het bestand" in report
    assert (
        "budget.BudgetLine (product=regionale-internationale-samenwerking, year=2017, "
        "name=Lidmaatschap EUREGIO): amount: bestand '23500.00', database '24000.00'"
    ) in report
    assert "database 'Accountmanager (in het portaal ingekort)'" in report
    assert "budget.BudgetLine: 1 nieuw" in report

    out = StringIO()
    call_command("load_hengelo", "--force", stdout=out)
    assert BudgetLine.objects.get(name="Lidmaatschap EUREGIO", year=2017).amount == 23500
    assert Proposal.objects.get(number=6).title == "Een accountmanager internationaal aanstellen"
    assert DecisionPoint.objects.get(number=2).text.startswith("De uitvoering in 2018")
    assert "wijken af" not in out.getvalue()
    assert "budget.BudgetLine: 0 nieuw, 1 bijgewerkt" in out.getvalue()


def write_data(tmp_path, sections):
    path = tmp_path / "kapot.yaml"
    path.write_text(yaml.safe_dump(sections, allow_unicode=True))
    return path


def broken_copy(tmp_path, mutate):
    sections = yaml.safe_load(DEFAULT_DATA_FILE.read_text())
    mutate(sections)
    return write_data(tmp_path, sections)


def section(sections, label):
    return next(s for s in sections if s["model"] == label)


def test_a_broken_file_names_file_record_and_reason_and_changes_nothing(tmp_path, db):
    def negative_amount(sections):
        section(sections, "budget.BudgetLine")["records"][1]["amount"] = "-7000.00"

    path = broken_copy(tmp_path, negative_amount)
    with pytest.raises(CommandError) as error:
        call_command("load_hengelo", "--file", str(path), stdout=StringIO())
    message = str(error.value)
    assert str(path) in message
    assert "budget.BudgetLine" in message and "record 2" in message
    assert "name=Activiteiten partnerschap Emsdetten" in message
    assert "amount" in message
    assert "Er is niets gewijzigd" in message
    assert Theme.objects.count() == 0  # earlier sections were rolled back too
    assert Proposal.objects.count() == 0


def test_a_broken_file_leaves_loaded_data_as_it_was(tmp_path, hengelo):
    before = domain_counts()

    def fte_too_large(sections):
        section(sections, "networks.Theme")["records"][0]["name"] = "Gewijzigd"
        section(sections, "budget.StaffPosition")["records"][0]["fte"] = "1.5"

    path = broken_copy(tmp_path, fte_too_large)
    with pytest.raises(CommandError, match="fte"):
        call_command("load_hengelo", "--file", str(path), stdout=StringIO())
    assert domain_counts() == before
    assert Theme.objects.filter(name="Gewijzigd").count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("- model: networks.Nope\n  key: [x]\n  records: []\n", "ongeldige sectie"),
        (
            "- model: networks.Theme\n  key: [code]\n  records:\n    - {code: x, colour: red}\n",
            "onbekend veld 'colour'",
        ),
        (
            "- model: networks.Effort\n  key: [year, number]\n  records:\n"
            "    - {year: 2018, number: 1, network: nergens}\n",
            "moet eerder in het bestand",
        ),
        ("{not: a list}\n", "lijst met secties"),
        ("- model: [\n", "niet te lezen"),
    ],
)
def test_structural_errors_are_reported(tmp_path, db, content, reason):
    path = tmp_path / "fout.yaml"
    path.write_text(content)
    with pytest.raises(CommandError, match=reason):
        call_command("load_hengelo", "--file", str(path), stdout=StringIO())


def test_a_reference_to_a_missing_record_is_reported(tmp_path, db):
    def missing_network(sections):
        section(sections, "networks.Effort")["records"][0]["network"] = "bestaat-niet"

    path = broken_copy(tmp_path, missing_network)
    with pytest.raises(CommandError, match="netwerk .*slug=bestaat-niet.* bestaat niet"):
        call_command("load_hengelo", "--file", str(path), stdout=StringIO())
