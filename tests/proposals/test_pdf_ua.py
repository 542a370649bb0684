"""PDF/UA-1 on all three council documents, checked structurally (veraPDF is not available here).

The tree is read with pikepdf; the text of each marked-content sequence with pypdf's operator and
text visitors, which see the content stream in order.
"""

import datetime
import io
import re
from collections import defaultdict

import pikepdf
import pytest
from django.db import transaction

from proposals.constants import DecisionOutcome, DocumentKind
from proposals.documents import build_document, render_pdf
from proposals.models import CouncilProposal, Decision, DecisionPoint, PointOutcome
from tests.conftest import HENGELO_SNAPSHOT
from tests.worker.support import normalise, pdf_reader, qpdf_check

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("pdf-ua")]

CASE = "2200511"
KINDS = [DocumentKind.COUNCIL_PROPOSAL, DocumentKind.COVER_LETTER, DocumentKind.COUNCIL_DECISION]


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker):
    """The three documents rendered once, the raadsbesluit from a recorded decision."""
    rendered = {}
    with django_db_blocker.unblock(), transaction.atomic():
        HENGELO_SNAPSHOT.load()  # the rows of load_hengelo, copied if this process has them
        decision = Decision.objects.create(
            council_proposal=CouncilProposal.objects.get(case_number=CASE),
            meeting_on=datetime.date(2018, 3, 6),
            number="2018-12",
        )
        for point in DecisionPoint.objects.all():
            PointOutcome.objects.create(
                decision=decision, decision_point=point, outcome=DecisionOutcome.ADOPTED
            )
        for kind in KINDS:
            rendered[kind] = render_pdf(build_document(kind, CASE)).pdf
        transaction.set_rollback(True)
    return rendered


# --- reading the structure -----------------------------------------------------------------------


def struct_tree(pdf):
    """Walk the structure tree in order: yield (element, its tags from the root down)."""

    def walk(item, path):
        if isinstance(item, pikepdf.Array):
            for child in item:
                yield from walk(child, path)
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") != "/OBJR":
            tag = str(item.get("/S", ""))
            yield item, (*path, tag)
            if "/K" in item:
                yield from walk(item.K, (*path, tag))

    yield from walk(pdf.Root.StructTreeRoot.get("/K"), ())


def tagged_content(pdf):
    """{(page index, mcid): tags from the root down} for every id the tree reaches, in order."""
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    found = {}
    for element, path in struct_tree(pdf):
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, int):
                page = pages[element.Pg.objgen]
                found[(page, int(kid))] = path
    return found


def text_runs(pdf_bytes):
    """Every text run: (page index, mcid or None, inside an artifact, text, size in points)."""
    runs = []
    for index, page in enumerate(pdf_reader(pdf_bytes).pages):
        stack = []

        def before(operator, operands, cm, tm, stack=stack):
            if operator == b"BDC":
                properties = operands[1]
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                stack.append((str(operands[0]), mcid))
            elif operator == b"BMC":
                stack.append((str(operands[0]), None))
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(value, cm, tm, font, size, stack=stack, index=index):
            if not value.strip():
                return
            mcids = [mcid for _tag, mcid in stack if mcid is not None]
            artifact = any(tag == "/Artifact" for tag, _mcid in stack)
            scale = abs(cm[0] * tm[0]) or abs(cm[1] * tm[1])
            runs.append((index, mcids[-1] if mcids else None, artifact, value, float(size) * scale))

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return runs


def tagged_texts(pdf_bytes):
    """The text runs in the order of the structure tree, each with its tags."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        order = tagged_content(pdf)
    texts = defaultdict(list)
    for page, mcid, _artifact, value, _size in text_runs(pdf_bytes):
        if mcid is not None:
            texts[(page, mcid)].append(value)
    return [(path, normalise(" ".join(texts[key]))) for key, path in order.items() if texts[key]]


# --- the checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_declared_pdf_ua_1_and_pdf_a_with_title_and_language(documents, kind):
    with pikepdf.open(io.BytesIO(documents[kind])) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp)
        assert re.search(r"<pdfaid:part>3</pdfaid:part>|pdfaid:part=\"3\"", xmp)
        # PDF/A asks for an extension schema for a namespace outside its own.
        assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/<" in xmp
        assert "<dc:title>" in xmp
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "nl"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert "/StructTreeRoot" in pdf.Root
        for page in pdf.pages:
            if "/Annots" in page.obj:
                assert page.obj.Tabs == "/S"


@pytest.mark.parametrize("kind", KINDS)
def test_all_text_is_tagged_or_page_furniture(documents, kind):
    with pikepdf.open(io.BytesIO(documents[kind])) as pdf:
        tagged = tagged_content(pdf)
        page_count = len(pdf.pages)
    runs = text_runs(documents[kind])
    untagged = [
        run for run in runs if not run[2] and (run[1] is None or (run[0], run[1]) not in tagged)
    ]
    assert untagged == []
    # Running header, footer and page numbers are artifacts on every page, never content.
    for page in range(page_count):
        furniture = normalise(" ".join(run[3] for run in runs if run[0] == page and run[2]))
        assert f"pagina {page + 1} van {page_count}" in furniture
        assert "Zaaknummer 2200511" in furniture and "Gemeente Hengelo" in furniture
    content = " ".join(text for _path, text in tagged_texts(documents[kind]))
    assert "pagina 1 van" not in content


@pytest.mark.parametrize("kind", KINDS)
def test_no_tiny_text(documents, kind):
    sizes = [round(run[4], 1) for run in text_runs(documents[kind])]
    assert min(sizes) >= 6, sorted(set(sizes))[:5]


@pytest.mark.parametrize("kind", KINDS)
def test_links_are_not_nested_and_are_described(documents, kind):
    with pikepdf.open(io.BytesIO(documents[kind])) as pdf:
        for _element, path in struct_tree(pdf):
            assert path.count("/Link") <= 1, path
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") == "/Link":
                    assert str(annotation.get("/Contents", "")).strip()
    links = [text for path, text in tagged_texts(documents[kind]) if "/Link" in path]
    for text in links:
        assert not re.search(r"\.{2,}", text), text


def test_table_of_contents_leaders_and_pages_are_outside_the_links(documents):
    pdf_bytes = documents[DocumentKind.COUNCIL_PROPOSAL]
    texts = tagged_texts(pdf_bytes)
    link_at = [index for index, (path, _text) in enumerate(texts) if path[-1] == "/Link"]
    labels = [texts[index][1] for index in link_at]
    assert labels[:3] == [
        "Onderwerp",
        "Voorgesteld besluit",
        "Aanleiding, doel en wat ging er aan vooraf",
    ]
    # Right after each link, in the same list item but outside the link: its page number.
    for index in link_at:
        path, text = texts[index + 1]
        assert "/LI" in path and "/Link" not in path and re.fullmatch(r"\d+", text), texts[
            index + 1
        ]
    # The leader is drawn, not written: no run of dots anywhere in the text.
    assert not [text for _path, text in texts if re.fullmatch(r"[.\s]+", text)]
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        contents = [
            str(annotation.Contents)
            for annotation in pdf.pages[0].obj.get("/Annots", [])
            if annotation.get("/Subtype") == "/Link"
        ]
    assert contents[:2] == ["Onderwerp", "Voorgesteld besluit"]


@pytest.mark.parametrize(
    ("kind", "signers"),
    [
        (DocumentKind.COVER_LETTER, ["de secretaris,", "de burgemeester,"]),
        (DocumentKind.COUNCIL_PROPOSAL, ["de secretaris,", "de burgemeester,"]),
        (DocumentKind.COUNCIL_DECISION, ["de griffier,", "de voorzitter,"]),
    ],
)
def test_signature_block_is_layout_not_a_data_table(documents, kind, signers):
    texts = tagged_texts(documents[kind])
    for signer in signers:
        paths = [path for path, text in texts if text == signer]
        assert paths, signer
        for path in paths:
            assert not {"/Table", "/TR", "/TD", "/TH"} & set(path), path


@pytest.mark.parametrize(
    ("kind", "order"),
    [
        (
            DocumentKind.COUNCIL_PROPOSAL,
            [
                "ONDERWERP",
                "VOORGESTELD BESLUIT",
                "AANLEIDING, DOEL",
                "INHOUD VAN HET VOORSTEL",
                "FINANCIËLE ASPECTEN",
                "BIJLAGEN",
                "de burgemeester,",
                "Bijlage A. ",
            ],
        ),
        (
            DocumentKind.COVER_LETTER,
            [
                "Presidium",
                "Bezoekadres",
                "Verzoek agendering",
                "Geacht presidium,",
                "Met vriendelijke groet,",
                "de secretaris,",
            ],
        ),
        (
            DocumentKind.COUNCIL_DECISION,
            ["De raad van de gemeente Hengelo;", "besluit:", "Aldus vastgesteld", "de griffier,"],
        ),
    ],
)
def test_reading_order_follows_the_page(documents, kind, order):
    content = " | ".join(text for _path, text in tagged_texts(documents[kind]))
    positions = [content.find(phrase) for phrase in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions), list(zip(order, positions, strict=True))


@pytest.mark.parametrize("kind", KINDS)
def test_qpdf_finds_no_errors(documents, kind, tmp_path):
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(documents[kind])
    assert "No syntax or stream encoding errors found" in qpdf_check(path)
