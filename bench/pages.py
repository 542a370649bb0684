"""The pages that the production bench measures, and their in-process cost (issue 17).

`medians(pages)` runs inside a process set up like a gunicorn worker (same settings, same
database and cache) and renders each page afresh with Django's test client: anonymous pages with
a cookie that keeps the page cache out of it, logged-in pages with a real session and without
the signed-in users' page cache (core.private_cache): `python -m bench.pages` sets
PRIVATE_PAGE_CACHE=0 for its process, so each median is the honest cost of rendering the page.
The wrk rounds of bench/production.py run against gunicorn with that cache on, as in service.
"""

import json
import statistics
import sys
import time

# (label, path): anonymous public pages; each must reach >= 0.8 of the constant page.
ANONYMOUS_PAGES = [
    ("home", "/"),
    ("proposals", "/voorstellen/"),
    ("a council proposal", "/voorstellen/2200511/"),
    ("a proposal", "/voorstellen/2200511/6/"),
    ("networks", "/netwerken/"),
    ("a network", "/netwerken/eurocities/"),
    ("efforts", "/inspanningen/"),
    ("themes", "/themas/"),
    ("partner city", "/partnerstad/emsdetten/"),
    ("budget", "/begroting/"),
    ("derivation", "/begroting/afleiding/"),
    ("agenda", "/agenda/"),
    ("agenda, German", "/de/agenda/"),
    ("embedded agenda", "/agenda/insluiten/"),
    ("an event", "/agenda/bench-evenement-3/"),
    ("iCalendar feed", "/agenda/feed.ics"),
    ("RSS feed", "/agenda/feed.rss"),
    ("partners", "/partners/"),
    ("search results", "/zoeken/?q=emsdetten"),
]
# (label, path, user): logged-in pages, with a session of that user (a role's bench user, or
# the account manager who logged the registry's interactions, for 'my follow-ups').
LOGGED_IN_PAGES = [
    ("contacts: organisations", "/contacten/", "accountmanager"),
    ("contacts: people", "/contacten/personen/", "accountmanager"),
    ("contacts: my follow-ups", "/contacten/opvolging/", "am-schaal"),
    ("griffie", "/griffie/", "griffie"),
    ("budget: new line", "/begroting/regels/nieuw/", "financien"),
    ("budget: lines", "/begroting/regels/", "financien"),
    ("proposals, logged in", "/voorstellen/", "raadslid"),
]


def session_for(name):
    """A signed-in session for a role's bench user (created if needed), or for an existing
    user of that name; returns the session key."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django_otp import DEVICE_ID_SESSION_KEY

    User = get_user_model()
    user = User.objects.filter(username=name).first()
    if user is None:
        user, _created = User.objects.get_or_create(username=f"bench-{name}")
        user.groups.add(Group.objects.get(name=name))
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[1]  # the password backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = "bench.session_for"  # signed in with the second factor
    store.create()
    return store.session_key


def medians(pages, repeat=20, warmup=2):
    """{"kept": {label: ms}, "after a change": {label: ms}}: the median of `repeat` requests of
    each page (label, path, user-or-None) rendered afresh, both ways.

    Parts of some pages are kept until the site's content changes (the budget's tables, the
    agenda's filter choices: core.page_cache.content_version()). "After a change" marks the
    content as changed before the request (untimed): what the first visitor after an edit waits
    for, with nothing kept; "kept" reads what the request before it kept. The two alternate,
    request by request, so that both medians see the same process and the same machine: timed
    one after the other, the first series also paid the fresh process's warm-up and whatever
    else the machine did in its stretch: "kept" read up to 12 ms slower than "after a change" on
    /voorstellen/ and /inspanningen/, which keep nothing and make the same calls either way."""
    from django.conf import settings

    if settings.PRIVATE_PAGE_CACHE:
        raise RuntimeError("Set PRIVATE_PAGE_CACHE=0: the medians time rendering, not the cache")
    from django.test import Client

    from core.page_cache import bump_version

    results = {"kept": {}, "after a change": {}}
    for label, path, user in pages:
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        # An anonymous visitor with a (meaningless) session cookie skips the page cache.
        client.cookies[settings.SESSION_COOKIE_NAME] = session_for(user) if user else "bench"
        samples = {"kept": [], "after a change": []}
        for number in range(2 * (warmup + repeat)):
            way = "after a change" if number % 2 == 0 else "kept"
            if way == "after a change":
                bump_version()
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{path}: status {response.status_code}")
            if number >= 2 * warmup:
                samples[way].append(elapsed)
        for way, times in samples.items():
            results[way][label] = statistics.median(times)
    return results


def all_pages():
    return [(label, path, None) for label, path in ANONYMOUS_PAGES] + LOGGED_IN_PAGES


if __name__ == "__main__":
    # python -m bench.pages [label ...]: print the medians as JSON (used by bench/production.py):
    # {"kept": {label: ms}, "after a change": {label: ms}}
    import os

    import django

    os.environ["PRIVATE_PAGE_CACHE"] = "0"  # render every page afresh
    django.setup()
    wanted = set(sys.argv[1:])
    pages = [page for page in all_pages() if not wanted or page[0] in wanted]
    print(json.dumps(medians(pages)))
