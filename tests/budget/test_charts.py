"""The charts are drawn on the server, and the table beside each holds the same numbers."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget.charts import nice_maximum
from core.money import format_euro
from tests.budget.conftest import data_cells

pytestmark = pytest.mark.django_db


def chart_parts(html, key):
    svg_start = html.index(f'data-chart="{key}"')
    svg = html[svg_start : html.index("</svg>", svg_start)]
    table_start = html.index(f'<table class="table table-sm chart-table" data-chart="{key}"')
    table = html[table_start : html.index("</table>", table_start)]
    bars = {
        (cell["attrs"]["data-year"], cell["attrs"]["data-series"]): cell
        for cell in data_cells(svg)
        if cell["tag"] == "rect"
    }
    cells = {
        (cell["attrs"]["data-year"], cell["attrs"]["data-series"]): cell
        for cell in data_cells(table)
        if cell["tag"] == "td"
    }
    return bars, cells


@pytest.mark.parametrize(
    ("url_name", "key"),
    [
        ("budget:overview", "per-categorie"),
        ("budget:overview", "vastgelegd"),
        ("budget:scenario-list", "scenarios"),
    ],
)
def test_chart_and_table_carry_the_same_numbers(client, hengelo, url_name, key):
    html = client.get(reverse(url_name)).content.decode()
    bars, cells = chart_parts(html, key)
    assert len(bars) >= 6 * 3
    assert {k: b["attrs"]["data-value"] for k, b in bars.items()} == {
        k: c["attrs"]["data-value"] for k, c in cells.items()
    }
    for k, cell in cells.items():
        value = Decimal(cell["attrs"]["data-value"])
        assert cell["text"].strip() == format_euro(value)  # what the table shows
        assert format_euro(value) in bars[k]["text"]  # what the bar's tooltip says
    # the bars' heights are in proportion to their values
    ratios = {
        round(float(b["attrs"]["height"]) / float(b["attrs"]["data-value"]), 6)
        for b in bars.values()
        if float(b["attrs"]["data-value"]) > 0
    }
    assert max(ratios) - min(ratios) < 0.0001


def test_the_category_chart_adds_up_to_the_budget(client, hengelo):
    html = client.get(reverse("budget:overview")).content.decode()
    _bars, cells = chart_parts(html, "per-categorie")
    totals = {}
    for (year, _series), cell in cells.items():
        totals[year] = totals.get(year, Decimal("0")) + Decimal(cell["attrs"]["data-value"])
    assert totals["2017"] == Decimal("240009")
    assert totals["2019"] == Decimal("245009")
    assert cells[("2017", "personeel")]["text"].strip() == "€\xa0179.793"


def test_the_committed_chart_shows_the_council_choice(client, hengelo):
    html = client.get(reverse("budget:scenario-list")).content.decode()
    _bars, cells = chart_parts(html, "scenarios")
    value = {k: Decimal(c["attrs"]["data-value"]) for k, c in cells.items()}
    assert value[("2019", "beschikbaar-taakstelling-blijft")] == Decimal("188399")
    assert value[("2019", "beschikbaar-taakstelling-ingetrokken")] == Decimal("245009")
    assert value[("2019", "vastgelegd")] == Decimal("244399")


def test_charts_are_svg_with_a_title_and_need_no_script(client, hengelo):
    html = client.get(reverse("budget:overview")).content.decode()
    assert html.count('<svg class="chart-svg"') == 2
    assert 'role="img" aria-labelledby="per-categorie-titel per-categorie-uitleg"' in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(240009, 250000), (56000, 100000), (188399, 200000), (5, 5), (0, 1000), (1001, 2000)],
)
def test_axis_maximum_rounds_up_to_a_readable_number(value, expected):
    assert nice_maximum(Decimal(value)) == Decimal(expected)
