"""The page cache of signed-in users: each session's own pages, as rendered bytes (issue 17).

A view opts in with `PrivateCacheMixin` (class-based views: after the permission mixins, so
that the permission is still asked on every request) or `@private_cache` (function views: below
`login_required` and `permission_required`). A GET of such a page by a signed-in user is stored
under a key made of the session key, the CSRF cookie, the user's pk and session auth hash, the
language and the full path, so a page reaches only the session that rendered it: another user,
an anonymous visitor, or the same person after signing out and in (a new session key) never
gets it, and the CSRF token in its forms is the one this session's cookie expects.

An entry holds only at the content version of the public page cache (`core.page_cache`): any
change to a record, users' roles and permissions included, makes it stale at once. Besides
that it lives a few minutes (PRIVATE_PAGE_CACHE_SECONDS) and never past midnight, as pages such
as "my follow-ups" depend on the date. Responses with messages shown or pending, cookies, a
status other than 200 or Cache-Control no-store are never stored; with the cache down pages are
rendered without it. PRIVATE_PAGE_CACHE=0 switches it off (the bench's in-process medians).

What a page must do on every view even when it is served from the cache (the contact registry's
access log: who saw whose personal data) the view does through `act()`: the action runs now and
again on every hit, with the same payload, for the user who is served.
"""

import hashlib
import logging
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

from .page_cache import HEADER, LocalLayer, freeze, read, store, thaw

logger = logging.getLogger(__name__)

ACTIONS_ATTRIBUTE = "_private_cache_actions"
local_layer = LocalLayer(getattr(settings, "PRIVATE_PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024))
_actions = {}


def register_action(name, function):
    """Name `function(user, payload)`, something a page does on every view (an app's ready())."""
    _actions[name] = function


def act(request, name, payload):
    """Do the named action now, and again for every view of this page served from the cache."""
    _actions[name](request.user, payload)
    request.__dict__.setdefault(ACTIONS_ATTRIBUTE, []).append((name, payload))


def _pending_messages(request):
    """Messages waiting to be shown, shown by this page, or added while rendering it."""
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _csrf_cookie(request):
    """The CSRF cookie, when the tokens on the page will be made from it."""
    value = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if value and request.META.get("CSRF_COOKIE") == value:
        return value
    return None


def is_usable(request):
    if not getattr(settings, "PRIVATE_PAGE_CACHE", True) or request.method != "GET":
        return False
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or not user.is_authenticated or session is None or not session.session_key:
        return False
    return _csrf_cookie(request) is not None and not _pending_messages(request)


def private_key(request):
    parts = (
        request.session.session_key,
        _csrf_cookie(request),
        str(request.user.pk),
        request.user.get_session_auth_hash(),
        get_language(),
        request.get_full_path(),
    )
    return "pages:private:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def is_storable(request, response, key):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "no-store" in response.get("Cache-Control", ""):
        return False
    # Still the same session, CSRF secret and user as when the key was made, and no message
    # was shown or queued while rendering.
    if _pending_messages(request) or not is_usable(request):
        return False
    return private_key(request) == key


def seconds_to_keep():
    """A few minutes, and never past midnight."""
    now = timezone.localtime()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    seconds = int((midnight - now).total_seconds())
    return max(1, min(getattr(settings, "PRIVATE_PAGE_CACHE_SECONDS", 300), seconds))


def serve(request, render):
    """The page from the session's cache entry, or `render()` stored for the next request."""
    if not is_usable(request):
        return render()
    key = private_key(request)
    try:
        version, entry = read(key, local_layer)
    except Exception:  # noqa: BLE001 - a cache outage must not take the pages down
        logger.warning("Page cache unreachable: rendering without it", exc_info=True)
        version = None
    if version is None:
        return render()
    if entry is not None:
        for name, payload in entry["actions"]:
            _actions[name](request.user, payload)
        response = thaw(entry)
    else:
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if not is_storable(request, response, key):
            return response
        seconds = seconds_to_keep()
        entry = freeze(response, version, seconds)
        entry["actions"] = request.__dict__.get(ACTIONS_ATTRIBUTE, [])
        store(key, entry, seconds, local_layer)
        response["ETag"] = entry["etag"]
        response[HEADER] = "miss"
    patch_cache_control(response, private=True, no_cache=True)
    return get_conditional_response(request, etag=entry["etag"], response=response)


class PrivateCacheMixin:
    """Serve a signed-in user's GET from their own cached copy; after the permission mixins."""

    def dispatch(self, request, *args, **kwargs):
        parent = super().dispatch
        return serve(request, lambda: parent(request, *args, **kwargs))


def private_cache(view):
    """The same for a function view, placed below its login and permission decorators."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return serve(request, lambda: view(request, *args, **kwargs))

    wrapped.private_cache = True
    return wrapped
