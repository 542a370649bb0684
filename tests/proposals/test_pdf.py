"""The council PDFs themselves: content from the live records, structure, PDF/A and metadata."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from budget.constants import FigureKind
from budget.models import BudgetLine, ProductBudget, RecordedFigure, SavingsTarget, StaffPosition
from core.templatetags.portal import format_euro
from networks.models import Effort, Network
from proposals.constants import DocumentKind
from proposals.documents import build_document, render_pdf
from proposals.models import CouncilProposal, Proposal
from tests.worker.support import normalise, pdf_pages, pdf_reader, pdf_text, qpdf_check

pytestmark = pytest.mark.django_db

CASE = "2200511"


def financial_amounts():
    """Every amount of FINANCIËLE ASPECTEN as the budget records hold it for 2200511."""
    council_proposal = CouncilProposal.objects.get(case_number=CASE)
    amounts = [p.yearly_cost for p in StaffPosition.objects.all()]
    amounts += [b.amount for b in ProductBudget.objects.filter(year=2017)]
    amounts += [line.amount for line in BudgetLine.objects.filter(year=2017)]
    amounts += [
        RecordedFigure.objects.get(kind=FigureKind.STAFF_REMAINDER, year=2017).amount,
        RecordedFigure.objects.get(kind=FigureKind.ONE_OFF_COVER, year=2018).amount,
    ]
    amounts += [t.amount for t in SavingsTarget.objects.filter(council_proposal=council_proposal)]
    return [normalise(format_euro(amount)) for amount in amounts]


@pytest.fixture(scope="module")
def council_pdf(django_db_setup, django_db_blocker):
    """The raadsvoorstel rendered once for the tests of this module, from the loaded data."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_hengelo", stdout=io.StringIO())
        source = build_document(DocumentKind.COUNCIL_PROPOSAL, CASE)
        rendered = render_pdf(source)
        transaction.set_rollback(True)
    return source, rendered


def test_council_proposal_pdf_holds_the_live_records(council_pdf, hengelo):
    source, rendered = council_pdf
    text = pdf_text(rendered.pdf)

    for heading in (
        "ONDERWERP",
        "AANLEIDING, DOEL EN WAT GING ER AAN VOORAF",
        "INHOUD VAN HET VOORSTEL",
        "BESPREEK- EN BESLISPUNTEN",
        "FINANCIËLE ASPECTEN",
        "BIJLAGEN",
        "Bijlage A",
        "Bijlage B",
    ):
        assert heading in text, heading
    assert (
        "Voorstellen voor mogelijkheden voor een actieve invulling van het internationaal" in text
    )

    proposals = Proposal.objects.filter(council_proposal__case_number=CASE).order_by("number")
    assert proposals.count() == 9
    for proposal in proposals:
        assert normalise(f"{proposal.number}. {proposal.title}") in text

    expected = financial_amounts()
    assert len(expected) == 10
    for amount in expected:
        assert amount in text, amount
    for amount in ("€ 40.000", "€ 16.000", "€ 88.942", "€ 151.067", "€ 23.500", "€ 7.000"):
        assert amount in text
    for amount in ("€ 4.400", "€ 179.793", "€ 56.610", "€ 56.000"):
        assert amount in text

    efforts = Effort.objects.filter(year=2018).order_by("number")
    assert efforts.count() == 16
    for effort in efforts:
        assert normalise(effort.title) in text, effort.title
        assert normalise(effort.get_lead_display()) in text
    networks = Network.objects.filter(annex_number__isnull=False)
    assert networks.count() == 9
    for network in networks:
        assert normalise(network.full_name or network.name) in text, network.name


def test_every_page_has_the_header_the_case_number_and_page_x_of_y(council_pdf):
    _source, rendered = council_pdf
    pages = pdf_pages(rendered.pdf)
    assert len(pages) == rendered.page_count >= 5
    for number, page in enumerate(pages, start=1):
        assert "Gemeente Hengelo" in page
        assert f"Zaaknummer {CASE}" in page
        assert f"pagina {number} van {len(pages)}" in page


def test_table_of_contents_gives_the_page_of_each_section(council_pdf):
    _source, rendered = council_pdf
    pages = pdf_pages(rendered.pdf)
    toc = pages[0]
    match = re.search(r"Bijlage A: .*?\.{3,} ?(\d+)", toc)
    assert match, toc
    annex_a_page = int(match.group(1))
    assert "Geplande internationale Hengelose inspanningen" in pages[annex_a_page - 1] or (
        "Internationale Hengelose inspanningen 2018" in pages[annex_a_page - 1]
    )
    reader = pdf_reader(rendered.pdf)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "ONDERWERP" in outline and "FINANCIËLE ASPECTEN" in outline


def test_pdf_is_pdf_a_with_metadata_and_the_font_embedded(council_pdf, tmp_path):
    source, rendered = council_pdf
    path = tmp_path / "raadsvoorstel.pdf"
    path.write_bytes(rendered.pdf)
    qpdf_check(path)

    reader = pdf_reader(rendered.pdf)
    info = reader.metadata
    assert info.title.startswith(f"Raadsvoorstel {CASE}: Voorstellen voor mogelijkheden")
    assert info.author == "College van B&W van Hengelo"
    assert info.subject.startswith("Voorstellen voor mogelijkheden")
    assert f"zaaknummer {CASE}" in info["/Keywords"]
    assert info["/zaaknummer"] == CASE
    assert reader.trailer["/Root"]["/Lang"] == "nl"

    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    assert 'pdfaid:conformance="U"' in xmp or "<pdfaid:conformance>U</pdfaid:conformance>" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]

    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = font.get("/DescendantFonts")
            if descendant:
                descriptor = descendant[0].get_object()["/FontDescriptor"].get_object()
                assert any(key in descriptor for key in ("/FontFile2", "/FontFile3"))
    assert any("Source-Sans-3" in name for name in fonts), fonts


def test_cover_letter_to_the_presidium(hengelo, tmp_path):
    source = build_document(DocumentKind.COVER_LETTER, CASE)
    rendered = render_pdf(source)
    text = pdf_text(rendered.pdf)
    for needle in (
        "Geacht presidium,",
        "Verzoek agendering politieke markt",
        CASE,
        "23 januari 2018",
        "woensdag 14 februari 2018",
        "zaaknr. 2143558",
        "zaaknr. 2171492",
        "Hazenweg 121",
        "Postbus 18",
        "7550 AA Hengelo",
        "14-074",
        "de secretaris",
        "De heer J. Eshuis",
        "de burgemeester",
        "De heer S.W.J.G. Schelberg",
        "A. Internationale Hengelose inspanningen 2018",
        "de negen voorstellen",
    ):
        assert needle in text, needle
    for number, page in enumerate(pdf_pages(rendered.pdf), start=1):
        assert f"pagina {number} van {rendered.page_count}" in page
    path = tmp_path / "brief.pdf"
    path.write_bytes(rendered.pdf)
    qpdf_check(path)
    assert pdf_reader(rendered.pdf).metadata.title.startswith("Brief aan het presidium")


def test_same_content_gives_the_same_hash_and_a_change_a_new_one(hengelo):
    first = build_document(DocumentKind.COUNCIL_PROPOSAL, CASE)
    again = build_document(DocumentKind.COUNCIL_PROPOSAL, CASE)
    letter = build_document(DocumentKind.COVER_LETTER, CASE)
    assert first.content_hash == again.content_hash
    assert letter.content_hash != first.content_hash

    Effort.objects.filter(year=2018, number=16).update(expected_yield="Lobby en relatiebeheer")
    changed = build_document(DocumentKind.COUNCIL_PROPOSAL, CASE)
    assert changed.content_hash != first.content_hash
    assert "Lobby en relatiebeheer" in changed.html


def test_annex_a_follows_the_records_not_a_copy(hengelo):
    Effort.objects.filter(year=2018, number=2).update(title="Project Retaillink, tweede fase")
    Network.objects.filter(slug="vng").update(theme_summary="milieu, sociaal en digitalisering")
    html = build_document(DocumentKind.COUNCIL_PROPOSAL, CASE).html
    assert "Project Retaillink, tweede fase" in html
    assert "milieu, sociaal en digitalisering" in html


def test_management_command_writes_the_same_document(hengelo, tmp_path, capsys):
    path = tmp_path / "raadsvoorstel.pdf"
    call_command("export_raadsvoorstel", CASE, "--output", str(path))
    out = capsys.readouterr().out
    source = build_document(DocumentKind.COUNCIL_PROPOSAL, CASE)
    assert f"gegevensversie {source.content_hash[:12]}" in out
    qpdf_check(path)
    text = pdf_text(path.read_bytes())
    assert "BESPREEK- EN BESLISPUNTEN" in text
    assert "€ 56.610" in text

    letter = tmp_path / "brief.pdf"
    call_command("export_raadsvoorstel", CASE, "-o", str(letter), "--document", "aanbiedingsbrief")
    assert "Geacht presidium" in pdf_text(letter.read_bytes())


def test_management_command_names_an_unknown_case_number(hengelo, tmp_path):
    with pytest.raises(CommandError, match="geen openbaar raadsvoorstel met zaaknummer 1234567"):
        call_command("export_raadsvoorstel", "1234567", "--output", str(tmp_path / "x.pdf"))
