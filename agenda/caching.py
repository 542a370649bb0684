"""The page cache of the public agenda: anonymous pages and feeds, with ETags for conditional GET.

Every cached page is stored under the agenda's version; any change to an event (or to a network,
theme or partner city an event shows) bumps the version, so the next request renders afresh.
A page is also kept no longer than until the next published event is over, because it then
moves from the agenda to the archive.

The pages carry the language switcher, a POST form with a CSRF token. The token is taken out of
the stored copy and a fresh one for the visitor is put back in on every hit.
"""

import hashlib
import re
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "agenda:version"
MAX_AGE = 60 * 60
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"@@agenda-csrf-token@@"
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


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
    return f"agenda:page:{current_version()}:{get_language()}:{path}"


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
    """Anonymous visitors without a session or pending messages all see the same page."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def freeze(response):
    body = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return {"body": body, "headers": headers, "etag": etag}


def thaw(entry, request):
    body = entry["body"]
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(body)
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
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if response.status_code != 200 or response.streaming:
                return response
            entry = freeze(response)
            cache.set(key, entry, seconds_until_next_change())
            response["ETag"] = entry["etag"]
            response["X-Agenda-Cache"] = "miss"
        else:
            response = thaw(entry, request)
        patch_cache_control(response, private=True, no_cache=True)
        return get_conditional_response(request, etag=entry["etag"], response=response)

    return wrapped
