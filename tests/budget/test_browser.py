"""In a real browser: the figures of the council proposal, charts that match their tables,
no accessibility findings, and an import with one bad row that changes nothing."""

from decimal import Decimal

import pytest

from budget.models import BudgetLine

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PAGES = [
    "/begroting/",
    "/begroting/afleiding/",
    "/begroting/scenarios/",
    "/begroting/vergelijking/",
    "/begroting/regels/",
    "/begroting/wijzigingen/",
]

CHART_VS_TABLE = """(key) => {
  const bars = {}, cells = {};
  document.querySelectorAll(`svg[data-chart="${key}"] rect[data-series]`).forEach((rect) => {
    bars[rect.dataset.year + '|' + rect.dataset.series] = rect.dataset.value;
  });
  document.querySelectorAll(`table[data-chart="${key}"] td[data-series]`).forEach((td) => {
    cells[td.dataset.year + '|' + td.dataset.series] = td.dataset.value;
  });
  return [bars, cells];
}"""


def test_a_visitor_finds_the_figures_and_the_choice(page, live_server, hengelo, assert_accessible):
    page.goto(live_server.url + "/begroting/")
    figures = page.locator(".key-figures")
    assert "€\xa0179.793" in figures.locator("[data-figure=personeel]").inner_text()
    assert "€\xa056.610" in figures.locator("[data-figure=taakstelling]").inner_text()
    assert "€\xa056.000" in figures.locator("[data-figure=functies]").inner_text()
    assert "€\xa056.000" in figures.locator("[data-figure=dekking]").inner_text()
    assert "Incidentele dekking 2018" in figures.inner_text()
    for key in ("per-categorie", "vastgelegd"):
        bars, cells = page.evaluate(CHART_VS_TABLE, key)
        assert bars and bars == cells, key
    page.screenshot(path="/tmp/budget-browser-overview.png", full_page=True)

    page.goto(live_server.url + "/begroting/scenarios/")
    kept = page.locator('tbody[data-scenario="taakstelling-blijft"] td[data-row="totaal"]')
    withdrawn = page.locator(
        'tbody[data-scenario="taakstelling-ingetrokken"] td[data-row="totaal"]'
    )
    assert kept.all_inner_texts() == ["€\xa0240.009", "€\xa0245.009"] + ["€\xa0188.399"] * 4
    assert withdrawn.all_inner_texts() == ["€\xa0240.009"] + ["€\xa0245.009"] * 5
    bars, cells = page.evaluate(CHART_VS_TABLE, "scenarios")
    assert bars and bars == cells

    for url in PAGES:
        page.goto(live_server.url + url)
        assert_accessible(page)


def test_finance_imports_a_file_with_one_bad_row_and_nothing_changes(
    page, live_server, hengelo, finance_user, browser_login, assert_accessible
):
    before = list(BudgetLine.objects.order_by("pk").values_list("pk", "amount"))
    browser_login(finance_user)
    page.goto(live_server.url + "/begroting/regels/importeren/")
    product = "regionale-internationale-samenwerking"
    rows = [
        "jaar;product;omschrijving;categorie;soort;bedrag",
        f"2017;{product};Lidmaatschap EUREGIO;lidmaatschap;structureel;30000",
        f"2023;{product};Nieuw;activiteiten;incidenteel;twaalf",
    ]
    page.set_input_files(
        "#bestand",
        files=[{"name": "regels.csv", "mimeType": "text/csv", "buffer": "\n".join(rows).encode()}],
    )
    page.get_by_role("button", name="Controleren").click()
    alert = page.locator("#import-fouten-melding")
    assert "Er is niets opgeslagen" in alert.inner_text()
    errors = page.locator("#import-fouten tbody tr")
    assert errors.count() == 1
    assert errors.first.inner_text().split("\t")[:2] == ["rij 3", "bedrag"]
    assert "‘twaalf’ is geen getal" in errors.first.inner_text()
    assert page.get_by_role("button", name="Importeren").count() == 0
    assert_accessible(page)
    page.screenshot(path="/tmp/budget-browser-import.png", full_page=True)
    assert list(BudgetLine.objects.order_by("pk").values_list("pk", "amount")) == before

    page.set_input_files(
        "#bestand",
        files=[
            {"name": "regels.csv", "mimeType": "text/csv", "buffer": "\n".join(rows[:2]).encode()}
        ],
    )
    page.get_by_role("button", name="Controleren").click()
    assert "1 gewijzigd" in page.locator("#import-controle").inner_text()
    page.get_by_role("button", name="Importeren").click()
    assert "0 regels toegevoegd, 1 gewijzigd" in page.locator(".messages").inner_text()
    line = BudgetLine.objects.get(year=2017, name="Lidmaatschap EUREGIO")
    assert line.amount == Decimal("30000")
    assert line.history.first().history_user == finance_user
    page.goto(live_server.url + "/begroting/afleiding/")
    assert "€\xa0198.609" in page.locator('[data-step="resteert-regels"]').inner_text()
