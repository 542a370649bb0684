"""The Redis cache builds its redis.Redis client once per process, not on every cache call.

Django's RedisCacheClient wraps the connection pool in a new redis.Redis for every get, set,
add…, some 170 Python calls each (issue 17); core.cache.ReusedRedisClient keeps one.
"""

import pytest
import redis
from django.core.cache import caches

from core import cache as core_cache
from core.cache import FailSafeRedisCache, ReusedRedisClient
from tests.worker.support import closed_port


@pytest.fixture
def constructions(monkeypatch):
    """The number of redis.Redis clients built while the test runs."""
    built = []
    original = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    return built


def unreachable_cache():
    """The cache as the settings make it, on a port nobody listens on: every call reaches the
    client (and fails) once the pause after a failure is taken away."""
    return FailSafeRedisCache(
        f"redis://127.0.0.1:{closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )


def every_call(backend):
    calls = [
        lambda: backend.get("a", "standaard"),
        lambda: backend.set("a", 1),
        lambda: backend.add("b", 2),
        lambda: backend.get_many(["a", "b"]),
        lambda: backend.set_many({"a": 1, "b": 2}),
        lambda: backend.has_key("a"),
        lambda: backend.touch("a"),
        lambda: backend.delete("a"),
        lambda: backend.delete_many(["a", "b"]),
    ]
    for call in calls:
        backend._down_until = 0.0  # ask Redis again, as after the pause
        call()


def test_one_client_is_built_for_many_cache_calls(constructions):
    backend = unreachable_cache()
    assert isinstance(backend._cache, ReusedRedisClient)
    for _round in range(3):
        every_call(backend)
    assert len(constructions) == 1
    client = backend._cache.get_client()
    assert client is constructions[0]
    assert backend._cache.get_client(write=True) is client
    assert client.connection is None  # no connection of its own: the pool lends one per command


def test_a_forked_process_builds_its_own_client_on_the_same_pool(constructions, monkeypatch):
    backend = unreachable_cache()
    parent = backend._cache.get_client()
    pool = parent.connection_pool
    child_pid = backend._cache._clients_pid + 1
    monkeypatch.setattr(core_cache.os, "getpid", lambda: child_pid)
    child = backend._cache.get_client()
    assert child is not parent
    assert child.connection_pool is pool  # the pool resets itself after a fork (its own pid check)
    assert backend._cache.get_client() is child
    assert len(constructions) == 2


@pytest.mark.postgresql  # the PostgreSQL pass of .ci/run is the one with the cache on Redis
@pytest.mark.django_db
def test_the_configured_cache_on_redis_reuses_its_client(constructions):
    """With CACHE_URL=redis://… (the PostgreSQL pass of CI): real round trips, one client."""
    cache = caches["default"]
    if not isinstance(cache, FailSafeRedisCache):
        pytest.skip("the cache is not on Redis (CACHE_URL=redis://… runs this)")
    cache._cache.get_client()  # built before counting starts, or now
    constructions.clear()
    cache.set("sleutel", {"waarde": [1, 2]})
    assert cache.get("sleutel") == {"waarde": [1, 2]}
    assert cache.add("teller", 1) is True
    assert cache.incr("teller", 2) == 3
    assert cache.get_many(["sleutel", "teller"]) == {"sleutel": {"waarde": [1, 2]}, "teller": 3}
    cache.set_many({"x": "y"}, timeout=60)
    assert cache.has_key("x")
    cache.delete_many(["x", "teller"])
    assert cache.get("x") is None
    assert constructions == []
    # same keys and values as Django's own client writes: a raw read of the stored key
    raw = cache._cache.get_client().get(cache.make_key("sleutel"))
    assert cache._cache._serializer.loads(raw) == {"waarde": [1, 2]}
