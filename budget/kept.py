"""The budget pages' main part, kept as rendered HTML until the site's content changes (issue 17).

At 100x the overview and the derivation compute and write a few thousand figures from some 900
lines; they change only when a record does. The part of the page below the tabs is kept through
`core.kept`, under the page cache's content version: any saved record, or a bulk write that
bumps the version, makes it stale at once. It carries nothing of one visitor but whether they are
signed in (what they may see) and may edit the budget, which are part of the key, as are the
language and what the page was asked for. With the cache down the page is computed on each
request.
"""

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import kept


def fragment_key(page, user, can_edit, *asked):
    """The cache key of a page's main part for this visitor and request, or None when the
    content version is unknown (then nothing is kept)."""
    scope = "staff" if user.is_authenticated else "public"
    editor = "edit" if can_edit else "read"
    details = ":".join(str(value) for value in asked)
    return kept.current_key(
        f"budget:{page}:{settings.MUNICIPALITY}:{get_language()}:{scope}:{editor}:{details}"
    )


def read(key):
    """The kept HTML under `key`, or None."""
    html = kept.read(key)
    return mark_safe(html) if html is not None else None  # noqa: S308 - rendered by us


def keep(key, html):
    kept.keep(key, str(html))
