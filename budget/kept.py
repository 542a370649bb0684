"""The budget pages' main part, kept as rendered HTML until the site's content changes (issue 17).

At 100x the overview and the derivation compute and write a few thousand figures from some 900
lines; they change only when a record does. The part of the page below the tabs is kept in the
shared cache under the page cache's content version (`core.page_cache.content_version`): any
saved record, or a bulk write that bumps the version, makes it stale at once. It carries nothing
of one visitor but whether they are signed in (what they may see) and may edit the budget, which
are part of the key, as are the language and what the page was asked for. With the cache down the
page is computed on each request.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.page_cache import content_version

logger = logging.getLogger(__name__)

KEEP = 24 * 60 * 60  # seconds; a change of content makes an entry stale long before


def fragment_key(page, user, can_edit, *asked):
    """The cache key of a page's main part for this visitor and request, or None when the
    content version is unknown (then nothing is kept)."""
    try:
        version = content_version()
    except Exception:  # noqa: BLE001 - a cache outage must not take the budget down
        logger.warning("Cache unreachable: the budget pages are computed", exc_info=True)
        return None
    if version is None:
        return None
    scope = "staff" if user.is_authenticated else "public"
    editor = "edit" if can_edit else "read"
    details = ":".join(str(value) for value in asked)
    return (
        f"budget:kept:{page}:{version}:{settings.MUNICIPALITY}:{get_language()}:{scope}:"
        f"{editor}:{details}"
    )


def read(key):
    """The kept HTML under `key`, or None."""
    if key is None:
        return None
    try:
        html = cache.get(key)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unreachable: the budget pages are computed", exc_info=True)
        return None
    return mark_safe(html) if html is not None else None  # noqa: S308 - rendered by us


def keep(key, html):
    if key is None:
        return
    try:
        cache.set(key, str(html), KEEP)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unreachable: nothing kept for the budget", exc_info=True)
