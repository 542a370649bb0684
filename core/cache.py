"""A Redis cache that degrades: with Redis down a read misses and a write is skipped.

The portal works without its cache, only slower; a Redis outage must not turn public pages into
errors. After a failure the cache is not asked again for a few seconds, so that a Redis that
hangs does not add its time-out to every cache call of every request.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAUSE_AFTER_FAILURE = 5.0  # seconds


class FailSafeRedisCache(RedisCache):
    _down_until = 0.0

    def _call(self, name, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), name)(*args, **kwargs)
        except RedisError as exc:
            if time.monotonic() >= self._down_until:
                logger.warning("Cache unreachable, pages are served without it: %s", exc)
            self._down_until = time.monotonic() + PAUSE_AFTER_FAILURE
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        value = self._call("incr", None, key, delta, version)
        if value is None:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return value

    def clear(self):
        return self._call("clear", None)
