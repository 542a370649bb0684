import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.constants import LineCategory, Recurrence
from proposals.constants import DecisionOutcome, ProposalStatus
from proposals.models import DecisionPoint, Proposal
from tests.factories import (
    BudgetLineFactory,
    CouncilProposalFactory,
    ProposalFactory,
    scale_hengelo_data,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/voorstellen/"
DETAIL_URL = "/voorstellen/2200511/"


def text(response):
    return response.content.decode()


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def adopt(numbers, status=ProposalStatus.ADOPTED):
    Proposal.objects.filter(council_proposal__case_number="2200511", number__in=numbers).update(
        status=status
    )


# --- the list ---------------------------------------------------------------------------------


def test_list_shows_the_council_proposal_and_its_nine_proposals(client, hengelo):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    content = text(response)
    assert "Voorstellen voor mogelijkheden voor een actieve invulling" in content
    assert "2200511" in content
    assert "9 voorstellen" in content
    assert "Een accountmanager internationaal aanstellen" in content
    assert content.count('class="badge status-badge status-voorgesteld"') == 9
    assert "€\xa040.000" in content  # the accountmanager, in the cost column of proposal 6


def test_list_filters_on_status_and_shows_the_stored_status(client, hengelo):
    adopt([1, 2, 3])
    adopt([6], ProposalStatus.IN_PROGRESS)
    response = client.get(LIST_URL, {"status": "aangenomen"})
    content = text(response)
    assert "3 voorstellen" in content
    assert "Meer verbinding met de provincie Overijssel" in content
    assert "Een accountmanager internationaal aanstellen" not in content
    response = client.get(LIST_URL, {"status": "in_uitvoering"})
    assert "1 voorstel<" in text(response)
    assert "Een accountmanager internationaal aanstellen" in text(response)


def test_list_filters_on_theme_and_search(client, hengelo):
    content = text(client.get(LIST_URL, {"thema": "arbeidsmarkt-talent"}))
    assert "2 voorstellen" in content
    assert "Expertise in Europese subsidies" in content
    content = text(client.get(LIST_URL, {"q": "accountmanager"}))
    assert "1 voorstel<" in content
    assert "Een accountmanager internationaal aanstellen" in content


def test_list_ignores_a_bad_filter_value_with_a_message(client, hengelo):
    response = client.get(LIST_URL, {"status": "gewonnen", "thema": "bestaat-niet"})
    assert response.status_code == 200
    content = text(response)
    assert "9 voorstellen" in content
    assert "Het filter ‘Status’ met de waarde ‘gewonnen’ is genegeerd" in content
    assert "Het filter ‘Thema’ met de waarde ‘bestaat-niet’ is genegeerd" in content
    assert 'id="id_status_error"' in content  # the reason also shows at the field


def test_list_paginates_and_survives_a_bad_page_number(client, hengelo):
    scale_hengelo_data(5)
    response = client.get(LIST_URL, {"pagina": "twee"})
    assert response.status_code == 200
    assert "45 voorstellen" in text(response)
    response = client.get(LIST_URL, {"pagina": "99"})
    assert response.status_code == 200
    assert 'aria-current="page">2<' in text(response)


def test_csv_export_applies_the_current_filters(client, hengelo):
    adopt([1, 5])
    response = client.get(reverse("proposals:proposal-export"), {"status": "aangenomen"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="voorstellen.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:4] == ["Raadsvoorstel (zaaknummer)", "Nummer", "Titel", "Status"]
    assert [(row[1], row[3]) for row in rows[1:]] == [("1", "Aangenomen"), ("5", "Aangenomen")]


def test_csv_export_lists_every_proposal_with_its_yearly_cost(client, hengelo):
    rows = read_csv(client.get(reverse("proposals:proposal-export")))
    assert len(rows) == 10
    six = next(row for row in rows if row[1] == "6")
    assert six[2] == "Een accountmanager internationaal aanstellen"
    assert six[6] == "40000,00"
    assert six[8].endswith("/voorstellen/2200511/6/")


def test_csv_export_keeps_spreadsheet_formulas_out(client, hengelo):
    Proposal.objects.filter(number=9).update(title="=HYPERLINK(1)")
    rows = read_csv(client.get(reverse("proposals:proposal-export")))
    assert "'=HYPERLINK(1)" in [row[2] for row in rows]


# --- the council proposal -----------------------------------------------------------------------


def test_council_proposal_shows_its_timeline_from_motion_to_council_meeting(client, hengelo):
    content = text(client.get(DETAIL_URL))
    for fact in (
        "Motie internationaal beleid",
        "18 juli 2017",
        "22 november 2017",
        "23 januari 2018",
        "14 februari 2018",
        "6 maart 2018",
        "zaaknummer 2171492",
        "De raad heeft (nog) geen besluit vastgelegd.",
    ):
        assert fact in content, fact
    assert (
        content.index("De raad neemt de motie internationaal beleid aan")
        < content.index("Procesbrief: uitstel gevraagd")
        < content.index("Politieke markt bespreekt de voorstellen")
        < content.index("Raadsvergadering: het voorstel staat ter besluitvorming")
        < content.index("De raad heeft (nog) geen besluit vastgelegd.")
    )


def test_council_proposal_shows_decision_points_and_their_stored_outcome(client, hengelo):
    content = text(client.get(DETAIL_URL))
    assert content.count("Nog niet besloten") == 2
    assert "€\xa056.000" in content
    # Through save(), as the portal's forms do: that is what clears the public page cache.
    for number, outcome in ((1, DecisionOutcome.ADOPTED), (2, DecisionOutcome.AMENDED)):
        point = DecisionPoint.objects.get(number=number)
        point.outcome, point.decided_on = outcome, date(2018, 3, 6)
        point.save()
    content = text(client.get(DETAIL_URL))
    assert "Nog niet besloten" not in content
    assert "Besluitpunt 1: aangenomen" in content
    assert "Besluitpunt 2: geamendeerd aangenomen" in content


def test_council_proposal_shows_the_proposals_with_their_status(client, hengelo):
    adopt([1, 2, 3, 4, 5])
    adopt([9], ProposalStatus.LAPSED)
    content = text(client.get(DETAIL_URL))
    assert "De 9 voorstellen" in content
    assert "5 aangenomen" in content
    assert "3 voorgesteld" in content
    assert "1 vervallen" in content
    assert content.count("status-aangenomen") == 5


def test_unknown_council_proposal_gives_the_site_404(client, hengelo):
    response = client.get("/voorstellen/1234567/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text(response)


# --- one proposal -------------------------------------------------------------------------------


def test_proposal_six_shows_what_it_costs_per_year_and_that_it_is_recurring(client, hengelo):
    response = client.get("/voorstellen/2200511/6/")
    assert response.status_code == 200
    content = text(response)
    assert "Een accountmanager internationaal aanstellen" in content
    assert "€\xa040.000 per jaar, structureel" in content
    assert "Accountmanager internationaal" in content
    assert "0,5\xa0fte" in content
    assert "FIR-procedure" in content
    assert "Indicatief bedrag" in content


def test_proposal_page_shows_summary_themes_owner_and_the_efforts_that_carry_it_out(
    client, hengelo
):
    content = text(client.get("/voorstellen/2200511/3/"))
    assert "Lokale partijen zoals het onderwijs" in content
    assert "Arbeidsmarkt &amp; talent" in content
    assert "College van B&amp;W" in content
    assert "Activiteiten in het kader van CEF subsidie- verruiming Twente kanaal" in content
    assert "Deelname Eurocities working group Education" in content
    assert "Project Interreg onderhoud openbare ruimte" in content


def test_proposal_page_shows_its_budget_lines(client, hengelo):
    proposal = Proposal.objects.get(number=5)
    BudgetLineFactory(
        proposal=proposal,
        name="Vereniging partnerstad Emsdetten",
        year=2019,
        amount=Decimal("5000"),
        category=LineCategory.GRANTS,
        recurrence=Recurrence.RECURRING,
    )
    content = text(client.get("/voorstellen/2200511/5/"))
    assert "Vereniging partnerstad Emsdetten" in content
    assert "€\xa05.000" in content
    assert "Begrotingsregels voor dit voorstel" in content


def test_proposal_without_costs_says_so(client, hengelo):
    content = text(client.get("/voorstellen/2200511/9/"))
    assert "geen eigen functies of begrotingsregels" in content


def test_status_history_shows_who_changed_the_status_and_when(
    client_for, hengelo, clerk, council_member
):
    clerk.first_name, clerk.last_name = "Greet", "Griffier"
    clerk.save()
    proposal = Proposal.objects.get(number=4)
    proposal.status = ProposalStatus.ADOPTED
    proposal._history_user = clerk
    proposal.save()
    proposal.status = ProposalStatus.IN_PROGRESS
    proposal._history_user = clerk
    proposal.save()

    content = text(client_for(council_member).get("/voorstellen/2200511/4/"))
    assert "Vastgelegd als ‘Voorgesteld’" in content
    assert "Status van ‘Voorgesteld’ naar ‘Aangenomen’" in content
    assert "Status van ‘Aangenomen’ naar ‘In uitvoering’" in content
    assert content.count("door Greet Griffier") == 2

    # The public sees when and what, not the name of the employee.
    content = text(client_for(None).get("/voorstellen/2200511/4/"))
    assert "Status van ‘Aangenomen’ naar ‘In uitvoering’" in content
    assert "Greet Griffier" not in content
    assert "een medewerker van de gemeente" in content


def test_a_change_that_keeps_the_status_is_not_a_status_change(client, hengelo):
    proposal = Proposal.objects.get(number=4)
    proposal.owner = "College van B&W (gewijzigd)"
    proposal.save()
    content = text(client.get("/voorstellen/2200511/4/"))
    assert content.count("Vastgelegd als") == 1
    assert "Status van" not in content


def test_unknown_proposal_gives_the_site_404(client, hengelo):
    for url in ("/voorstellen/2200511/10/", "/voorstellen/9999999/1/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Pagina niet gevonden" in text(response)


# --- visibility ---------------------------------------------------------------------------------


def test_draft_proposals_are_hidden_from_the_public_and_labelled_for_staff(
    client_for, hengelo, council_member
):
    Proposal.objects.filter(number=8).update(visibility="concept")
    anonymous = client_for(None)
    assert "Extra internationale thema" not in text(anonymous.get(LIST_URL))
    assert "Extra internationale thema" not in text(anonymous.get(DETAIL_URL))
    assert anonymous.get("/voorstellen/2200511/8/").status_code == 404
    rows = read_csv(anonymous.get(reverse("proposals:proposal-export")))
    assert "8" not in [row[1] for row in rows]

    member = client_for(council_member)
    content = text(member.get(LIST_URL))
    assert "Extra internationale thema" in content
    assert 'class="badge badge-concept">concept' in content
    response = member.get("/voorstellen/2200511/8/")
    assert response.status_code == 200
    assert 'class="badge badge-concept">concept' in text(response)


def test_proposals_of_an_internal_council_proposal_are_hidden_from_the_public(
    client_for, hengelo, council_member
):
    council_proposal = CouncilProposalFactory(
        case_number="3000001", subject="Intern raadsvoorstel", visibility="intern"
    )
    ProposalFactory(council_proposal=council_proposal, number=1, title="Geheim voorstel")
    anonymous = client_for(None)
    assert "Geheim voorstel" not in text(anonymous.get(LIST_URL))
    assert anonymous.get("/voorstellen/3000001/").status_code == 404
    assert anonymous.get("/voorstellen/3000001/1/").status_code == 404
    member = client_for(council_member)
    assert "Geheim voorstel" in text(member.get(LIST_URL))
    assert member.get("/voorstellen/3000001/1/").status_code == 200
    content = text(member.get("/voorstellen/3000001/"))
    assert 'class="badge badge-concept">intern' in content


# --- query budgets at 10x data ------------------------------------------------------------------


@pytest.fixture
def ten_times(hengelo):
    scale_hengelo_data(10)
    assert Proposal.objects.count() == 90
    Proposal.objects.filter(number__in=[1, 2]).update(status=ProposalStatus.ADOPTED)


# Queries for an anonymous visitor; logged in, the session, the user and the roles add three.
# The budgets hold at 1x and at 10x the data: a query per row would break them.
QUERY_BUDGETS = [
    ("/voorstellen/", 9),
    ("/voorstellen/?status=aangenomen&thema=cultuur&q=e", 9),
    ("/voorstellen/2200511/", 7),
    ("/voorstellen/2200511/2/", 9),
    ("/voorstellen/export.csv", 3),
]


@pytest.mark.long
def test_query_budgets_at_ten_times_the_data(
    client_for, ten_times, council_member, django_assert_max_num_queries
):
    for user in (None, council_member):
        client = client_for(user)
        for url, budget in QUERY_BUDGETS:
            with django_assert_max_num_queries(budget + (3 if user else 0), info=url):
                response = client.get(url)
                if url.endswith(".csv"):
                    assert len(read_csv(response)) == 91
            assert response.status_code == 200, url
