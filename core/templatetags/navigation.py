from functools import lru_cache

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.navigation import menu_html

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_items(context, staff=False):
    """The main menu's <li> entries (the public ones, or with staff=True the staff ones), built in
    Python: a template loop over every entry cost each page a few thousand calls (issue 17)."""
    request = context.get("request")
    return menu_html(context.get("menu") or (), request.path if request else None, staff)


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The buttons to the page in each language (core.languages.alternate_links), built in
    Python for the same reason as the menu."""
    buttons = []
    for link in context.get("alternates") or ():
        name = link.get("name_local")
        if name:  # not x-default
            start, end = button(link["hreflang"], name, link["current"])
            buttons.append(f"{start}{escape(link['href'])}{end}")
    label = escape(gettext("Taal kiezen"))
    return mark_safe(  # noqa: S308 - every value escaped
        f'<nav class="language-switcher d-flex ms-lg-3" aria-label="{label}">\n  '
        f"{''.join(buttons)}\n</nav>\n"
    )


@lru_cache(maxsize=64)
def button(code, name, current):
    """A language's button before and after its address, written once per process."""
    code = escape(code)
    if current:
        style, current = "btn-primary", ' aria-current="true"'
    else:
        style, current = "btn-outline-primary", ""
    return (
        '\n    <a href="',
        f'" hreflang="{code}" lang="{code}" class="btn btn-sm {style} me-1"{current}>'
        f'{code.upper()}<span class="visually-hidden"> – {escape(name)}</span></a>\n  ',
    )
