"""The page cache of the public pages: anonymous visitors get stored bytes, with ETags.

Every anonymous GET of a page that carries nothing of one visitor (no CSRF token, no cookie, no
pending message) is stored as rendered bytes. Each entry records the site's content version it
was rendered at; a change to any record bumps the version (`bump_version`, connected in
`core.signals`), so the next request renders afresh. How long an entry may live besides that is
asked of the app whose page it is (`register_expiry`): the agenda's pages, for instance, change
when an event is over.

A hit costs one small cache read (the version) and, when this process has served the page
before, no unpickling: a bounded per-process layer keeps the bytes in front of the shared cache.
With the shared cache down, pages are rendered as if nothing was cached.

Visitors with a session cookie (everyone who is logged in) are never served from the cache.
"""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

from .compiled import database_key

logger = logging.getLogger(__name__)

VERSION_KEY = "pages:version"
MAX_AGE = 60 * 60
HEADER = "X-Page-Cache"
# Headers that are the visitor's own, or that the outer middleware sets on every response.
DROPPED_HEADERS = frozenset({"set-cookie", "date", "etag", "content-length", HEADER.lower()})
# Per-view decisions that outer middleware reads from the response (CSP decorators, framing).
KEPT_ATTRIBUTES = ("xframe_options_exempt",)
KEPT_ATTRIBUTE_PREFIX = "_csp"
CACHED_METHODS = ("GET", "HEAD")
# Changes to these apps' records show on no public page: they do not make pages stale.
IGNORED_APPS = frozenset(
    {"sessions", "admin", "contenttypes", "axes", "otp_static", "otp_totp", "two_factor"}
)
# The contact registry's access log is written whenever staff open a person's record; no cached
# page, public or private, shows it (its own list is never cached). Were it to mark pages stale,
# every look at a record would empty the public cache for every visitor.
IGNORED_MODELS = frozenset({"core.pendingupload", "contacts.accesslog"})

_expiry_hooks = []


def register_expiry(hook, namespace):
    """Let an app cap how long its pages (URL namespace) may be kept: `hook()` returns seconds,
    or None for no limit."""
    _expiry_hooks.append((namespace, hook))


def seconds_to_keep(request):
    match = getattr(request, "resolver_match", None)
    namespaces = set(match.namespaces) if match else set()
    seconds = MAX_AGE
    for namespace, hook in _expiry_hooks:
        if namespace in namespaces:
            limit = hook()
            if limit is not None:
                seconds = min(seconds, limit)
    return max(1, seconds)


def version_key():
    """The content version's key, one per database: processes reading another database (a test
    database, the 100x copy) with the same cache have their own version, so that no page or
    part kept from one database is ever served for another."""
    database = hashlib.sha256(repr(database_key()).encode()).hexdigest()[:16]
    return f"{VERSION_KEY}:{database}"


_owed = set()  # version keys whose bump the cache did not take: bumped at the next read


def bump_version():
    """Make every stored page stale. A bump the cache does not take (down, or core.cache's
    pause after a failure, when it skips every call) is owed: made before this process next
    reads the version, so that the pages kept before the change are not served once it is back."""
    key = version_key()
    version = uuid.uuid4().hex
    try:
        cache.set(key, version, None)
        taken = cache.get(key) == version
    except Exception:  # noqa: BLE001 - with the cache down nothing is served from it either
        logger.warning("Page cache unreachable: could not mark pages as changed", exc_info=True)
        taken = False
    if taken:
        _owed.discard(key)
    else:
        _owed.add(key)


def content_version():
    """The site's content version, which any change replaces (started when missing); None when
    the shared cache cannot say it. Anything kept until the content changes is keyed on it."""
    key = version_key()
    if key in _owed:
        bump_version()
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version or None


def content_changed(sender, **kwargs):
    """Mark every page stale now, and again after the commit.

    The first bump covers tests and code that read before the commit; the second makes sure a
    request that rendered the old rows between the two cannot leave a stale page behind.
    """
    if sender._meta.app_label in IGNORED_APPS or sender._meta.label_lower in IGNORED_MODELS:
        return
    if not kwargs.get("action", "post_").startswith("post_"):
        return  # m2m_changed: only once the relation has changed
    bump_version()
    transaction.on_commit(bump_version)


class LocalLayer:
    """A small least-recently-used store of entries in this process, bounded in bytes."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, version):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry["version"] != version or entry["expires"] < time.time():
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = len(entry["body"])
        if size > self.max_bytes // 4:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old["body"])
            self.entries[key] = entry
            self.size += size
            while self.size > self.max_bytes and self.entries:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped["body"])

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


local_layer = LocalLayer(getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024))


def is_cacheable(request):
    """Visitors without a session (so not logged in: the portal logs in through sessions only)
    and without pending messages all see the same page."""
    if request.method not in CACHED_METHODS:
        return False
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def page_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"pages:page:{get_language()}:{path}"


def is_storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Cache-Control") and (
        "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    ):
        return False
    return b"csrfmiddlewaretoken" not in response.content


def freeze(response, version, seconds):
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    headers = {
        name: value for name, value in response.items() if name.lower() not in DROPPED_HEADERS
    }
    attributes = {
        name: value
        for name, value in vars(response).items()
        if name in KEPT_ATTRIBUTES or name.startswith(KEPT_ATTRIBUTE_PREFIX)
    }
    return {
        "version": version,
        "expires": time.time() + seconds,
        "body": response.content,
        "headers": headers,
        "attributes": attributes,
        "etag": etag,
    }


def thaw(entry):
    response = HttpResponse(entry["body"])
    for name, value in entry["headers"].items():
        response[name] = value
    for name, value in entry["attributes"].items():
        setattr(response, name, value)
    response["ETag"] = entry["etag"]
    response[HEADER] = "hit"
    return response


def read(key, layer=local_layer):
    """Return (version, entry) from the per-process layer or the shared cache.

    The version is None when the shared cache cannot say it (Redis down: core.cache answers
    misses): then nothing may be served or stored, not even from this process's layer, since a
    change made meanwhile could not mark it stale.
    """
    version = content_version()
    if not version:
        return None, None
    entry = layer.get(key, version)
    if entry is None:
        entry = cache.get(key)
        # The entry's own expiry is checked too, not only the shared cache's timeout: the two
        # clocks can differ (another server's, or a test's travelled one).
        if entry is not None and entry["version"] == version and entry["expires"] >= time.time():
            layer.put(key, entry)
        else:
            entry = None
    return version, entry


def store(key, entry, seconds, layer=local_layer):
    """Keep an entry in the shared cache (if it is up) and in this process's layer."""
    try:
        cache.set(key, entry, seconds)
    except Exception:  # noqa: BLE001 - a cache outage must not take the pages down
        logger.warning("Page cache unreachable: page not stored", exc_info=True)
    layer.put(key, entry)


class PublicPageCacheMiddleware:
    """Serve anonymous visitors from the page cache; answer If-None-Match with 304.

    Placed last in MIDDLEWARE, so that the security, CSP and language middleware still handle
    every response, and a hit skips URL resolution and the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        key = page_key(request)
        try:
            version, entry = read(key)
        except Exception:  # noqa: BLE001 - a cache outage must not take the pages down
            logger.warning("Page cache unreachable: rendering without it", exc_info=True)
            return self.get_response(request)
        if version is None:
            return self.get_response(request)
        if entry is not None:
            response = thaw(entry)
        else:
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if not is_storable(response):
                return response
            seconds = seconds_to_keep(request)
            entry = freeze(response, version, seconds)
            store(key, entry, seconds)
            response["ETag"] = entry["etag"]
            response[HEADER] = "miss"
        patch_cache_control(response, no_cache=True)
        return get_conditional_response(request, etag=entry["etag"], response=response)
