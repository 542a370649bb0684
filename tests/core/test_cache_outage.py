"""Redis down while the cache is on Redis: the public pages render without the cache."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from tests.worker.support import closed_port

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

PUBLIC_PAGES = [
    "/",
    "/agenda/",
    "/agenda/archief/",
    "/agenda/feed.ics",
    "/agenda/feed.rss",
    "/agenda/feed.atom",
    "/agenda/sitemap.xml",
    "/agenda/insluiten/",
    "/de/agenda/",
    "/en/agenda/",
    "/partners/",
    "/voorstellen/",
    "/voorstellen/feed.rss",
    "/netwerken/",
    "/inspanningen/",
    "/themas/",
    "/partnerstad/",
    "/begroting/",
    "/zoeken/?q=euregio",
    "/api/v1/evenementen",
    "/api/v1/netwerken",
]


def redis_down():
    """The cache as the settings make it from CACHE_URL=redis://…, on a port nobody listens on."""
    url = f"redis://127.0.0.1:{closed_port()}/0"
    probe = (
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.CACHES['default']))"
    )
    env = {**os.environ, "CACHE_URL": url, "DJANGO_SETTINGS_MODULE": "hengelo_intl.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return override_settings(CACHES={"default": json.loads(result.stdout.splitlines()[-1])})


def test_the_public_pages_render_without_the_cache_when_redis_is_down(client, hengelo):
    expected = {path: client.get(path).status_code for path in PUBLIC_PAGES}
    assert set(expected.values()) <= {200, 301, 302}, expected
    with redis_down():
        with pytest.raises(RedisConnectionError):  # Redis really is unreachable behind it
            cache._cache.get_client().ping()
        for path in PUBLIC_PAGES:
            response = client.get(path)
            assert response.status_code == expected[path], (path, response.status_code)
        assert cache.get("missing", "standaard") == "standaard"
        cache.set("sleutel", "waarde")  # skipped, not an error
        assert cache.add("sleutel", "waarde") is False
