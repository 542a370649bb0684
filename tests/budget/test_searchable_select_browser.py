"""In a real browser (issue 17): the finance role types into the searchable network select of
the budget line form, picks a network that the page did not render, and saves the line; the
open search box passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budget.models import BudgetLine, BudgetProduct
from networks.models import Network

from .test_searchable_selects import add_networks

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_finance_searches_a_network_and_saves_the_line(
    page, live_server, hengelo, finance_user, browser_login, assert_accessible
):
    add_networks(120)
    wanted = Network.objects.get(name="Extra netwerk 0117")
    browser_login(finance_user)
    page.goto(live_server.url + reverse("budget:line-create"))
    # The page holds the first 50 networks, not this one: it comes from the search.
    assert page.locator(f'#id_network option[value="{wanted.pk}"]').count() == 0
    page.get_by_label("Product").first.wait_for()
    page.locator("#id_year").fill("2024")
    page.locator("#id_name").fill("Bijdrage aan een extra netwerk")
    page.locator("#id_category").select_option("lidmaatschap")
    page.locator("#id_recurrence").select_option("structureel")
    page.locator("#id_amount").fill("1.250")
    page.locator("#id_basis").select_option("begroting")
    product = BudgetProduct.objects.get(code="regionale-internationale-samenwerking")
    page.locator("#id_product").select_option(str(product.pk))

    search = page.get_by_role("combobox", name="Netwerk")
    # By keyboard: Tab from the field before it into the search box, then type.
    page.locator("#id_basis").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_network-ts-control"
    search.press_sequentially("netwerk 0117", delay=20)
    listbox = page.get_by_role("listbox", name="Netwerk")
    listbox.get_by_role("option", name="Extra netwerk 0117").wait_for()
    expect(listbox.get_by_role("option")).to_have_count(1)
    assert_accessible(page)
    page.screenshot(path="/tmp/searchable-select-open.png", full_page=True)
    search.press("Enter")
    assert page.locator("#id_network").input_value() == str(wanted.pk)

    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    line = BudgetLine.objects.get(name="Bijdrage aan een extra netwerk")
    assert line.network == wanted
    assert "De wijziging is opgeslagen." in page.locator("body").inner_text()
