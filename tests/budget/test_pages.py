"""What a visitor sees on the budget pages, and how many queries that costs."""

import pytest
from django.urls import reverse

from budget.models import BudgetLine
from tests.budget.conftest import data_cells, text_of

pytestmark = pytest.mark.django_db


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, text_of(response.content.decode())


def test_overview_shows_the_council_proposals_figures(client, hengelo):
    response, text = page_text(client, reverse("budget:overview"))
    assert "Resteert voor personele inzet (2017) € 179.793" in text
    assert "Taakstelling die erop rust € 56.610" in text
    assert "Twee nieuwe functies € 56.000" in text
    assert "Accountmanager internationaal 0,5 fte: € 40.000 (indicatief)" in text
    assert "Communicatieadviseur externe betrekkingen 0,2 fte: € 16.000" in text
    assert "Incidentele dekking 2018 € 56.000" in text
    assert "Taakstelling blijft: het pakket is niet gedekt in 2019, 2020, 2021, 2022" in text
    assert "2019: − € 56.000" in text
    assert "Taakstelling ingetrokken: het pakket voorstellen is gedekt" in text
    assert "2019: + € 610" in text


def test_overview_lists_every_year_and_category_with_totals(client, hengelo):
    response, text = page_text(client, reverse("budget:overview"))
    html = response.content.decode()
    for year in range(2017, 2023):
        assert f'<th scope="col" class="amount">{year}</th>' in html
    for label in (
        "Lidmaatschappen",
        "Personele inzet",
        "Activiteiten en reizen",
        "Subsidies en bijdragen",
    ):
        assert label in text
    assert "Totaal op regels € 34.900 € 121.216 € 65.216" in text
    assert "Niet uitgesplitst (reizen, congressen, eenmalige bijdragen) € 25.316 –" in text
    assert "Resteert voor personele inzet € 179.793 € 179.793" in text


def test_every_amount_links_to_what_it_pays_for(client, hengelo):
    html = client.get(reverse("budget:overview")).content.decode()
    euregio = BudgetLine.objects.get(year=2017, name="Lidmaatschap EUREGIO")
    emsdetten = BudgetLine.objects.get(year=2017, name="Activiteiten partnerschap Emsdetten")
    association = BudgetLine.objects.get(year=2019, name="Vereniging partnerstad Emsdetten")
    assert f'<a href="{euregio.network.get_absolute_url()}" title="Betaalt voor: EUREGIO">' in html
    assert f'<a href="{emsdetten.partner_city.get_absolute_url()}"' in html
    assert f'<a href="{association.proposal.get_absolute_url()}"' in html
    travel = BudgetLine.objects.get(year=2019, name__startswith="Reis en verblijf")
    assert f'<a href="{travel.get_absolute_url()}">' in html  # pays for nothing specific


def test_a_line_page_links_back_and_shows_where_the_amount_comes_from(client, hengelo):
    line = BudgetLine.objects.get(year=2019, name="Vereniging partnerstad Emsdetten")
    response, text = page_text(client, line.get_absolute_url())
    assert "Herkomst Raadsvoorstel" in text
    assert line.proposal.get_absolute_url() in response.content.decode()
    assert line.partner_city.get_absolute_url() in response.content.decode()
    assert "2018 € 5.000" in text and "2022 € 5.000" in text


def test_derivation_computes_and_shows_the_difference(client, hengelo):
    response, text = page_text(client, reverse("budget:derivation"))
    assert "= Beschikbaar € 240.009" in text
    assert "− Lidmaatschap EUREGIO € 23.500" in text
    assert "= Resteert volgens de opgeslagen regels € 205.109" in text
    assert "Raadsvoorstel: resteert voor personele inzet € 179.793" in text
    assert "Verschil € 25.316 De opgeslagen regels komen € 25.316 hoger uit" in text
    assert "Bezuinigingstaakstelling internationale samenwerking € 56.610" in text
    assert "= Voor personele inzet als de taakstelling wordt ingevuld € 123.183" in text
    assert "= Samen 0,7 fte € 56.000" in text
    assert "er blijft € 610 over" in text
    assert "= Incidenteel gedekt volgens de opgeslagen regels € 56.000" in text
    assert (
        "Incidentele dekking uit bestaand budget 2018: raadsvoorstel € 56.000, "
        "uit de regels € 56.000 – klopt" in text
    )


def test_derivation_follows_an_edited_line(client, hengelo):
    BudgetLine.objects.filter(year=2017, name="Lidmaatschap Eurocities via Regio Twente").update(
        amount=5400
    )
    _response, text = page_text(client, reverse("budget:derivation"))
    assert "= Resteert volgens de opgeslagen regels € 204.109" in text
    assert "uit de regels € 204.109 – verschil + € 24.316" in text


def test_derivation_of_a_planning_year(client, hengelo):
    _response, text = page_text(client, reverse("budget:derivation") + "?jaar=2020")
    assert "(2020)" in text
    assert "Het raadsvoorstel noemt voor 2020 geen bedrag" in text
    assert "= Resteert volgens de opgeslagen regels € 179.793" in text


def test_scenarios_side_by_side_with_yearly_totals(client, hengelo):
    response, text = page_text(client, reverse("budget:scenario-list"))
    html = response.content.decode()
    kept = html.split('data-scenario="taakstelling-blijft"')[1].split("</tbody>")[0]
    withdrawn = html.split('data-scenario="taakstelling-ingetrokken"')[1].split("</tbody>")[0]

    def totals(part):
        return {
            cell["attrs"]["data-year"]: cell["text"].strip().replace("\xa0", " ")
            for cell in data_cells(part)
            if cell["attrs"].get("data-row") == "totaal"
        }

    assert totals(kept) == {
        "2017": "€ 240.009",
        "2018": "€ 245.009",
        **{str(year): "€ 188.399" for year in range(2019, 2023)},
    }
    assert totals(withdrawn) == {
        "2017": "€ 240.009",
        "2018": "€ 245.009",
        **{str(year): "€ 245.009" for year in range(2019, 2023)},
    }
    assert "Het pakket is niet gedekt in 2019, 2020, 2021, 2022." in text
    assert "Het pakket voorstellen is in elk jaar gedekt." in text
    assert "6. Een accountmanager internationaal aanstellen" in text
    assert "Niet gedekt – tekort in 2019-2022" in text
    assert "Onder druk – geen eigen kosten" in text


def test_benchmark_shows_the_survey_as_printed_and_hengelo_computed(client, hengelo):
    response, text = page_text(client, reverse("budget:benchmark"))
    assert "Op papier (tabel 4.3) 15 23" in text
    assert "In de praktijk (tabel 4.4) 24 33" in text
    assert "gemiddeld € 38.813,76" in text and "van € 1.500,00 tot € 127.000,00" in text
    assert "2017 € 60.216 155%" in text
    assert "2019 0,7 fte 25,2" in text
    assert "€ 50 000 - € 100.000 33% 5% 8% 2017-2022" in text
    assert "€ 25.000 - € 50. 000 11% 33% 10%" in text


def test_line_list_filters_by_network_for_links_from_network_pages(client, hengelo):
    response, text = page_text(client, reverse("budget:line-list") + "?netwerk=euregio")
    assert "6 regels, samen € 141.000." in text
    assert "Lidmaatschap Eurocities" not in text


def test_pages_keep_the_strict_csp(client, hengelo):
    for name in ("budget:overview", "budget:scenario-list", "budget:derivation"):
        response = client.get(reverse(name))
        html = response.content.decode()
        assert "<script>" not in html and "style=" not in html and " on" + "click" not in html
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "kwargs", "budget"),
    [
        ("budget:overview", {}, 12),
        ("budget:derivation", {}, 12),
        ("budget:scenario-list", {}, 14),
        ("budget:benchmark", {}, 14),
        ("budget:line-list", {}, 13),
        ("budget:changes", {}, 9),
    ],
)
def test_query_budget_at_ten_years_of_fifty_lines(
    client, ten_years, finance_user, django_assert_max_num_queries, name, kwargs, budget
):
    """Logged in as financien, the heaviest view of each page (edit links, permissions)."""
    client.force_login(finance_user)
    with django_assert_max_num_queries(budget):
        response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    if name == "budget:overview":
        html = response.content.decode()
        assert "Testregel 49" in html and '<th scope="col" class="amount">2026</th>' in html


def test_query_budget_of_a_line_page(client, ten_years, django_assert_max_num_queries):
    line = BudgetLine.objects.filter(name="Testregel 03").first()
    with django_assert_max_num_queries(10):
        response = client.get(line.get_absolute_url())
    assert response.status_code == 200
    assert "2026" in response.content.decode()


def test_query_budget_of_the_edit_and_import_pages(
    client, ten_years, finance_user, django_assert_max_num_queries
):
    client.force_login(finance_user)
    line = BudgetLine.objects.filter(name="Testregel 04").first()
    for url in (
        reverse("budget:line-create"),
        reverse("budget:line-update", args=[line.pk]),
        reverse("budget:line-import"),
        reverse("budget:scenario-create"),
    ):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200, url


def test_the_pages_answer_in_german_too(client, hengelo):
    response = client.get("/de/begroting/")
    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
