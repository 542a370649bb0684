"""Scenarios of the finance department: made with a form, computed without touching the budget."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import BudgetLine, BudgetProduct, Scenario, StaffPosition
from tests.budget.conftest import data_cells, text_of
from tests.budget.test_charts import chart_parts
from tests.editing import form_values

pytestmark = pytest.mark.django_db


def line_target(name, product="regionale-internationale-samenwerking"):
    return f"regel:{BudgetProduct.objects.get(code=product).pk}:{name}"


def scenario_data(changes=(), **fields):
    data = {
        "name": "FIR-uitkomst en hogere EUREGIO-bijdrage",
        "description": "Wat als de accountmanager duurder uitvalt?",
        "withdraw_targets_from_year": "2019",
        "visibility": "intern",
        "changes-TOTAL_FORMS": str(max(len(changes), 1)),
        "changes-INITIAL_FORMS": "0",
        "changes-MIN_NUM_FORMS": "0",
        "changes-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    for index, (target, year, amount) in enumerate(changes):
        data[f"changes-{index}-target"] = target
        data[f"changes-{index}-from_year"] = year
        data[f"changes-{index}-amount"] = amount
    return data


def yearly(html, row, scenario_key):
    part = html.split(f'data-scenario="{scenario_key}"')[1].split("</tbody>")[0]
    return {
        int(cell["attrs"]["data-year"]): cell["text"].strip().replace("\xa0", " ")
        for cell in data_cells(part)
        if cell["attrs"].get("data-row") == row
    }


def test_finance_adds_a_scenario_without_touching_the_budget(client, hengelo, finance_user):
    client.force_login(finance_user)
    lines_before = list(BudgetLine.objects.values_list("pk", "amount"))
    position = StaffPosition.objects.get(title="Accountmanager internationaal")
    response = client.post(
        reverse("budget:scenario-create"),
        scenario_data(
            [
                (f"functie:{position.pk}", "2020", "42.000"),
                (line_target("Lidmaatschap EUREGIO"), "2021", "24000"),
            ]
        ),
    )
    scenario = Scenario.objects.get()
    assert response.status_code == 302 and response.url == scenario.get_absolute_url()
    assert scenario.created_by == finance_user and scenario.changes.count() == 2
    assert list(BudgetLine.objects.values_list("pk", "amount")) == lines_before
    assert scenario.history.first().history_user == finance_user

    html = client.get(scenario.get_absolute_url()).content.decode()
    balance = yearly(html, "saldo", scenario.slug)
    assert balance[2019] == "+ € 610"
    assert balance[2020] == "− € 1.390 (tekort)"  # the accountmanager costs EUR 2,000 more
    assert balance[2021] == "− € 1.890 (tekort)"  # and the EUREGIO membership EUR 500 more
    assert "In dit scenario is het pakket niet gedekt in 2020, 2021, 2022." in text_of(html)
    # the council's own scenarios are shown next to it, unchanged
    assert yearly(html, "saldo", "taakstelling-ingetrokken")[2021] == "+ € 610"

    # the chart shows what each scenario commits, as they differ; its table says the same
    bars, cells = chart_parts(html, "scenario")
    assert cells[("2020", f"vastgelegd-{scenario.slug}")]["text"].strip() == "€\xa0246.399"
    assert cells[("2020", "vastgelegd-taakstelling-blijft")]["text"].strip() == "€\xa0244.399"
    assert {k: b["attrs"]["data-value"] for k, b in bars.items()} == {
        k: c["attrs"]["data-value"] for k, c in cells.items()
    }

    listing = client.get(reverse("budget:scenario-list")).content.decode()
    assert yearly(listing, "totaal", scenario.slug)[2022] == "€ 245.009"


def test_a_change_on_a_missing_line_is_refused(client, hengelo, finance_user):
    client.force_login(finance_user)
    response = client.post(
        reverse("budget:scenario-create"),
        scenario_data([(line_target("Lidmaatschap EUREGIO"), "2030", "1000")]),
    )
    assert response.status_code == 200
    assert "Er is geen begrotingsregel ‘Lidmaatschap EUREGIO’ in 2030 of later." in (
        response.content.decode()
    )
    response = client.post(
        reverse("budget:scenario-create"),
        scenario_data([(line_target("Bestaat niet"), "2019", "1000")]),
    )
    assert "Er is geen begrotingsregel ‘Bestaat niet’ in 2019 of later." in (
        response.content.decode()
    )
    response = client.post(
        reverse("budget:scenario-create"),
        scenario_data([("functie:99999", "2019", "1000"), ("iets", "2019", "-5")]),
    )
    content = response.content.decode()
    assert "Deze functie bestaat niet." in content
    assert "Kies een begrotingsregel of functie uit de lijst." in content
    assert "Een bedrag kan niet negatief zijn." in content
    assert not Scenario.objects.exists()


def test_the_same_line_twice_from_the_same_year_is_refused(client, hengelo, finance_user):
    client.force_login(finance_user)
    target = line_target("Lidmaatschap EUREGIO")
    response = client.post(
        reverse("budget:scenario-create"),
        scenario_data([(target, "2020", "1"), (target, "2020", "2")]),
    )
    assert "Wijziging 1 gaat al over deze regel vanaf dit jaar." in response.content.decode()
    assert not Scenario.objects.exists()


def test_a_scenario_keeping_the_target_and_an_empty_year(client, hengelo, finance_user):
    client.force_login(finance_user)
    response = client.post(
        reverse("budget:scenario-create"),
        scenario_data(name="Alles blijft", withdraw_targets_from_year=""),
    )
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert yearly(html, "totaal", "alles-blijft")[2019] == "€ 188.399"
    response = client.post(reverse("budget:scenario-create"), scenario_data(name="Alles blijft"))
    assert "Er is al een scenario met deze naam." in response.content.decode()
    response = client.post(
        reverse("budget:scenario-create"),
        scenario_data(name="Te laat", withdraw_targets_from_year="2200"),
    )
    assert "Het jaar moet tussen 2000 en 2100 liggen." in response.content.decode()


def test_editing_and_deleting_a_scenario(client, hengelo, finance_user):
    client.force_login(finance_user)
    client.post(
        reverse("budget:scenario-create"),
        scenario_data([(line_target("Lidmaatschap EUREGIO"), "2021", "24000")]),
    )
    scenario = Scenario.objects.get()
    change = scenario.changes.get()
    url = reverse("budget:scenario-update", args=[scenario.slug])
    loaded = client.get(url).context
    data = scenario_data(
        [(line_target("Lidmaatschap EUREGIO"), "2021", "25000")],
        **{"changes-INITIAL_FORMS": "1", "changes-0-id": str(change.pk)},
        versie=form_values(loaded["form"])["versie"],
        **{"changes-0-versie": form_values(loaded["formset"].forms[0])["changes-0-versie"]},
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert scenario.changes.get().amount == Decimal("25000")
    response = client.post(reverse("budget:scenario-delete", args=[scenario.slug]))
    assert response.status_code == 302
    assert not Scenario.objects.exists()


def test_scenarios_are_internal_and_only_finance_adds_them(
    client, hengelo, finance_user, council_member
):
    client.force_login(finance_user)
    client.post(reverse("budget:scenario-create"), scenario_data())
    scenario = Scenario.objects.get()
    client.logout()
    assert client.get(scenario.get_absolute_url()).status_code == 404
    assert scenario.name not in client.get(reverse("budget:scenario-list")).content.decode()
    client.force_login(council_member)
    assert client.get(scenario.get_absolute_url()).status_code == 200
    assert client.get(reverse("budget:scenario-create")).status_code == 403
    assert client.post(reverse("budget:scenario-update", args=[scenario.slug])).status_code == 403


def test_query_budget_of_scenario_pages(
    client, ten_years, finance_user, django_assert_max_num_queries
):
    client.force_login(finance_user)
    changes = [(line_target(f"Testregel {index:02d}"), "2020", "1") for index in range(0, 40, 2)]
    for number in range(5):
        response = client.post(
            reverse("budget:scenario-create"), scenario_data(changes, name=f"Scenario {number}")
        )
        assert response.status_code == 302, response.context["formset"].errors
    scenario = Scenario.objects.first()
    with django_assert_max_num_queries(15):
        assert client.get(reverse("budget:scenario-list")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(scenario.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("budget:scenario-update", args=[scenario.slug])).status_code == 200
        )
