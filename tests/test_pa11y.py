"""Every public page passes HTML_CodeSniffer (pa11y, WCAG2AA) with no errors, in Dutch, German
and English: a second checker beside axe, which for instance requires id/headers on tables with
two levels of headers."""

import json

import pytest

from tests.conftest import CHROMIUM, require

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.browser,
    pytest.mark.html_checker,
]

PUBLIC_PAGES = [
    "/", "/voorstellen/", "/voorstellen/2200511/", "/voorstellen/2200511/1/", "/netwerken/",
    "/netwerken/eurocities/", "/themas/", "/inspanningen/", "/partnerstad/", "/begroting/",
    "/resultaten/", "/eu-projecten/", "/vertegenwoordiging/", "/wijzigingen/", "/agenda/",
    "/agenda/archief/", "/agenda/uitwisseling-ambtenaren-mont-2018/", "/agenda/insluiten/",
    "/partners/", "/zoeken/?q=emsdetten",
]  # fmt: skip


@pytest.mark.parametrize("prefix", ["", "/de", "/en"])
def test_public_pages_have_no_html_codesniffer_errors(live_server, hengelo, node_tool, prefix):
    require(CHROMIUM is not None, "Chromium is not installed (apt-get install chromium)")
    urls = [f"{live_server.url}{prefix}{path}" for path in PUBLIC_PAGES]
    result = node_tool(
        "pa11y_pages.mjs", input=json.dumps(urls).encode(), timeout=600, env={"CHROMIUM": CHROMIUM}
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    checked = json.loads(result.stdout)
    assert sorted(checked) == sorted(urls), "pa11y did not report on every page"
    errors = {url: issues for url, issues in checked.items() if issues}
    assert errors == {}, json.dumps(errors, indent=1, ensure_ascii=False)[:4000]
