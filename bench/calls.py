"""Python function calls per request of a few pages: the fixed cost every page pays (issue 17).

`python -m bench.calls` renders each page afresh with Django's test client (anonymous pages with
a session cookie, so the public page cache stays out of it; PRIVATE_PAGE_CACHE=0) and prints the
calls per request counted by cProfile after a warm-up. Calls, unlike milliseconds, do not depend
on how loaded the machine is. Run it against a database with the Hengelo data:

    DATABASE_URL=sqlite:////tmp/bench.db DEBUG=0 SECRET_KEY=x \
        DJANGO_SETTINGS_MODULE=hengelo_intl.settings_test python -m bench.calls

`--profile LABEL` prints that page's profile (by cumulative and by own time); `--save DIR` writes
each page's HTML with the per-request tokens (CSRF, CSP nonce) blanked, to compare before and
after a change with `diff -r`.
"""

import argparse
import cProfile
import os
import pstats
import re
from pathlib import Path

# (label, method, path, user or None, POST data or None)
PAGES = [
    ("home", "get", "/", None, None),
    ("home, German", "get", "/de/", None, None),
    ("home, English", "get", "/en/", None, None),
    ("a council proposal", "get", "/voorstellen/2200511/", None, None),
    ("networks", "get", "/netwerken/", None, None),
    ("networks, English", "get", "/en/netwerken/", None, None),
    ("partner city", "get", "/partnerstad/emsdetten/", None, None),
    ("404", "get", "/bestaat-niet/", None, None),
    ("404, German", "get", "/de/bestaat-niet/", None, None),
    ("login", "get", "/inloggen/", None, None),
    ("agenda, German", "get", "/de/agenda/", None, None),
    ("contacts", "get", "/contacten/", "accountmanager", None),
    ("contacts: people", "get", "/contacten/personen/", "accountmanager", None),
    ("contacts: my follow-ups", "get", "/contacten/opvolging/", "am-schaal", None),
    ("contacts: new, errors", "post", "/contacten/nieuw/", "accountmanager", {"name": ""}),
    ("griffie", "get", "/griffie/", "griffie", None),
    ("proposals, council member", "get", "/voorstellen/", "raadslid", None),
    ("home, council member", "get", "/", "raadslid", None),
    ("home, finance", "get", "/", "financien", None),
    ("networks, accountmanager", "get", "/netwerken/", "accountmanager", None),
    ("budget: new line", "get", "/begroting/regels/nieuw/", "financien", None),
    ("proposals", "get", "/voorstellen/", None, None),
    ("efforts", "get", "/inspanningen/", None, None),
    ("a network", "get", "/netwerken/eurocities/", None, None),
    # form pages, to compare their HTML before and after a change of the form rendering
    ("login, English", "get", "/en/inloggen/", None, None),
    ("contacts: new", "get", "/contacten/nieuw/", "accountmanager", None),
    ("contacts: new person", "get", "/de/contacten/personen/nieuw/", "accountmanager", None),
    (
        "contacts: new person, errors",
        "post",
        "/contacten/personen/nieuw/",
        "accountmanager",
        {"first_name": "", "email": "geen adres"},
    ),
    (
        "contacts: new, errors, English",
        "post",
        "/en/contacten/nieuw/",
        "accountmanager",
        {"name": "", "website": "x"},
    ),
    (
        "budget: new line, errors",
        "post",
        "/begroting/regels/nieuw/",
        "financien",
        {"amount": "x", "year": "abc"},
    ),
    ("budget: a line", "get", "/en/begroting/regels/1/bewerken/", "financien", None),
    ("budget: new scenario", "get", "/begroting/scenarios/nieuw/", "financien", None),
    (
        "budget: new scenario, errors",
        "post",
        "/de/begroting/scenarios/nieuw/",
        "financien",
        {"name": ""},
    ),
    ("event: new", "get", "/agenda/beheer/nieuw/", "communicatie", None),
    (
        "event: new, errors",
        "post",
        "/en/agenda/beheer/nieuw/",
        "communicatie",
        {"title_nl": "", "starts_at": "gisteren"},
    ),
    ("decision", "get", "/griffie/2200511/besluit/", "griffie", None),
    ("decision, errors", "post", "/griffie/2200511/besluit/", "griffie", {"number": "x"}),
    ("commitment: new", "get", "/toezeggingen/nieuw/", "griffie", None),
    ("commitment: new, errors", "post", "/de/toezeggingen/nieuw/", "griffie", {"text": ""}),
]

TOKENS = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=)"[^"]*"'), r'\1""'),
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
    (re.compile(r'(name="versie" value=)"[^"]*"'), r'\1""'),  # signed with the time
]


def blank_tokens(html):
    for pattern, replacement in TOKENS:
        html = pattern.sub(replacement, html)
    return html


def client_for(user):
    from django.conf import settings
    from django.test import Client

    from bench.pages import session_for

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_for(user) if user else "bench"
    return client


def calls(client, method, path, data, profile=None):
    profiler = cProfile.Profile()
    if method == "post":
        # the GET for the CSRF cookie stays outside the count
        client.get(path)
        token = client.cookies["csrftoken"].value
        payload = dict(data, csrfmiddlewaretoken=token)
        profiler.enable()
        response = client.post(path, payload)
        profiler.disable()
    else:
        profiler.enable()
        response = client.get(path)
        profiler.disable()
    stats = pstats.Stats(profiler)
    if profile:
        stats.sort_stats("cumulative").print_stats(profile)
        stats.sort_stats("tottime").print_stats(profile)
    return stats.total_calls, response


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--save", help="write each page's HTML to this folder")
    parser.add_argument("--profile", help="print the profile of the page with this label")
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("labels", nargs="*")
    arguments = parser.parse_args()
    os.environ["PRIVATE_PAGE_CACHE"] = "0"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    folder = Path(arguments.save) if arguments.save else None
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    for label, method, path, user, data in PAGES:
        if arguments.labels and label not in arguments.labels:
            continue
        client = client_for(user)
        for _warmup in range(2):
            calls(client, method, path, data)
        profile = arguments.lines if arguments.profile == label else None
        counts = [calls(client, method, path, data, profile)[0] for _round in range(3)]
        total, response = calls(client, method, path, data)
        print(f"{label:32} {response.status_code} {min(counts):>8,} calls")
        if folder:
            name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
            (folder / f"{name}.html").write_text(blank_tokens(response.content.decode()))


if __name__ == "__main__":
    main()
