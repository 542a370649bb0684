"""What a council document may load while it renders: the portal's own static files only."""

import hashlib
import logging
import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The HTML refers to the portal's static files under this origin. It never resolves (.invalid is
# reserved); the fetcher below maps it onto the static files and refuses everything else.
PORTAL_ORIGIN = "https://portaal.invalid"
PDF_VARIANT = "pdf/a-3u"
# Bump when the rendering changes in a way the HTML does not show (options, WeasyPrint usage).
RENDERER_VERSION = f"2:{weasyprint.__version__}:{PDF_VARIANT}+pdf/ua-1"
# Static files a council document may use; their content is part of the content hash.
DOCUMENT_ASSETS = (
    "css/pdf.css",
    "fonts/source-sans-3/SourceSans3_400Regular.ttf",
    "fonts/source-sans-3/SourceSans3_400Regular_Italic.ttf",
    "fonts/source-sans-3/SourceSans3_600SemiBold.ttf",
    "fonts/source-sans-3/SourceSans3_700Bold.ttf",
)


class RefusedURL(ValueError):
    """A document tried to load something from outside the portal's static files."""


class PortalURLFetcher(URLFetcher):
    """Let WeasyPrint load only the portal's own static files and data: URLs.

    Files, other hosts, the local network and attachments are refused, so a text that slips
    through cannot make the worker read /etc/passwd or call an internal service.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("timeout", 5)
        kwargs.setdefault("allow_redirects", False)
        kwargs["allowed_protocols"] = ("data", "https")
        super().__init__(*args, **kwargs)
        self.fetched = []
        self.refused = []

    def fetch(self, url, headers=None):
        if url.lower().startswith("data:"):
            self.fetched.append(url[:40])
            return super().fetch(url, headers)
        path = static_path_for(url)
        if path is None:
            self.refused.append(url)
            logger.warning("PDF rendering refused to fetch %s", url)
            raise RefusedURL(f"Refused to fetch {url}")
        self.fetched.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def static_url(name):
    return f"{PORTAL_ORIGIN}/{settings.STATIC_URL.strip('/')}/{name}"


def static_path_for(url):
    """Return the static file an URL under PORTAL_ORIGIN points to, or None."""
    prefix = f"{PORTAL_ORIGIN}/{settings.STATIC_URL.strip('/')}/"
    parts = urlsplit(url)
    if parts.query or parts.fragment or not url.startswith(prefix):
        return None
    name = unquote(url[len(prefix) :])
    if not name or name.startswith("/") or "\\" in name or ".." in Path(name).parts:
        return None
    return find_static(name)


@cache
def find_static(name):
    """Find a static file in the app folders, or in STATIC_ROOT after collectstatic."""
    try:
        found = finders.find(name)
        if not found and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT) / name
            root = Path(settings.STATIC_ROOT).resolve()
            if candidate.resolve().is_relative_to(root) and candidate.is_file():
                found = str(candidate)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


@cache
def assets_fingerprint():
    """Hash the static files a document uses, once per process: they change only on deploy."""
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    for name in DOCUMENT_ASSETS:
        path = find_static(name)
        digest.update(name.encode())
        digest.update(path.read_bytes() if path else b"missing")
    return digest.hexdigest()
