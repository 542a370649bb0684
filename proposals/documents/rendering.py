"""A council document's HTML rendered by WeasyPrint as an archive-grade PDF."""

import time
from dataclasses import dataclass

import weasyprint
from django.utils import timezone
from weasyprint.text.fonts import FontConfiguration

from .accessibility import make_accessible
from .fetching import PDF_VARIANT, PORTAL_ORIGIN, PortalURLFetcher


@dataclass
class RenderedDocument:
    pdf: bytes
    page_count: int
    render_ms: int
    refused_urls: list


def render_pdf(source, created=None):
    """Render a document's HTML to an archive-grade (PDF/A) and accessible (PDF/UA-1) PDF."""
    started = time.perf_counter()
    fetcher = PortalURLFetcher()
    font_config = FontConfiguration()
    options = {"pdf_variant": PDF_VARIANT, "custom_metadata": True, "pdf_tags": True}
    html = weasyprint.HTML(string=source.html, base_url=PORTAL_ORIGIN + "/", url_fetcher=fetcher)
    document = html.render(font_config=font_config, **options)
    stamp = (created or timezone.now()).replace(microsecond=0).isoformat()
    document.metadata.created = stamp
    document.metadata.modified = stamp
    document.metadata.attachments = []
    pdf = make_accessible(document.write_pdf(**options), source.html)
    return RenderedDocument(
        pdf=pdf,
        page_count=len(document.pages),
        render_ms=round((time.perf_counter() - started) * 1000),
        refused_urls=fetcher.refused,
    )
