"""The home page on a phone: its tables stay within the screen."""

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("prefix", ["", "/de", "/en"], ids=["nl", "de", "en"])
def test_the_home_page_reads_on_a_phone(page, live_server, hengelo, assert_accessible, prefix):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{prefix}/")
    assert page.locator("#geld-kop").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
