"""The issue's test of done: someone who knows nothing of the portal answers five questions from
the pages alone, by clicking through them in a browser as a council member would."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from partnercity.models import GrantScheme
from proposals.constants import ProposalStatus
from proposals.models import Proposal
from tests.factories import GrantAwardFactory

pytestmark = [pytest.mark.django_db, pytest.mark.browser]


@pytest.fixture
def decided(hengelo):
    """The griffie has recorded the council's decision; the scheme has awards this year."""
    Proposal.objects.filter(number__in=[1, 2, 3, 5, 6, 7]).update(status=ProposalStatus.ADOPTED)
    Proposal.objects.filter(number__in=[8, 9]).update(status=ProposalStatus.LAPSED)
    scheme = GrantScheme.objects.get(name="Subsidieregeling Emsdetten")
    this_year = timezone.localdate().year
    for recipient, amount in (("Harmonie Hengelo", "600"), ("Jeugdvoetbal Hengelo", "350")):
        GrantAwardFactory(
            scheme=scheme,
            year=this_year,
            recipient=recipient,
            amount=Decimal(amount),
            awarded_on=date(this_year, 1, 15),
        )
    return this_year


def open_menu(page, label):
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()


def table_column(page, column):
    return [
        cell.strip() for cell in page.locator(f"tbody tr td:nth-child({column})").all_inner_texts()
    ]


def test_a_council_member_answers_the_five_questions_from_the_pages(
    page, live_server, decided, council_member, browser_login
):
    this_year = decided
    browser_login(council_member)

    # 1. Which proposals were adopted?
    open_menu(page, "Voorstellen")
    page.get_by_label("Status").select_option(label="Aangenomen")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_load_state()
    assert "status=aangenomen" in page.url  # bookmarkable
    assert page.get_by_role("status").first.inner_text() == "6 voorstellen"
    adopted = table_column(page, 2)
    assert adopted == [
        "Meer verbinding met de provincie Overijssel en de Regio Achterhoek",
        "Samenwerking met Duitsland intensiveren en Duits publiek aantrekken",
        "Expertise in Europese subsidies vindbaar maken voor lokale partners",
        "Partnerstadsvereniging Emsdetten oprichten en ondersteunen",
        "Een accountmanager internationaal aanstellen",
        "Internationale activiteiten beter communiceren, met een internationale agenda",
    ]
    assert set(table_column(page, 6)) == {"Aangenomen"}

    # 2. What does proposal 6 cost per year, and is that recurring?
    page.get_by_role("link", name="Een accountmanager internationaal aanstellen").click()
    page.wait_for_load_state()
    assert page.locator(".cost-summary").inner_text() == (
        "€\xa040.000 per jaar, structureel (elk jaar terugkerend), vanaf 2019."
    )
    position = page.get_by_role("table", name="Nieuwe functies voor dit voorstel")
    assert "0,5\xa0fte" in position.inner_text()
    assert "Structureel" in position.inner_text()

    # 3. Which efforts of 2018 does Hengelo lead itself?
    open_menu(page, "Inspanningen")
    page.get_by_label("Jaar", exact=True).select_option("2018")
    page.get_by_label("Trekker").select_option("hengelo")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.inner_text() == "8 inspanningen"
    assert table_column(page, 2) == ["1", "2", "3", "6", "8", "9", "11", "13"]
    assert set(table_column(page, 5)) == {"Hengelo"}
    # The same selection as a spreadsheet.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als CSV").click()
    download = download_info.value
    rows = list(
        csv.reader(io.StringIO(open(download.path(), encoding="utf-8-sig").read()), delimiter=";")
    )  # noqa: SIM115
    assert [row[1] for row in rows[1:]] == ["1", "2", "3", "6", "8", "9", "11", "13"]

    # 4. Which networks work on "Arbeidsmarkt & talent"?
    open_menu(page, "Thema's")
    page.locator(".theme-matrix").get_by_role("link", name="Arbeidsmarkt & talent").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Arbeidsmarkt & talent"
    networks = page.locator(".theme-networks li a").all_inner_texts()
    assert networks == ["Eurocities", "EUREGIO", "Provincie Overijssel", "VNG"]

    # 5. How much of the Emsdetten grant ceiling is used this year?
    open_menu(page, "Partnerstad")
    page.get_by_role("link", name="Emsdetten", exact=True).click()
    page.wait_for_load_state()
    use = page.locator("main .grant-use").inner_text()
    assert use == (
        f"In {this_year} is €\xa0950 toegekend van het plafond van €\xa02.500 (38%). "
        "Nog beschikbaar: €\xa01.550."
    )
    page.screenshot(path="/tmp/portal-emsdetten.png", full_page=True)
