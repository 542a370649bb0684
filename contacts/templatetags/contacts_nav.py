"""The contact registry's tabs (templates/contacts/_nav.html), written in Python once per
language, active tab and set of permissions: nine {% url %} tags and the permission checks cost
each page of the registry some 2,000 calls (issue 17)."""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

register = template.Library()

# (permission that shows the tab or None, active key, url name, text); "my follow-ups" comes
# with the interactions, under the same permission check, as in the template.
TABS = (
    (None, "organisations", "contacts:organisation-list", None),
    ("contacts.view_person", "people", "contacts:person-list", gettext_noop("Personen")),
    (
        "contacts.view_interaction",
        "interactions",
        "contacts:interaction-list",
        gettext_noop("Contactmomenten"),
    ),
    (
        "contacts.view_opportunity",
        "opportunities",
        "contacts:opportunity-list",
        gettext_noop("Kansen en vragen"),
    ),
    (None, "expertise", "contacts:expertise-list", gettext_noop("EU-subsidie-expertise")),
    ("contacts.view_person", "review", "contacts:review-list", gettext_noop("Herbeoordeling")),
    ("contacts.view_accesslog", "access-log", "contacts:access-log", gettext_noop("Inzagelog")),
    ("contacts.view_erasurerecord", "erasures", "contacts:erasure-list", gettext_noop("Wissingen")),
)
FOLLOW_UPS = ("follow-ups", "contacts:follow-up-list", gettext_noop("Mijn opvolging"))
PERMISSIONS = tuple(sorted({permission for permission, *_rest in TABS if permission}))


@register.simple_tag(takes_context=True)
def contacts_nav(context):
    """The tabs, with `active` from the context marked as the current page."""
    user = context.get("user")
    perms = context.get("perms")
    granted = tuple(perms is not None and permission in perms for permission in PERMISSIONS)
    active = context.get("active")
    signed_in = bool(user is not None and user.is_authenticated)
    return tabs(
        get_language(),
        get_urlconf(),
        get_script_prefix(),
        active if isinstance(active, str) else None,
        signed_in,
        granted,
    )


@lru_cache(maxsize=256)
def tabs(language, urlconf, prefix, active, signed_in, granted):
    shown = dict(zip(PERMISSIONS, granted, strict=True))

    def tab(key, url_name, text):
        current = ' active" aria-current="page' if active == key else ""
        href = escape(reverse(url_name))
        return (
            f'<li class="nav-item"><a class="nav-link{current}" href="{href}">'
            f"{escape(gettext(text))}</a></li>"
        )

    lines = [
        "",
        f'<nav class="mb-3 no-print" aria-label="{escape(gettext("Contactregister"))}">',
        '  <ul class="nav nav-tabs flex-wrap">',
    ]
    for permission, key, url_name, text in TABS:
        if key == "organisations":
            text = gettext_noop("Organisaties") if signed_in else gettext_noop("Partners")
        line = tab(key, url_name, text) if permission is None or shown[permission] else ""
        if key == "interactions" and line:
            line = f"{line}\n    {tab(*FOLLOW_UPS)}"
        lines.append(f"    {line}")
    lines += ["  </ul>", "</nav>"]
    return mark_safe("\n".join(lines))  # noqa: S308 - every value escaped
