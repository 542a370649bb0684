"""Rendering never leaves the portal: hostile texts are neither fetched, attached nor run."""

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from proposals.constants import DocumentKind
from proposals.documents import (
    PortalURLFetcher,
    build_document,
    clean_text,
    render_pdf,
    static_path_for,
    static_url,
)
from proposals.models import CouncilProposal, Proposal
from tests.worker.support import pdf_reader, pdf_text

pytestmark = pytest.mark.django_db

CASE = "2200511"
# A 1x1 transparent PNG.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


@pytest.fixture
def intranet():
    """A local web server standing in for an internal service; it records every request."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.requests = requests
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def raw_structure(pdf):
    reader = pdf_reader(pdf)
    root = reader.trailer["/Root"]
    names = root.get("/Names", {})
    annotations = [
        annotation.get_object()
        for page in reader.pages
        for annotation in (page.get("/Annots") or [])
    ]
    return root, names, annotations


def assert_nothing_embedded_or_scripted(pdf):
    root, names, annotations = raw_structure(pdf)
    assert "/EmbeddedFiles" not in names
    assert "/JavaScript" not in names
    assert "/OpenAction" not in root and "/AA" not in root
    assert "/AF" not in root
    for annotation in annotations:
        assert annotation.get("/Subtype") != "/FileAttachment"
        action = annotation.get("/A")
        if action is not None:
            assert action.get_object().get("/S") not in ("/JavaScript", "/Launch", "/URI")


def test_hostile_texts_are_not_fetched_attached_or_run(hengelo, intranet):
    council_proposal = CouncilProposal.objects.get(case_number=CASE)
    council_proposal.background = (
        'Aanleiding. <img src="file:///etc/passwd"> Einde aanleiding.\n\n'
        f'<img src="{intranet.url}/pixel.png"> Tweede alinea.'
    )
    council_proposal.content = (
        '<link rel="attachment" href="file:///etc/hostname"> Inhoud met <b>nadruk</b>.'
    )
    council_proposal.financial_aspects = (
        '<script>document.write("GEHACKT")</script> Tekst na het script. '
        f'<a rel="attachment" href="{intranet.url}/bijlage.pdf">bijlage</a>'
        f'<link rel="stylesheet" href="{intranet.url}/evil.css">'
    )
    council_proposal.save()
    Proposal.objects.filter(council_proposal=council_proposal, number=1).update(
        title=f"Voorstel met {intranet.url}/titel in de titel",
        summary=f'<iframe src="{intranet.url}/frame"></iframe>Samenvatting blijft staan.',
    )

    source = build_document(DocumentKind.COUNCIL_PROPOSAL, CASE)
    for fragment in ("<img", "<script", "<iframe", 'rel="attachment"', "file:///", "GEHACKT"):
        assert fragment not in source.html, fragment
    assert "<b>nadruk</b>" in source.html

    rendered = render_pdf(source)
    text = pdf_text(rendered.pdf)
    assert "Einde aanleiding." in text and "Tweede alinea." in text
    assert "Tekst na het script." in text
    assert "Samenvatting blijft staan." in text
    assert f"Voorstel met {intranet.url}/titel in de titel" in text  # shown as text, not fetched
    assert "GEHACKT" not in text
    assert "root:x:0:0" not in text
    assert intranet.requests == []
    assert rendered.refused_urls == []
    assert_nothing_embedded_or_scripted(rendered.pdf)


def test_fetcher_refuses_what_slips_past_the_sanitiser(hengelo, intranet):
    """Render hostile HTML as it is, as if sanitising had failed: the fetcher still refuses."""
    source = build_document(DocumentKind.COUNCIL_PROPOSAL, CASE)
    hostile = "".join(
        (
            '<img src="file:///etc/passwd" alt="">',
            f'<a rel="attachment" href="{intranet.url}/bijlage.pdf">bijlage</a>',
            f'<img src="{intranet.url}/pixel.png" alt="">',
            f'<link rel="stylesheet" href="{intranet.url}/evil.css">',
            '<div style="background: url(file:///etc/passwd)">achtergrond</div>',
            f'<img src="{static_url("../../../../etc/passwd")}" alt="">',
            '<img src="https://portaal.hengelo.invalid/static/%2e%2e/%2e%2e/etc/passwd" alt="">',
            f'<img src="data:image/png;base64,{PIXEL}" alt="pixel">',
            "<script>document.write('GEHACKT')</script>",
            "<p>Dit document rendert toch.</p>",
        )
    )
    source.html = source.html.replace(
        "</head>", '<link rel="attachment" href="file:///etc/hostname"></head>', 1
    ).replace("</body>", hostile + "</body>")
    rendered = render_pdf(source)

    assert "Dit document rendert toch." in pdf_text(rendered.pdf)
    assert "GEHACKT" not in pdf_text(rendered.pdf)
    assert intranet.requests == []
    refused = " ".join(rendered.refused_urls)
    assert "file:///etc/passwd" in refused
    # The head's attachment link is dropped before the PDF is written: not even tried, and
    # (below) nothing attached.
    assert "file:///etc/hostname" not in refused
    assert f"{intranet.url}/pixel.png" in refused
    assert f"{intranet.url}/evil.css" in refused
    assert "etc/passwd" in refused.replace("%2e%2e/", "")
    assert not any(url.startswith("data:") for url in rendered.refused_urls)
    assert_nothing_embedded_or_scripted(rendered.pdf)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/static/css/pdf.css",
        "https://portaal.hengelo.invalid/media/griffie/x.pdf",
        "https://portaal.hengelo.invalid/static/../settings.py",
        "https://portaal.hengelo.invalid/static/%2e%2e/%2e%2e/manage.py",
        "https://portaal.hengelo.invalid/static/css/pdf.css?x=1",
        "https://portaal.hengelo.invalid.example.com/static/css/pdf.css",
        "https://portaal.hengelo.invalid/static//etc/passwd",
        "ftp://portaal.hengelo.invalid/static/css/pdf.css",
    ],
)
def test_static_files_only(url):
    assert static_path_for(url) is None
    with pytest.raises(ValueError):
        PortalURLFetcher().fetch(url)


def test_own_stylesheet_font_and_data_urls_are_served():
    fetcher = PortalURLFetcher()
    css = fetcher.fetch(static_url("css/pdf.css"))
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    font = fetcher.fetch(static_url("fonts/source-sans-3/SourceSans3_400Regular.ttf"))
    assert len(font.read()) > 100_000
    pixel = fetcher.fetch(f"data:image/png;base64,{PIXEL}")
    assert pixel.read().startswith(b"\x89PNG")
    assert fetcher.refused == []


def test_clean_text_keeps_plain_formatting_and_drops_everything_else():
    html = clean_text(
        'Eerste regel & meer.\n\n<p onclick="x()" style="color:red">Tweede</p>'
        '<a href="javascript:alert(1)">link</a><script>alert(1)</script> € 5.000'
    )
    assert "onclick" not in html and "style=" not in html and "href" not in html
    assert "<script" not in html and "alert(1)" not in html
    assert "Eerste regel &amp; meer." in html
    assert "€&nbsp;5.000" in html
