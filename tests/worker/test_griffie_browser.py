"""Done when: the griffie exports the 2018 council proposal in a browser and downloads the PDF.

With a shared database and Redis (the PostgreSQL run of .ci/run) a real worker renders; on SQLite
in memory the task runs in-process, inside the live server.
"""

import os
import re

import pytest

from budget.constants import FigureKind
from budget.models import BudgetLine, ProductBudget, RecordedFigure, SavingsTarget, StaffPosition
from core.money import format_euro
from networks.models import Effort, Network
from proposals.models import CouncilProposal, Proposal
from tests.worker.support import (
    eager_celery,
    normalise,
    pdf_reader,
    pdf_text,
    qpdf_check,
    shared_database_url,
)

CASE = "2200511"


@pytest.fixture
def renderer(request):
    """A real worker where one can share the test database, otherwise in-process rendering."""
    if shared_database_url() and os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        worker = request.getfixturevalue("start_worker")("browser", concurrency=2)
        yield worker
    else:
        with eager_celery():
            yield None


@pytest.mark.browser
def test_griffie_exports_watches_and_downloads_the_council_proposal(
    page, live_server, browser_login, hengelo, clerk, renderer, assert_accessible, tmp_path
):
    browser_login(clerk)
    page.goto(f"{live_server.url}/griffie/")
    assert page.get_by_role("heading", level=1).inner_text() == "Griffie: raadsdocumenten als PDF"
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_role("button", name=re.compile("Exporteer PDF.*Raadsvoorstel met bijlagen")).click()
    row = page.locator("tr[data-export-id]").first
    row.wait_for()
    ready = page.locator("tr[data-export-id][data-status='gereed']")
    ready.first.wait_for(timeout=90_000)
    assert page.evaluate("window.stillTheSamePage") is True  # updated without a reload
    assert "Gereed" in ready.first.inner_text()
    assert clerk.username in ready.first.inner_text()
    page.screenshot(path=str(tmp_path / "griffie.png"), full_page=True)
    assert_accessible(page)

    with page.expect_download() as download_info:
        ready.first.get_by_role("link", name=re.compile("Download PDF")).click()
    download = download_info.value
    assert download.suggested_filename == f"raadsvoorstel-{CASE}.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    pdf = path.read_bytes()
    text = pdf_text(pdf)

    council_proposal = CouncilProposal.objects.get(case_number=CASE)
    amounts = [position.yearly_cost for position in StaffPosition.objects.all()]
    amounts += [budget.amount for budget in ProductBudget.objects.filter(year=2017)]
    amounts += [line.amount for line in BudgetLine.objects.filter(year=2017)]
    amounts += [
        RecordedFigure.objects.get(kind=FigureKind.STAFF_REMAINDER, year=2017).amount,
        RecordedFigure.objects.get(kind=FigureKind.ONE_OFF_COVER, year=2018).amount,
    ]
    amounts += [
        target.amount for target in SavingsTarget.objects.filter(council_proposal=council_proposal)
    ]
    assert len(amounts) == 10
    for amount in amounts:
        assert normalise(format_euro(amount)) in text, amount

    proposals = Proposal.objects.filter(council_proposal=council_proposal)
    assert proposals.count() == 9
    for proposal in proposals:
        assert normalise(f"{proposal.number}. {proposal.title}") in text, proposal.title
    efforts = Effort.objects.filter(year=2018)
    assert efforts.count() == 16
    for effort in efforts:
        assert normalise(effort.title) in text, effort.title
    networks = Network.objects.filter(annex_number__isnull=False)
    assert networks.count() == 9
    for network in networks:
        assert normalise(network.full_name or network.name) in text, network.name

    qpdf_check(path)
    xmp = pdf_reader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)3', xmp), xmp
