"""The main menu: each entry shows to whoever may open its page (`user.has_perm`)."""

from functools import lru_cache

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .links import url_state
from .memo import generation

# (url name, label, the permission its page requires, or None for a public page)
MENU = [
    ("proposals:councilproposal-list", _("Voorstellen"), None),
    ("networks:network-list", _("Netwerken"), None),
    ("networks:effort-list", _("Inspanningen"), None),
    ("networks:theme-list", _("Thema's"), None),
    ("results:result-index", _("Resultaten"), None),
    ("projects:project-list", _("EU-projecten"), None),
    ("representation:mandate-list", _("Vertegenwoordiging"), None),
    ("partnercity:partnercity-list", _("Partnerstad"), None),
    ("budget:overview", _("Begroting"), None),
    ("agenda:event-list", _("Agenda"), None),
    ("agenda:partner-list", _("Partners"), None),
    ("notifications:timeline", _("Wijzigingen"), None),
    ("contacts:follow-up-list", _("Mijn opvolging"), "contacts.view_interaction"),
    ("contacts:organisation-list", _("Contacten"), "contacts.view_organisation"),
    ("proposals:commitment-list", _("Toezeggingen"), "proposals.view_commitment"),
    ("proposals:document-list", _("Griffie"), "proposals.export_documentexport"),
]


def menu_for(user):
    urls = menu_urls(tuple(name for name, _label, _permission in MENU), *url_state())
    # Every page behind a permission asks to sign in first: an anonymous visitor sees none.
    signed_in = user.is_authenticated
    return [
        # Staff entries sit apart from the public menu, at its end.
        {"url": url, "label": label, "staff": permission is not None}
        for url, (_name, label, permission) in zip(urls, MENU, strict=True)
        if permission is None or (signed_in and user.has_perm(permission))
    ]


_rendered = {}  # (language, staff, active url, the entries' urls) -> (MENU, generation, html)


def menu_html(items, path, staff):
    """The <li> of each public entry (or with staff=True each staff entry) of menu_for(user),
    the one at `path` marked active. Written once per language, set of entries and active entry
    in a process (until settings or translations change: core.memo): the same on every page
    (issue 17)."""
    urls = tuple(item["url"] for item in items if item["staff"] == staff)
    active = path if path in urls else None
    key = (get_language(), staff, active, urls)
    known = _rendered.get(key)
    if known is not None and known[0] is MENU and known[1] == generation():
        return known[2]
    entries = []
    for item in items:
        if item["staff"] != staff:
            continue
        url = escape(item["url"])
        label = escape(item["label"])
        marked = ' active" aria-current="page' if item["url"] == active else ""
        link = f'<a class="nav-link{marked}" href="{url}">{label}</a>'
        entries.append(f'<li class="nav-item">{link}</li>')
    html = mark_safe("\n".join(entries))  # noqa: S308 - every value escaped above
    _rendered[key] = (MENU, generation(), html)
    return html


@lru_cache(maxsize=64)
def menu_urls(names, language, prefix, urlconf):
    """The menu's addresses, reversed once per language (and prefix, URL conf) in a process:
    the same on every page (issue 17). A broken entry raises NoReverseMatch."""
    return [reverse(name) for name in names]
