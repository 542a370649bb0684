"""Done when (issue 13): the griffie records the decision of 6 March 2018 in a browser, sees the
proposals' statuses change, and exports the raadsbesluit and the raadsvoorstel.

Celery tasks run in-process (tests/conftest.py), inside the live server.
"""

import re
import shutil
import subprocess

import pytest

from proposals.constants import DecisionOutcome, ProposalStatus
from proposals.models import Commitment, CouncilProposal, Decision, Proposal, Submission
from tests.conftest import require
from tests.worker.support import PdfText, normalise, qpdf_check

pytestmark = pytest.mark.browser

CASE = "2200511"
AMENDED_TEXT = (
    "Uitvoering geven aan de negen voorstellen, met voorstel 9 zo gewijzigd dat ambtenaren een "
    "bijeenkomst over de grens vooraf melden bij hun leidinggevende."
)
AMENDMENT = "Melden bij de leidinggevende (voorstel 9)"
MOTION = "Jaarlijkse excursie van de raad naar Emsdetten"
TOEZEGGING = "De raad krijgt voor de zomer een voorstel voor de vereniging."


def pdftotext(path, first=None, last=None):
    require(shutil.which("pdftotext") is not None, "pdftotext is missing (apt-get poppler-utils)")
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, check=True)
    return PdfText(normalise(done.stdout.decode()))


def statuses(page):
    page.goto("/voorstellen/")
    cells = page.locator("table.proposal-table td[headers$='kolom-status']")
    return cells.all_inner_texts()


def export(page, document, tmp_path):
    """Export a document on the griffie page, wait until it is ready and download it."""
    page.goto("/griffie/")
    page.get_by_role("button", name=re.compile(f"Exporteer PDF – {document} {CASE}$")).click()
    ready = page.locator(
        f"tr[data-export-id][data-status='gereed'][data-label^='{document} {CASE}']"
    )
    ready.first.wait_for(timeout=90_000)
    with page.expect_download() as download_info:
        ready.first.get_by_role("link", name=re.compile("Download PDF")).click()
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    qpdf_check(path)
    return path


def test_griffie_records_the_decision_and_exports_the_raadsbesluit(
    page, live_server, browser_login, hengelo, clerk, assert_accessible, tmp_path
):
    browser_login(clerk)
    assert set(statuses(page)) == {"Voorgesteld"}

    # The raadsbesluit cannot be made before the decision is recorded, and the page says why.
    page.goto("/griffie/")
    blocked = page.locator("[data-export-blocked='raadsbesluit']")
    assert "pas worden gemaakt" in blocked.inner_text()

    page.get_by_role("link", name=f"Besluit vastleggen – {CASE}").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Besluit van de raad over raadsvoorstel {CASE}"
    )
    assert_accessible(page)

    page.get_by_label("Datum van de raadsvergadering").fill("2018-03-06")
    page.get_by_label("Nummer raadsbesluit").fill("2018-0306-01")
    page.get_by_label("Uitkomst van besluitpunt 1").select_option(label="Geamendeerd aangenomen")
    page.get_by_label("Geamendeerde tekst van besluitpunt 1").fill(AMENDED_TEXT)
    page.get_by_label("Uitkomst van besluitpunt 2").select_option(label="Aangenomen")
    # Statuses stay 'Volgt uit het besluit': every proposal falls under an adopted point.

    page.locator("#id_amendementen-0-kind").select_option(label="Amendement")
    page.locator("#id_amendementen-0-title").fill(AMENDMENT)
    page.locator("#id_amendementen-0-submitted_by").fill("Fractie A, Fractie B")
    page.locator("#id_amendementen-0-decision_point").select_option(index=1)
    page.locator("#id_amendementen-0-outcome").select_option(label="Aangenomen")
    page.locator("#id_amendementen-0-votes_for").fill("20")
    page.locator("#id_amendementen-0-votes_against").fill("17")

    page.locator("#id_amendementen-1-kind").select_option(label="Motie")
    page.locator("#id_amendementen-1-title").fill(MOTION)
    page.locator("#id_amendementen-1-submitted_by").fill("Fractie C")
    page.locator("#id_amendementen-1-outcome").select_option(label="Verworpen")

    page.locator("#id_toezeggingen-0-text").fill(TOEZEGGING)
    page.locator("#id_toezeggingen-0-owner").fill("de portefeuillehouder internationaal")
    page.locator("#id_toezeggingen-0-due_on").fill("2018-07-01")

    page.get_by_role("button", name="Besluit opslaan").click()
    page.wait_for_url("**/griffie/")
    assert "Het besluit van de raad van 06-03-2018 over raadsvoorstel 2200511 is vastgelegd" in (
        page.locator(".messages").inner_text()
    )

    decision = Decision.objects.get()
    assert [outcome.outcome for outcome in decision.point_outcomes.all()] == [
        DecisionOutcome.AMENDED,
        DecisionOutcome.ADOPTED,
    ]
    assert set(Submission.objects.values_list("title", "outcome")) == {
        (AMENDMENT, "aangenomen"),
        (MOTION, "verworpen"),
    }
    assert Commitment.objects.get().decision == decision
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.ADOPTED}

    # The statuses changed on /voorstellen/.
    assert statuses(page) == ["Aangenomen"] * 9

    # The toezeggingen: the list and both forms pass axe.
    page.goto("/toezeggingen/")
    assert TOEZEGGING in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Bijwerken")).first.click()
    page.get_by_role("heading", name="Toezegging bijwerken").wait_for()
    assert_accessible(page)
    page.goto("/toezeggingen/nieuw/")
    assert_accessible(page)

    # The raadsbesluit: every outcome is in its text.
    text = pdftotext(export(page, "Raadsbesluit", tmp_path))
    council_proposal = CouncilProposal.objects.get(case_number=CASE)
    assert "De raad van de gemeente Hengelo;" in text
    assert "2018-0306-01" in text
    assert AMENDED_TEXT in text
    point_2 = council_proposal.decision_points.get(number=2)
    assert normalise(point_2.text)[:60] in text
    assert "besluitpunt 1 van het voorstel: geamendeerd aangenomen" in text
    assert "besluitpunt 2 van het voorstel: aangenomen" in text
    assert AMENDMENT in text and "20–17" in text
    assert MOTION in text and "verworpen" in text
    assert "Aldus vastgesteld in de openbare vergadering van 6 maart 2018." in text

    # The raadsvoorstel: the proposed decision comes on page 1 or 2, as proposed (archived).
    path = export(page, "Raadsvoorstel met bijlagen A en B", tmp_path)
    first_pages = pdftotext(path, first=1, last=2)
    assert "Voorgesteld besluit" in first_pages
    assert "geamendeerd" not in pdftotext(path).lower()
