"""The OpenAPI document checked by two outside tools: Spectral's `spectral:oas` ruleset, and
Schemathesis, which sends requests made from the document to the running API (through its WSGI
application, the whole middleware stack) and checks every answer against the document."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis import checks

from tests.factories import EventFactory, three_languages

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.mark.html_checker
def test_spectral_oas_ruleset_finds_nothing(client, node_tool, tmp_path):
    document = tmp_path / "openapi.json"
    document.write_bytes(client.get(f"{API}/openapi.json").content)
    report = tmp_path / "spectral.json"
    result = node_tool(
        "spectral", "lint", "--ruleset", ".spectral.yaml", "--fail-severity", "hint",
        "--format", "json", "--output", str(report), str(document),
    )  # fmt: skip
    findings = json.loads(report.read_text())
    assert findings == [], findings
    assert result.returncode == 0, result.stderr.decode()


@pytest.fixture
def api_schema(hengelo, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    EventFactory(slug="fbk-games", translations=three_languages("FBK Games"))
    # Called as a WSGI app, each request would close the test's database connection at its
    # start and end (PostgreSQL: "the connection is closed"); Django's test client does this too.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(f"{API}/openapi.json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_answer_matches_the_document_and_none_is_a_server_error(api_schema):
    """A bounded number of generated requests per operation (valid and invalid input alike):
    no 500, and status, headers, content type and body as the document says."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 21
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # Schema-valid yet refused on purpose: a theme code or zaaknummer that does not
            # exist, or a page past the last one, is bad input (400), as on the pages.
            case.call_and_validate(excluded_checks=[checks.positive_data_acceptance])

        check()
