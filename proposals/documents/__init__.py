"""Council documents as PDF: HTML built from the live records, rendered by WeasyPrint.

Everything that decides what a PDF contains lives in this package, so that the Celery task, the
management command and the benchmark render exactly the same document:

- contexts: what each document prints, from the records (one function per document kind);
- building: the HTML and its content hash, with the municipality's identity (core.Municipality),
  and the builders other apps register for their documents (the yearly report, results.report);
- fetching: the only files rendering may load (the portal's static files);
- rendering: the PDF/A itself;
- text: user-entered text made safe.

The content hash of a document is taken over the HTML and the static files it uses.
"""

from .building import BUILDERS, TEMPLATES, DocumentSource, build_document, register_document
from .contexts import DocumentNotFound, DocumentNotReady, load_council_proposal
from .fetching import (
    DOCUMENT_ASSETS,
    PDF_VARIANT,
    PORTAL_ORIGIN,
    RENDERER_VERSION,
    PortalURLFetcher,
    RefusedURL,
    assets_fingerprint,
    find_static,
    static_path_for,
    static_url,
)
from .rendering import RenderedDocument, render_pdf
from .text import clean_inline, clean_text, lowercase_first

__all__ = [
    "BUILDERS",
    "DOCUMENT_ASSETS",
    "PDF_VARIANT",
    "PORTAL_ORIGIN",
    "RENDERER_VERSION",
    "TEMPLATES",
    "DocumentNotFound",
    "DocumentNotReady",
    "DocumentSource",
    "PortalURLFetcher",
    "RefusedURL",
    "RenderedDocument",
    "assets_fingerprint",
    "build_document",
    "clean_inline",
    "clean_text",
    "find_static",
    "load_council_proposal",
    "register_document",
    "lowercase_first",
    "render_pdf",
    "static_path_for",
    "static_url",
]
