"""HTTPS only, with HSTS and a Permissions-Policy; `check --deploy` has nothing to warn about."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "ALLOWED_HOSTS": "internationaal.hengelo.nl",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def run(args, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        and not key.startswith(("SECURE_", "CACHE_", "CELERY_"))
    }
    clean.update(SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_with_production_settings_prints_no_warning():
    result = run(["manage.py", "check", "--deploy"])
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNING" not in output and "security.W" not in output, output
    assert "System check identified no issues (0 silenced)." in output


PROBE = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, "
    "getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))"
)


@pytest.mark.long
def test_https_settings_for_a_deployment_behind_a_proxy_come_from_the_environment():
    default = run(["-c", PROBE], DJANGO_SETTINGS_MODULE="hengelo_intl.settings")
    assert default.stdout.strip() == "True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')"
    configured = run(
        ["-c", PROBE],
        DJANGO_SETTINGS_MODULE="hengelo_intl.settings",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="600",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Scheme",
    )
    assert configured.stdout.strip() == "False 600 ('HTTP_X_FORWARDED_SCHEME', 'https')"
    direct = run(
        ["-c", PROBE], DJANGO_SETTINGS_MODULE="hengelo_intl.settings", SECURE_PROXY_SSL_HEADER=""
    )
    assert direct.stdout.strip().endswith("None")


def test_https_pages_carry_hsts_and_permissions_policy(client):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in policy


def test_a_plain_http_request_is_sent_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/agenda/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    # The proxy that terminated TLS says so, and the page is served.
    assert client.get("/agenda/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
