"""A council proposal's page on a phone: a long Dutch word beside a status stays on the screen."""

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/de", "/en"], ids=["nl", "de", "en"])
def test_the_proposals_list_reads_on_a_phone(page, live_server, hengelo, prefix):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{prefix}/voorstellen/2200511/")
    assert page.get_by_text("Partnerstadsvereniging Emsdetten oprichten").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
