"""The page cache of the public agenda: anonymous pages and feeds, with ETags for conditional GET.

Each cached page records the agenda's version it was rendered at; any change to an event (or to
a network, theme, partner city or partner that the pages show) bumps the version, so the next
request renders afresh. A page is also kept no longer than until the next published event is
over, because it then moves from the agenda to the archive. The version and the page are read
in one cache round trip.

A page with a CSRF token is never cached: the token belongs to one visitor. The agenda's public
pages switch language with links, so they carry none.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "agenda:version"
MAX_AGE = 60 * 60
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY, "")
    return version


def bump_version():
    """Make every cached agenda page stale."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def page_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"agenda:page:{get_language()}:{path}"


def seconds_until_next_change(now=None):
    """Return how long a page may be kept: until the next published event is over."""
    from .models import Event

    now = now or timezone.now()
    next_end = (
        Event.objects.published()
        .filter(finishes_at__gte=now)
        .aggregate(next_end=Min("finishes_at"))["next_end"]
    )
    if next_end is None:
        return MAX_AGE
    return max(1, min(MAX_AGE, int((next_end - now).total_seconds()) + 1))


def is_cacheable(request):
    """Visitors without a session (so not logged in: the portal logs in through sessions only)
    and without pending messages all see the same page."""
    if request.method not in ("GET", "HEAD"):
        return False
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def freeze(response, version):
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return {"version": version, "body": response.content, "headers": headers, "etag": etag}


def thaw(entry):
    response = HttpResponse(entry["body"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["ETag"] = entry["etag"]
    response["X-Agenda-Cache"] = "hit"
    return response


def cache_for_anonymous(view):
    """Serve a view from the agenda cache to anonymous visitors, and answer If-None-Match."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_cacheable(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        key = page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or current_version()
        entry = found.get(key)
        if entry is not None and entry["version"] == version:
            response = thaw(entry)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if (
                response.status_code != 200
                or response.streaming
                or response.cookies
                or b"csrfmiddlewaretoken" in response.content
            ):
                return response
            entry = freeze(response, version)
            cache.set(key, entry, seconds_until_next_change())
            response["ETag"] = entry["etag"]
            response["X-Agenda-Cache"] = "miss"
        patch_cache_control(response, private=True, no_cache=True)
        return get_conditional_response(request, etag=entry["etag"], response=response)

    return wrapped
