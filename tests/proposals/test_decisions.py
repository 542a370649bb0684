"""Recording the council's decision at /griffie/: permissions, bad input, one transaction."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.shortcuts import resolve_url
from django.urls import reverse

from proposals.constants import (
    CommitmentStatus,
    CouncilProposalStatus,
    DecisionOutcome,
    ProposalStatus,
    SubmissionKind,
    SubmissionOutcome,
)
from proposals.models import (
    Commitment,
    CouncilProposal,
    Decision,
    DecisionPoint,
    DocumentExport,
    Motion,
    PointOutcome,
    Proposal,
    Submission,
)
from tests.worker.support import pdf_text

pytestmark = pytest.mark.django_db

CASE = "2200511"
CREATE_URL = reverse("proposals:decision-create", kwargs={"case_number": CASE})
LIST_URL = reverse("proposals:commitment-list")


def formset_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def decision_data(**changes):
    """The form as the griffie fills it in for 6 March 2018: both points adopted, 9 amended."""
    data = {
        "meeting_on": "2018-03-06",
        "number": "2018-0306-01",
        "note": "",
        "point_1_outcome": DecisionOutcome.AMENDED,
        "point_1_amended_text": (
            "Uitvoering geven aan de negen voorstellen, met voorstel 9 zo gewijzigd dat "
            "ambtenaren een bijeenkomst over de grens vooraf melden bij hun leidinggevende."
        ),
        "point_2_outcome": DecisionOutcome.ADOPTED,
        "point_2_amended_text": "",
        "motion_settled": "on",
        **{f"proposal_{number}_status": "" for number in range(1, 10)},
        **formset_management("amendementen", total=2),
        "amendementen-0-kind": SubmissionKind.AMENDMENT,
        "amendementen-0-title": "Melden bij de leidinggevende (voorstel 9)",
        "amendementen-0-submitted_by": "Fractie A, Fractie B",
        "amendementen-0-decision_point": str(DecisionPoint.objects.get(number=1).pk),
        "amendementen-0-outcome": SubmissionOutcome.ADOPTED,
        "amendementen-0-votes_for": "20",
        "amendementen-0-votes_against": "17",
        "amendementen-1-kind": SubmissionKind.MOTION,
        "amendementen-1-title": "Jaarlijkse excursie van de raad naar Emsdetten",
        "amendementen-1-submitted_by": "Fractie C",
        "amendementen-1-decision_point": "",
        "amendementen-1-outcome": SubmissionOutcome.REJECTED,
        "amendementen-1-votes_for": "",
        "amendementen-1-votes_against": "",
        **formset_management("toezeggingen", total=1),
        "toezeggingen-0-text": "De raad krijgt voor de zomer een voorstel voor de vereniging.",
        "toezeggingen-0-made_to": "de raad",
        "toezeggingen-0-owner": "de portefeuillehouder internationaal",
        "toezeggingen-0-due_on": "2018-07-01",
        "toezeggingen-0-visibility": "openbaar",
    }
    data.update(changes)
    return data


@pytest.fixture
def griffie(client_for, clerk):
    return client_for(clerk)


def nothing_saved():
    assert not Decision.objects.exists()
    assert not PointOutcome.objects.exists()
    assert not Submission.objects.exists()
    assert not Commitment.objects.exists()
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.PROPOSED}
    assert set(DecisionPoint.objects.values_list("outcome", flat=True)) == {DecisionOutcome.OPEN}


def test_griffie_records_the_decision_in_one_step(griffie, clerk, hengelo):
    page = griffie.get(CREATE_URL)
    assert page.status_code == 200
    assert "Uitkomst van besluitpunt 1" in page.content.decode()

    response = griffie.post(CREATE_URL, decision_data())
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert response.url == reverse("proposals:document-list")
    assert (
        "Het besluit van de raad van 06-03-2018 over raadsvoorstel 2200511 is vastgelegd"
        in griffie.get(response.url).content.decode()
    )

    decision = Decision.objects.get()
    assert decision.meeting_on == datetime.date(2018, 3, 6)
    assert decision.number == "2018-0306-01"
    assert decision.recorded_by == clerk
    outcomes = {o.decision_point.number: o for o in decision.point_outcomes.all()}
    assert outcomes[1].outcome == DecisionOutcome.AMENDED
    assert "leidinggevende" in outcomes[1].text
    assert outcomes[2].outcome == DecisionOutcome.ADOPTED
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.ADOPTED}
    point = DecisionPoint.objects.get(number=2)
    assert point.outcome == DecisionOutcome.ADOPTED
    assert point.decided_on == datetime.date(2018, 3, 6)
    assert CouncilProposal.objects.get().status == CouncilProposalStatus.DECIDED
    kinds = dict(decision.submissions.values_list("kind", "outcome"))
    assert kinds == {
        SubmissionKind.AMENDMENT: SubmissionOutcome.ADOPTED,
        SubmissionKind.MOTION: SubmissionOutcome.REJECTED,
    }
    commitment = Commitment.objects.get()
    assert commitment.council_proposal.case_number == CASE
    assert commitment.decision == decision
    motion = Motion.objects.get(case_number="2143558")
    assert motion.settled_by.case_number == CASE
    assert motion.settled_on == datetime.date(2018, 3, 6)
    # History: each change under the griffie member's name.
    record = Proposal.objects.get(number=9).history.first()
    assert record.status == ProposalStatus.ADOPTED and record.history_user == clerk
    assert decision.history.first().history_user == clerk

    overview = griffie.get(reverse("proposals:councilproposal-list")).content.decode()
    assert "Aangenomen" in overview


def test_a_status_the_griffie_chooses_is_kept(griffie, hengelo):
    response = griffie.post(CREATE_URL, decision_data(proposal_9_status=ProposalStatus.LAPSED))
    assert response.status_code == 302
    assert Proposal.objects.get(number=9).status == ProposalStatus.LAPSED
    assert Proposal.objects.get(number=8).status == ProposalStatus.ADOPTED


def test_rejected_point_lapses_its_proposals(griffie, hengelo):
    response = griffie.post(
        CREATE_URL,
        decision_data(point_1_outcome=DecisionOutcome.REJECTED, point_1_amended_text=""),
    )
    assert response.status_code == 302
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.LAPSED}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"meeting_on": ""},
            "meeting_on",
            "Vul de datum van de raadsvergadering in: een uitkomst hoort bij een vergadering.",
        ),
        (
            {"point_1_outcome": DecisionOutcome.REJECTED, "proposal_3_status": "aangenomen"},
            "proposal_3_status",
            "Voorstel 3 kan niet ‘aangenomen’ zijn: besluitpunt 1, waar het onder valt, is "
            "‘verworpen’.",
        ),
        (
            {"point_1_amended_text": ""},
            "point_1_amended_text",
            "Geef de tekst van het besluitpunt zoals de raad het geamendeerd aannam.",
        ),
        ({"number": ""}, "number", "Vul het nummer van het raadsbesluit in."),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(
    griffie, hengelo, changes, field, message
):
    data = decision_data(**changes)
    if changes.get("point_1_outcome") == DecisionOutcome.REJECTED:
        data["point_1_amended_text"] = ""
    response = griffie.post(CREATE_URL, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert "Niets opgeslagen" in response.content.decode()
    nothing_saved()


def test_a_missing_raadsbesluit_number_is_said_once(griffie, hengelo):
    response = griffie.post(CREATE_URL, decision_data(number=""))
    assert response.status_code == 200
    assert response.context["form"].errors["number"] == ["Vul het nummer van het raadsbesluit in."]
    assert response.content.decode().count("Vul het nummer van het raadsbesluit in.") == 1
    nothing_saved()


def test_toezegging_without_owner_is_refused(griffie, hengelo):
    response = griffie.post(CREATE_URL, decision_data(**{"toezeggingen-0-owner": ""}))
    assert response.status_code == 200
    errors = response.context["formsets"]["commitments"].forms[0].errors
    assert errors["owner"] == ["Vul in wie de toezegging deed."]
    nothing_saved()


def test_raadsbesluit_number_used_twice_is_refused(griffie, hengelo):
    other = CouncilProposal.objects.create(case_number="2200999", subject="Een ander voorstel")
    Decision.objects.create(
        council_proposal=other, meeting_on=datetime.date(2018, 2, 6), number="2018-0306-01"
    )
    response = griffie.post(CREATE_URL, decision_data())
    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [
        "Dit raadsbesluitnummer is al gebruikt voor een ander besluit."
    ]
    assert Decision.objects.count() == 1
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.PROPOSED}


def test_votes_that_contradict_the_outcome_are_refused(griffie, hengelo):
    response = griffie.post(CREATE_URL, decision_data(**{"amendementen-0-votes_for": "10"}))
    assert response.status_code == 200
    errors = response.context["formsets"]["submissions"].forms[0].errors
    assert "controleer de stemmen" in errors["votes_for"][0]
    nothing_saved()


def test_a_second_griffie_member_is_told_the_decision_changed(
    client_for, clerk, make_user, hengelo
):
    griffie = client_for(clerk)
    assert griffie.post(CREATE_URL, decision_data()).status_code == 302
    decision = Decision.objects.get()
    url = decision.get_absolute_url()
    # Both open the same decision.
    form = griffie.get(url).context["form"]
    version = form["versie"].value()
    data = decision_data(
        versie=version,
        **formset_management("amendementen", total=0),
        **formset_management("toezeggingen", total=0),
    )
    # The first saves a change ...
    assert griffie.post(url, {**data, "note": "Eerste wijziging"}).status_code == 302
    # ... the second, with the version they opened, is refused and told why.
    second = client_for(make_user("griffie2", "griffie"))
    response = second.post(url, {**data, "note": "Tweede wijziging"})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "nadat u het formulier opende" in page and "Toelichting: (leeg) → Eerste wijziging" in page
    )
    assert Decision.objects.get().note == "Eerste wijziging"


# Permissions per URL and role: tests/proposals/test_decision_permissions.py.


def test_administrator_records_decisions(client_for, django_user_model, hengelo):
    admin = django_user_model.objects.create_superuser("beheer", password="x")
    assert client_for(admin).get(CREATE_URL).status_code == 200


def test_admin_site_is_not_the_way(client_for, clerk):
    # The griffie is not staff: the decision is recorded at /griffie/, never in the admin.
    response = client_for(clerk).get("/admin/proposals/decision/add/")
    assert response.status_code == 302 and "/admin/login/" in response.url


# --- toezeggingen -------------------------------------------------------------------------------


def make_commitment(**fields):
    defaults = {"text": "Een toezegging", "owner": "de wethouder", "made_to": "de raad"}
    return Commitment.objects.create(**{**defaults, **fields})


def test_toezeggingen_overdue_first_for_the_griffie(
    client_for, clerk, django_assert_max_num_queries
):
    today = datetime.date.today()
    make_commitment(text="Later", due_on=today + datetime.timedelta(days=30))
    make_commitment(text="Verlopen", due_on=today - datetime.timedelta(days=3))
    make_commitment(
        text="Afgedaan",
        due_on=today - datetime.timedelta(days=30),
        status=CommitmentStatus.SETTLED,
        settled_how="Brief aan de raad",
        settled_on=today,
    )
    make_commitment(text="Intern", visibility="intern")
    for number in range(20):
        make_commitment(text=f"Nog een {number}", due_on=today + datetime.timedelta(days=60))
    client = client_for(clerk)
    with django_assert_max_num_queries(12):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    texts = [c.text for c in response.context["commitments"]]
    assert texts[0] == "Verlopen"
    assert texts.index("Later") < texts.index("Afgedaan")
    assert "Intern" in texts
    assert "Verlopen</span>" in response.content.decode()


def test_council_members_see_the_public_toezeggingen(client_for, council_member):
    make_commitment(text="Openbare toezegging")
    make_commitment(text="Interne toezegging", visibility="intern")
    response = client_for(council_member).get(LIST_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Openbare toezegging" in page
    assert "Interne toezegging" not in page
    assert "Bijwerken" not in page


def test_anonymous_visitors_are_sent_to_login_for_toezeggingen(client_for):
    make_commitment()
    response = client_for(None).get(LIST_URL)
    assert response.status_code == 302 and response.url.startswith(resolve_url(settings.LOGIN_URL))


def test_griffie_settles_a_toezegging_and_must_say_how(client_for, clerk):
    commitment = make_commitment()
    url = reverse("proposals:commitment-update", kwargs={"pk": commitment.pk})
    client = client_for(clerk)
    data = {
        "text": commitment.text,
        "made_to": "de raad",
        "owner": "de wethouder",
        "due_on": "",
        "status": CommitmentStatus.SETTLED,
        "settled_how": "",
        "settled_on": "",
        "visibility": "openbaar",
        "versie": client.get(url).context["form"]["versie"].value(),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["settled_how"] == [
        "Vul in hoe de toezegging is afgedaan."
    ]
    assert Commitment.objects.get().status == CommitmentStatus.OPEN
    data.update(settled_how="Raadsinformatiebrief", settled_on="2018-06-01")
    assert client.post(url, data).status_code == 302
    assert Commitment.objects.get().status == CommitmentStatus.SETTLED


def test_the_motion_shows_which_council_proposal_settled_it(griffie, hengelo):
    griffie.post(CREATE_URL, decision_data())
    page = griffie.get(LIST_URL).content.decode()
    assert "Afgedaan met raadsvoorstel 2200511 (6 maart 2018)" in page


# --- the raadsbesluit ---------------------------------------------------------------------------

DECISION_EXPORT_URL = reverse(
    "proposals:document-export", kwargs={"case_number": CASE, "kind": "raadsbesluit"}
)


def test_raadsbesluit_is_not_exportable_until_decided(griffie, hengelo, tmp_path):
    page = griffie.get(reverse("proposals:document-list")).content.decode()
    assert "Het raadsbesluit kan pas worden gemaakt als de griffie het besluit" in page
    assert DECISION_EXPORT_URL not in page

    response = griffie.post(DECISION_EXPORT_URL, follow=True)
    assert "Het raadsbesluit kan pas worden gemaakt" in response.content.decode()
    assert not DocumentExport.objects.exists()
    response = griffie.post(DECISION_EXPORT_URL, HTTP_ACCEPT="application/json")
    assert response.status_code == 409
    assert "pas worden gemaakt" in response.json()["message"]

    with pytest.raises(CommandError, match="pas worden gemaakt"):
        call_command(
            "export_raadsvoorstel",
            CASE,
            "--document",
            "raadsbesluit",
            "--output",
            str(tmp_path / "besluit.pdf"),
            stdout=io.StringIO(),
        )


def test_raadsbesluit_follows_the_recorded_outcomes(griffie, hengelo, tmp_path):
    griffie.post(CREATE_URL, decision_data())
    page = griffie.get(reverse("proposals:document-list")).content.decode()
    assert DECISION_EXPORT_URL in page

    path = tmp_path / "besluit.pdf"
    call_command(
        "export_raadsvoorstel",
        CASE,
        "--document",
        "raadsbesluit",
        "--output",
        str(path),
        stdout=io.StringIO(),
    )
    text = pdf_text(path.read_bytes())
    assert "De raad van de gemeente Hengelo;" in text
    assert "gelezen het voorstel van burgemeester en wethouders" in text
    assert "besluit:" in text
    # The amended text of point 1, not the proposed one; point 2 as proposed.
    assert "met voorstel 9 zo gewijzigd dat ambtenaren" in text
    assert "Uitvoering geven aan de negen voorstellen internationaal beleid" not in text
    assert "besluitpunt 1 van het voorstel: geamendeerd aangenomen" in text
    assert "besluitpunt 2 van het voorstel: aangenomen" in text
    assert "De uitvoering in 2018 incidenteel dekken uit bestaand budget" in text
    assert "Aldus vastgesteld in de openbare vergadering van 6 maart 2018." in text
    assert "de griffier," in text and "de voorzitter," in text
    assert "Melden bij de leidinggevende (voorstel 9)" in text and "20–17" in text
    assert "Jaarlijkse excursie van de raad naar Emsdetten" in text and "verworpen" in text
    assert "2018-0306-01" in text


@pytest.mark.html_checker
def test_decision_pages_are_valid_html(griffie, hengelo, assert_valid_html):
    bad = griffie.post(CREATE_URL, decision_data(meeting_on="", **{"toezeggingen-0-owner": ""}))
    griffie.post(CREATE_URL, decision_data())
    make_commitment(text="Verlopen", due_on=datetime.date(2018, 7, 1))
    assert_valid_html(
        griffie.get(CREATE_URL),
        bad,
        griffie.get(Decision.objects.get().get_absolute_url()),
        griffie.get(LIST_URL),
        griffie.get(reverse("proposals:document-list")),
        griffie.get(
            reverse("proposals:commitment-update", kwargs={"pk": Commitment.objects.first().pk})
        ),
        griffie.get(reverse("proposals:commitment-create")),
    )


def test_pages_show_the_outcome_next_to_the_proposal(griffie, client_for, hengelo):
    griffie.post(CREATE_URL, decision_data())
    anonymous = client_for(None)
    detail = anonymous.get(reverse("proposals:councilproposal-detail", args=[CASE])).content
    detail = detail.decode()
    assert "Geamendeerd aangenomen" in detail
    assert "Zoals geamendeerd aangenomen" in detail and "leidinggevende" in detail
    assert "Raadsbesluit 2018-0306-01, vastgesteld op 6 maart 2018." in detail
    page = anonymous.get(reverse("proposals:proposal-detail", args=[CASE, 9])).content.decode()
    assert "Besluitpunt 1" in page and "Geamendeerd aangenomen" in page
    overview = anonymous.get(reverse("proposals:councilproposal-list")).content.decode()
    assert "Geamendeerd aangenomen" in overview and "Aangenomen" in overview
