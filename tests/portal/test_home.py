from decimal import Decimal

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_shows_what_the_portal_holds(client, hengelo, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Voorstellen voor mogelijkheden voor een actieve invulling" in content
    assert "2200511" in content
    assert "18 juli 2017" in content
    assert "6 maart 2018" in content
    assert "€\xa088.942" in content
    assert "€\xa0151.067" in content
    assert "Accountmanager internationaal" in content


def test_home_page_sets_a_strict_content_security_policy(client, hengelo):
    response = client.get(reverse("portal:home"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>" not in response.content.decode()


def test_home_page_in_german_sets_the_language(client, hengelo):
    response = client.get("/de/")
    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()


@pytest.mark.browser
def test_home_page_is_accessible(page, live_server, hengelo, assert_accessible):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Internationaal beleid van Hengelo"
    page.screenshot(path="/tmp/home.png", full_page=True)
    assert_accessible(page)


def test_pages_only_in_dutch_say_so_in_german_and_english(client, hengelo):
    german = client.get("/de/").content.decode()
    assert "stehen auf dieser Seite auf Niederländisch" in german
    assert 'href="/de/agenda/"' in german
    english = client.get("/en/voorstellen/").content.decode()
    assert "appear on this page in Dutch; they have not been translated yet." in english
    assert "nog niet vertaald" not in client.get("/").content.decode()


def test_translated_pages_carry_no_such_notice(client, hengelo):
    for url in ("/de/agenda/", "/en/agenda/", "/de/partners/", "/en/bestaat-niet/"):
        content = client.get(url).content.decode()
        assert "untranslated-notice" not in content, url


def test_pages_name_the_favicon(client, hengelo):
    assert 'rel="icon" href="/static/img/favicon.svg"' in client.get("/").content.decode()


def test_home_page_shows_a_window_of_budget_years_with_the_rest_one_click_away(
    client, hengelo, django_assert_max_num_queries
):
    """Issue 17: at 100x there are 50 budget years; the home page shows seven around this year
    and links to the budget for the others, with the same number of queries."""
    from django.utils import timezone

    from budget.models import ProductBudget
    from tests.factories import BudgetProductFactory, ProductBudgetFactory

    this_year = timezone.localdate().year
    product = BudgetProductFactory(name="Bench-product")
    for year in range(this_year - 20, this_year + 20):
        if not ProductBudget.objects.filter(year=year).exists():
            ProductBudgetFactory(product=product, year=year, amount=Decimal("1234"))
    with django_assert_max_num_queries(12):
        content = client.get(reverse("portal:home")).content.decode()
    table = content[content.index("Budget per begrotingsproduct") :]
    table = table[: table.index("</table>")]
    shown = {year for year in range(this_year - 40, this_year + 30) if f"<td>{year}</td>" in table}
    assert shown == set(range(this_year - 3, this_year + 4))
    assert f'href="{reverse("budget:overview")}">Naar de begroting</a>' in content


def test_german_keeps_its_nouns_capitalised_in_a_lowercased_recurrence(client, hengelo):
    content = client.get("/de/").content.decode()
    assert "€\u00a040.000 strukturell (jährlich)" in content
    assert "jedes jahr" not in content
