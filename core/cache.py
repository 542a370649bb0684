"""A Redis cache that degrades: with Redis down a read misses and a write is skipped.

The portal works without its cache, only slower; a Redis outage must not turn public pages into
errors. After a failure the cache is not asked again for a few seconds, so that a Redis that
hangs does not add its time-out to every cache call of every request.

Django's RedisCacheClient wraps its connection pool in a new redis.Redis on every cache call
(some 170 Python calls: the client copies its table of response callbacks each time);
ReusedRedisClient builds one per pool and process and reuses it. Keys, serialization and the
pools are Django's own.
"""

import logging
import os
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAUSE_AFTER_FAILURE = 5.0  # seconds


class ReusedRedisClient(RedisCacheClient):
    """Django's cache client, with one redis.Redis per connection pool and process.

    A redis.Redis holds no connection of its own (Django never asks for a single-connection
    client): it takes one from the pool per command, and the pool, like in Django, is built once
    and notices a fork itself (ConnectionPool._checkpid compares os.getpid() and drops the
    parent's connections). The client is built afresh after a fork all the same, so that a child
    process shares no client object with its parent, as with Django's client built per call.
    Threads do not share it either: Django keeps a cache backend per thread.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # pool index -> redis.Redis, for the process self._clients_pid
        self._clients_pid = os.getpid()

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        pid = os.getpid()
        if pid != self._clients_pid:
            self._clients = {}
            self._clients_pid = pid
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class FailSafeRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisClient

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
