"""The active municipality: the data set the portal serves, chosen by the setting MUNICIPALITY.

Every page and document shows the identity, so each process keeps it in memory rather than
asking the database on every request. Saving a municipality or one of its signatories drops it
(core.signals): in this process at once, in the others through a token in the shared cache
that they compare on every request. A token that is missing (a cleared cache) says nothing
changed. Within one request the token is read once (a page asks for the identity on every row
that shows the municipality's name; issue 17); outside a request, on every call.
"""

from uuid import uuid4

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from .models import Municipality

_identities = {}  # slug -> (token, Municipality)
_owed = set()  # slugs whose new token the cache did not take (write_token)
_request = Local()  # .checked: the slugs whose token this request has read; None outside one


def request_began(**kwargs):
    _request.checked = set()


def request_ended(**kwargs):
    _request.checked = None


request_started.connect(request_began, dispatch_uid="municipality-request-started")
request_finished.connect(request_ended, dispatch_uid="municipality-request-finished")


def token_key(slug):
    return f"municipality:{slug}:token"


def current_municipality():
    """Return the active municipality; before its data is loaded, a stand-in with its code."""
    slug = settings.MUNICIPALITY
    known = _identities.get(slug)
    checked = getattr(_request, "checked", None)
    if known is not None and checked is not None and slug in checked:
        return known[1]
    token = read_token(slug)
    if checked is not None:
        checked.add(slug)
    if known is not None and (token is None or known[0] == token):
        return known[1]
    municipality = Municipality.objects.filter(slug=slug).first() or placeholder(slug)
    _identities[slug] = (token, municipality)
    return municipality


def read_token(slug):
    """The token of the latest change, or None; with the cache down, None (keep what we have)."""
    if slug in _owed:
        write_token(slug)
    try:
        return cache.get(token_key(slug))
    except Exception:  # noqa: BLE001 - a cache outage must not take the pages down
        return None


def placeholder(slug):
    """An unsaved identity that names the municipality by its code, until its data is loaded."""
    name = slug.replace("-", " ").title()
    return Municipality(slug=slug, name=name, official_name=name, portal_name=name)


def forget(slug):
    """Drop a municipality's identity: here at once, in other processes at their next request."""
    _identities.pop(slug, None)
    write_token(slug)


def write_token(slug):
    """A new token for the other processes. One the cache does not take (down, or core.cache's
    pause after a failure, when it skips every call) is owed, and written at this process's next
    read of the token: the other processes catch up when the cache is back."""
    token = uuid4().hex
    try:
        cache.set(token_key(slug), token, None)
        taken = cache.get(token_key(slug)) == token
    except Exception:  # noqa: BLE001
        taken = False
    if taken:
        _owed.discard(slug)
    else:
        _owed.add(slug)


def forget_all():
    """Drop every identity this process keeps, as in a new process (the test suite, per test)."""
    _identities.clear()
