"""What a page keeps in the shared cache until the site's content changes (issue 17): the
agenda's filter choices, cards and feeds' items, the search's results, the budget pages' tables.

An entry belongs to the page cache's content version (`core.page_cache.content_version`): a
saved record, or a bulk write that bumps the version, makes it stale at once. With the cache
down everything is asked of the database on each request.
"""

import logging

from django.core.cache import cache

from .page_cache import MAX_AGE, content_version

logger = logging.getLogger(__name__)

# As long as a cached page (seconds): a change makes an entry stale before that, and the
# entries of older versions (a calendar of ~640 events is 400 kB) leave the cache soon after.
KEEP = MAX_AGE


def current_key(name):
    """The cache key of `name` at the current content version; None when the version is unknown
    (the cache is down): then nothing may be read or kept."""
    try:
        version = content_version()
    except Exception:  # noqa: BLE001 - a cache outage must not take the pages down
        logger.warning("Cache unreachable: asking the database", exc_info=True)
        return None
    return f"kept:{name}:{version}" if version else None


def read(key):
    """What is kept under a key of `current_key`, or None."""
    if key is None:
        return None
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unreachable: asking the database", exc_info=True)
        return None


def keep(key, value):
    """Keep `value` under a key of `current_key` (nothing when it is None or the cache is down)."""
    if key is None:
        return
    try:
        cache.set(key, value, KEEP)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unreachable: nothing kept", exc_info=True)


def kept(builds):
    """{name: build()} for each of `builds`, kept in the shared cache for the current content
    version: one round trip to the cache when they are there."""
    return kept_each(builds, lambda missing: {name: builds[name]() for name in missing})


def kept_each(names, build):
    """{name: value} for each of `names`, kept in the shared cache for the current content
    version; `build(missing names)` gives {name: value} for those that are not (yet) kept."""
    try:
        version = content_version()
        keys = {f"kept:{name}:{version}": name for name in names}
        found = cache.get_many(keys) if version else {}
    except Exception:  # noqa: BLE001 - a cache outage must not take the pages down
        logger.warning("Cache unreachable: asking the database", exc_info=True)
        return build(list(names))
    values = {keys[key]: value for key, value in found.items()}
    missing = [name for name in names if name not in values]
    if missing:
        built = build(missing)
        values.update(built)
        if version:
            try:
                cache.set_many(
                    {key: built[name] for key, name in keys.items() if name in built}, KEEP
                )
            except Exception:  # noqa: BLE001
                logger.warning("Cache unreachable: nothing kept", exc_info=True)
    return values
