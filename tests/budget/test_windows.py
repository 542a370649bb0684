"""The overview and the derivation at many budget years: a window of years, the rest a link
away, no empty rows, and a query count that does not grow with the years (issue 17)."""

import re

import pytest
from django.urls import reverse

from bench.seed import seed_budget_years
from budget.figures import WINDOW_YEARS, budget_years, plan_year, year_window
from budget.models import BudgetLine, ProductBudget

pytestmark = pytest.mark.django_db

YEAR_COLUMN = re.compile(r'<th scope="col" id="product-[\w-]+-(\d{4})" class="amount">')


def shown_years(html):
    return sorted({int(year) for year in YEAR_COLUMN.findall(html)})


def test_year_window_around_the_plan_year():
    years = list(range(2017, 2067))
    window = year_window(years, 2026)
    assert window.years == list(range(2023, 2030))
    assert window.earlier == 2017 and window.later == 2030
    assert year_window(years, 1990).years == list(range(2017, 2024))
    assert year_window(years, 2100).years == list(range(2060, 2067))
    assert year_window(years, 2026, start=2040).years == list(range(2040, 2047))
    # A start that is no known year is ignored; a late start still fills the window.
    assert year_window(years, 2026, start=1500).years == window.years
    assert year_window(years, 2026, start=2065).years == list(range(2060, 2067))
    assert year_window([2017, 2018], 2026).years == [2017, 2018]
    assert not year_window([2017, 2018], 2026).is_partial
    # Gaps get no column: the window counts the years that have records.
    assert year_window([2010, 2017, 2018, 2030], 2026, size=2).years == [2018, 2030]
    assert plan_year([2017, 2022], 2026) == 2022
    assert plan_year([], 2026) is None


def test_fifty_years_show_seven_at_a_time_and_the_rest_a_click_away(
    client, hengelo, django_assert_max_num_queries
):
    seed_budget_years(50)
    years = budget_years()
    assert len(years) == 50
    with django_assert_max_num_queries(12):
        response = client.get(reverse("budget:overview"))
    html = response.content.decode()
    shown = shown_years(html)
    assert len(shown) == WINDOW_YEARS and shown == years[years.index(shown[0]) :][:WINDOW_YEARS]
    first = client.get(reverse("budget:overview") + "?vanaf=2017").content.decode()
    assert shown_years(first) == list(range(2017, 2024))
    assert "Eerdere jaren" not in first
    later = re.search(r'href="/begroting/\?vanaf=(\d{4})" rel="next"', first)
    assert later and int(later.group(1)) == 2024
    assert shown_years(client.get(f"/begroting/?vanaf={later.group(1)}").content.decode()) == (
        list(range(2024, 2031))
    )
    last = client.get(reverse("budget:overview") + "?vanaf=2066").content.decode()
    assert shown_years(last) == list(range(2060, 2067))
    assert 'rel="prev"' in last and 'rel="next"' not in last
    # Bad input is ignored, not a 500.
    assert client.get(reverse("budget:overview") + "?vanaf=abc").status_code == 200


def test_no_row_without_an_amount_in_the_window(client, hengelo):
    seed_budget_years(50)
    BudgetLine.objects.filter(year__gte=2040, name="Planregel 1").delete()
    early = client.get("/begroting/?vanaf=2017").content.decode()
    late = client.get("/begroting/?vanaf=2050").content.decode()
    assert "Planregel 1" in early
    assert "Planregel 1" not in late and "Planregel 2" in late


def test_derivation_reads_one_year_at_fifty_years(client, hengelo, django_assert_max_num_queries):
    seed_budget_years(50)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("budget:derivation") + "?jaar=2050")
    html = response.content.decode()
    assert "1. Van productbudget naar personele inzet (2050)" in html
    # Every year is one choice away.
    assert html.count("<option value=") == 50
    assert "Planregel 3" in html


def test_budget_years_are_those_of_now(hengelo, django_assert_num_queries):
    """Its query is compiled once per process, its answer read every time: a year added or
    emptied shows on the next call, in one query."""
    years = budget_years()
    assert years == sorted(
        set(BudgetLine.objects.values_list("year", flat=True))
        | set(ProductBudget.objects.values_list("year", flat=True))
    )
    line = BudgetLine.objects.order_by("pk").first()
    line.pk, line.year = None, 2100
    line.save()
    with django_assert_num_queries(1):
        assert budget_years() == [*years, 2100]
    BudgetLine.objects.filter(year=2100).delete()
    with django_assert_num_queries(1):
        assert budget_years() == years
