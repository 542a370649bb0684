import csv
import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser

from networks.constants import ResultStatus
from networks.models import Effort, Network
from results.models import EffortResult
from tests.factories import EffortFactory, NetworkFactory, scale_hengelo_data

pytestmark = pytest.mark.django_db

# Annex A: the 2018 efforts whose lead is Hengelo alone.
HENGELO_LEADS_2018 = {1, 2, 3, 6, 8, 9, 11, 13}


def text(response):
    return response.content.decode()


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


# --- networks -----------------------------------------------------------------------------------


def test_network_list_shows_themes_representation_role_and_membership_cost(client, hengelo):
    response = client.get("/netwerken/")
    assert response.status_code == 200
    content = text(response)
    assert "9 netwerken" in content
    for name in ("Eurocities", "EUREGIO", "MONT", "G32", "VNG", "WTC Twente"):
        assert f">{name}</a>" in content, name
    assert "Netwerkstad Twente" in content
    assert "Regio/Euregio" in content
    assert "bestuurlijk, ambtelijk, deelnemend" in content
    assert "€\xa023.500" in content  # EUREGIO membership
    assert "€\xa04.400" in content  # Eurocities via Regio Twente
    assert content.index(">Eurocities</a>") < content.index(">WTC Twente</a>")  # annex order


def test_network_list_filters_on_theme(client, hengelo):
    content = text(client.get("/netwerken/", {"thema": "arbeidsmarkt-talent"}))
    assert "4 netwerken" in content
    for name in ("Eurocities", "EUREGIO", "Provincie Overijssel", "VNG"):
        assert f">{name}</a>" in content
    assert ">MONT</a>" not in content
    content = text(client.get("/netwerken/", {"thema": "niets"}))
    assert "9 netwerken" in content
    assert "is genegeerd" in content


def test_network_page_shows_forums_with_leading_city_efforts_and_costs(client, hengelo):
    response = client.get("/netwerken/eurocities/")
    assert response.status_code == 200
    content = text(response)
    assert "Netwerkstad Twente" in content
    for forum, city in (
        ("a. Social Affairs Forum", "Hengelo"),
        ("b. Economic Development Forum", "Enschede"),
        ("c. Mobility Forum", "Hengelo"),
    ):
        assert forum in content
        assert content.index(city, content.index(forum)) > 0
    assert "d. Culture Forum" in content
    assert "niet bekend" in content  # the culture forum's leading city
    assert content.index("d. Culture Forum") < content.index("Environment Forum")
    assert "Deelname Eurocities Mobility Forum, voorzitterschap werkgroep TEN-T" in content
    assert "Lidmaatschap Eurocities via Regio Twente" in content
    assert "Voorstel 4: Meer bestuurlijke betrokkenheid" in content


def test_network_page_lists_its_agenda_events_that_the_visitor_may_see(
    client_for, hengelo, council_member
):
    from tests.factories import EventFactory

    network = Network.objects.get(slug="mont")
    EventFactory(network=network, translations={"nl": {"title": "Spitzengespräch MONT"}})
    EventFactory(
        network=network,
        visibility="concept",
        translations={"nl": {"title": "Voorbereiding burgemeestersoverleg"}},
    )
    content = text(client_for(None).get("/netwerken/mont/"))
    events = content[content.index('id="evenementen-kop"') :]
    assert "Spitzengespräch MONT" in events
    assert "Voorbereiding burgemeestersoverleg" not in events
    content = text(client_for(council_member).get("/netwerken/mont/"))
    assert "Voorbereiding burgemeestersoverleg" in content


def test_euregio_page_shows_council_seats_and_committees(client, hengelo):
    content = text(client.get("/netwerken/euregio/"))
    assert "2 van de 84" in content
    assert "Commissie arbeidsmarkt en commissie grens" in content
    assert "AB- en DB-lid en euregioraadsleden" in content


def test_unknown_network_gives_the_site_404(client, hengelo):
    response = client.get("/netwerken/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text(response)


def test_internal_network_is_for_logged_in_users_only(client_for, hengelo, council_member):
    Network.objects.filter(slug="wtc-twente").update(visibility="intern")
    anonymous = client_for(None)
    assert ">WTC Twente</a>" not in text(anonymous.get("/netwerken/"))
    assert anonymous.get("/netwerken/wtc-twente/").status_code == 404
    assert ">WTC Twente</a>" not in text(anonymous.get("/themas/"))
    member = client_for(council_member)
    content = text(member.get("/netwerken/"))
    assert ">WTC Twente</a>" in content
    assert 'class="badge badge-concept">intern' in content
    assert member.get("/netwerken/wtc-twente/").status_code == 200


# --- efforts ------------------------------------------------------------------------------------


def effort_numbers(content):
    return {
        effort.number
        for effort in Effort.objects.filter(year=2018)
        if f'href="{effort.get_absolute_url()}"' in content
    }


def test_effort_table_answers_which_2018_efforts_hengelo_leads_itself(client, hengelo):
    response = client.get("/inspanningen/", {"jaar": "2018", "trekker": "hengelo"})
    assert response.status_code == 200
    content = text(response)
    assert "8 inspanningen" in content
    assert effort_numbers(content) == HENGELO_LEADS_2018
    # The facet selects show how many rows each value has under the other filters.
    assert ">Hengelo (8)<" in content
    assert ">Netwerkstad Twente (NT) (4)<" in content
    assert ">2018 (8)<" in content


def test_effort_facets_filter_on_network_theme_yield_and_status(client, hengelo):
    assert effort_numbers(text(client.get("/inspanningen/", {"netwerk": "mont"}))) == {
        12,
        14,
        15,
    }
    assert effort_numbers(text(client.get("/inspanningen/", {"thema": "arbeidsmarkt-talent"}))) == {
        4,
        9,
        10,
    }
    assert effort_numbers(text(client.get("/inspanningen/", {"opbrengst": "Lobby"}))) == {6}
    EffortResult.objects.create(
        effort=Effort.objects.get(year=2018, number=6),
        status=ResultStatus.REALISED,
        status_date=datetime.date(2018, 11, 1),
    )
    content = text(client.get("/inspanningen/", {"status": "gerealiseerd"}))
    assert effort_numbers(content) == {6}
    assert ">Gerealiseerd (1)<" in content
    assert ">Gepland (15)<" in content


def test_effort_search_finds_words_in_title_description_and_network(client, hengelo):
    assert effort_numbers(text(client.get("/inspanningen/", {"q": "emsdetten"}))) == {3, 11, 13}
    # Every word must occur; the network's and the forum's name count too.
    content = text(client.get("/inspanningen/", {"q": "Eurocities forum"}))
    assert effort_numbers(content) == {4, 5, 7, 9, 10}
    assert effort_numbers(text(client.get("/inspanningen/", {"q": "Social forum"}))) == {4, 9, 10}


def test_effort_table_sorts_by_a_column_both_ways(client, hengelo):
    content = text(client.get("/inspanningen/", {"sorteer": "inspanning"}))
    assert content.index("Activiteiten in het kader van CEF") < content.index(
        "Vertegenwoordiging TEN-T corridor"
    )
    assert 'aria-sort="ascending"' in content
    assert "sorteer=-inspanning" in content  # the header link now sorts the other way
    content = text(client.get("/inspanningen/", {"sorteer": "-inspanning"}))
    assert content.index("Vertegenwoordiging TEN-T corridor") < content.index(
        "Activiteiten in het kader van CEF"
    )
    assert 'aria-sort="descending"' in content


def test_effort_filters_are_kept_in_sort_links_and_the_export_link(client, hengelo):
    content = text(client.get("/inspanningen/", {"jaar": "2018", "trekker": "hengelo"}))
    assert 'href="?jaar=2018&amp;trekker=hengelo&amp;sorteer=jaar"' in content
    assert 'href="/inspanningen/export.csv?jaar=2018&amp;trekker=hengelo"' in content


def test_bad_effort_filters_give_the_unfiltered_table_with_a_message(client, hengelo):
    response = client.get(
        "/inspanningen/",
        {"jaar": "abc", "netwerk": "bestaat-niet", "sorteer": "kleur", "trekker": "hengelo"},
    )
    assert response.status_code == 200
    content = text(response)
    assert "Het filter ‘Jaar’ met de waarde ‘abc’ is genegeerd" in content
    assert "Het filter ‘Netwerk’ met de waarde ‘bestaat-niet’ is genegeerd" in content
    assert "Het filter ‘Sorteren op’ met de waarde ‘kleur’ is genegeerd" in content
    assert effort_numbers(content) == HENGELO_LEADS_2018  # the valid filter still applies
    response = client.get("/inspanningen/", {"jaar": "1800", "pagina": "-3"})
    assert response.status_code == 200
    assert "16 inspanningen" in text(response)


def test_effort_export_has_the_current_filters_applied(client, hengelo):
    response = client.get("/inspanningen/export.csv", {"jaar": "2018", "trekker": "hengelo"})
    assert response.status_code == 200
    assert 'filename="inspanningen.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:6] == [
        "Jaar",
        "Nummer",
        "Inspanning",
        "Verwachte opbrengst",
        "Trekker",
        "Status",
    ]
    assert {int(row[1]) for row in rows[1:]} == HENGELO_LEADS_2018
    nine = next(row for row in rows if row[1] == "9")
    assert nine[6:9] == ["Eurocities", "Social Affairs Forum", "Arbeidsmarkt & talent"]
    assert len(read_csv(client.get("/inspanningen/export.csv"))) == 17


def test_effort_page_shows_what_it_carries_out(client, hengelo):
    effort = Effort.objects.get(year=2018, number=3)
    response = client.get(effort.get_absolute_url())
    assert response.status_code == 200
    content = text(response)
    assert "Uitwisseling ondernemers binnenstad Hengelo-Emsdetten 2018" in content
    assert "Hengelo trekt dit zelf" in content
    assert "Stedenband Emsdetten" in content
    assert "Voorstel 2: Samenwerking met Duitsland" in content
    assert "Voorstel 5: Partnerstadsvereniging Emsdetten" in content
    assert "Activiteiten met partnersteden" in content
    assert client.get("/inspanningen/999999/").status_code == 404


def test_internal_efforts_are_hidden_from_the_public_everywhere(
    client_for, hengelo, council_member
):
    secret = EffortFactory(year=2018, number=40, title="Geheime verkenning", visibility="intern")
    anonymous = client_for(None)
    content = text(anonymous.get("/inspanningen/", {"jaar": "2018"}))
    assert "Geheime verkenning" not in content
    assert ">2018 (16)<" in content
    assert anonymous.get(secret.get_absolute_url()).status_code == 404
    assert (
        "Geheime verkenning"
        not in b"".join(anonymous.get("/inspanningen/export.csv").streaming_content).decode()
    )
    assert "Geheime verkenning" not in text(anonymous.get("/zoeken/", {"q": "verkenning"}))
    member = client_for(council_member)
    content = text(member.get("/inspanningen/", {"jaar": "2018"}))
    assert "Geheime verkenning" in content
    assert ">2018 (17)<" in content
    assert member.get(secret.get_absolute_url()).status_code == 200


def test_efforts_of_an_internal_network_do_not_reveal_the_network(client_for, hengelo):
    network = NetworkFactory(name="Besloten netwerk", slug="besloten", visibility="intern")
    EffortFactory(year=2018, number=41, title="Openbare inspanning", network=network)
    content = text(client_for(None).get("/inspanningen/", {"jaar": "2018"}))
    assert "Openbare inspanning" in content
    assert "Besloten netwerk" not in content


# --- themes -------------------------------------------------------------------------------------


def test_theme_matrix_shows_which_network_covers_which_theme_and_the_gaps(client, hengelo):
    response = client.get("/themas/")
    assert response.status_code == 200
    content = text(response)
    assert "2 thema's zonder netwerk" in content
    gap_list = content[content.index('id="gaten-kop"') : content.index('id="matrix-kop"')]
    assert "Veiligheid" in gap_list
    assert "Toerisme" in gap_list
    assert "Cultuur" not in gap_list
    # Eurocities covers seven themes: seven filled cells in its row.
    start = content.index('href="/netwerken/eurocities/"')
    row = content[start : content.index("</tr>", start)]
    assert row.count("cell covered") == 7


def test_theme_page_answers_which_networks_work_on_labour_market_and_talent(client, hengelo):
    response = client.get("/themas/arbeidsmarkt-talent/")
    assert response.status_code == 200
    content = text(response)
    assert "4 netwerken werken aan dit thema" in content
    networks = content[content.index('id="netwerken-kop"') : content.index('id="voorstellen-kop"')]
    for name in ("Eurocities", "EUREGIO", "Provincie Overijssel", "VNG"):
        assert f">{name}</a>" in networks
    assert "Social Affairs Forum (Eurocities)" in networks
    assert "Voorstel 2: Samenwerking met Duitsland" in content
    assert "Organisatie Eurocities working group employment" in content


def test_theme_without_network_says_so_and_unknown_theme_is_404(client, hengelo):
    assert "hier zit een gat" in text(client.get("/themas/toerisme/"))
    response = client.get("/themas/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text(response)


# --- query budgets at 10x data ------------------------------------------------------------------

# Queries for an anonymous visitor; logged in, the session, the user and the roles add three.
# The budgets hold at 1x and at 10x the data: a query per row would break them.
QUERY_BUDGETS = [
    ("/netwerken/", 7),
    ("/netwerken/?thema=cultuur&q=e", 8),
    ("/netwerken/eurocities/", 11),
    ("/netwerken/netwerk-3-2/", 11),
    # One query more than the filtered page: the year it opens on (issue 14).
    ("/inspanningen/", 14),
    (
        "/inspanningen/?jaar=2019&trekker=hengelo&thema=cultuur&opbrengst=Project"
        "&status=gepland&sorteer=-netwerk&q=e",
        13,
    ),
    ("/inspanningen/export.csv", 3),
    ("/themas/", 4),
    ("/themas/cultuur/", 6),
]


@pytest.mark.long
def test_query_budgets_at_ten_times_the_data(
    client_for, hengelo, council_member, django_assert_max_num_queries
):
    scale_hengelo_data(10)
    assert Effort.objects.count() == 160
    effort = Effort.objects.get(year=2018, number=3)
    for user in (None, council_member):
        client = client_for(user)
        for url, budget in [*QUERY_BUDGETS, (effort.get_absolute_url(), 6)]:
            extra = 3 if user else 0
            if user and url == effort.get_absolute_url():
                extra += 2  # the permission lookup for the result's edit button (issue 14)
            with django_assert_max_num_queries(budget + extra, info=url):
                response = client.get(url)
                if url.endswith(".csv"):
                    assert len(read_csv(response)) == 161
            assert response.status_code == 200, url


def test_theme_matrix_shows_a_page_of_networks_and_counts_them_all(client, hengelo):
    """At 900 networks the whole matrix was 1.1 MB (issue 17): fifty networks per page, the
    counts per theme still over every network the visitor may see."""
    scale_hengelo_data(10)
    networks = Network.objects.count()
    assert networks > 50
    first = text(client.get("/themas/"))
    assert first.count('<th scope="row" id="matrix-netwerk-') == 50
    assert f"Netwerk 1 tot en met 50 van {networks}" in first
    assert 'href="?pagina=2"' in first
    last_page = (networks - 1) // 50 + 1
    last = text(client.get(f"/themas/?pagina={last_page}"))
    assert last.count('<th scope="row" id="matrix-netwerk-') == networks - 50 * (last_page - 1)
    # Out of range or not a number: the nearest page, not an error.
    assert client.get("/themas/?pagina=999").status_code == 200
    assert client.get("/themas/?pagina=x").status_code == 200
    # The counts per theme come from every network the visitor may see, not from the page.
    visible = Network.objects.visible_to(AnonymousUser())
    counted = visible.filter(themes__code="cultuur").count()
    assert counted > 0
    assert f'matrix-cultuur" class="cell">{counted}</td>' in first


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"jaar": "2018"},
        {"jaar": "2018", "trekker": "hengelo"},
        {"jaar": "2019", "status": "gerealiseerd"},
        {"q": "forum"},
        {"q": "emsdetten", "jaar": "2018", "thema": "arbeidsmarkt-talent"},
        {"netwerk": "mont", "opbrengst": "Lobby"},
        {"jaar": "1999"},  # refused: all years
        {"jaar": "2030"},  # a year without efforts
    ],
)
def test_the_efforts_count_from_the_year_facet_is_the_lists_count(client, hengelo, query):
    """The efforts page counts its rows among the facets instead of a query of its own."""
    response = client.get("/inspanningen/", query)
    assert response.status_code == 200
    counted = response.context["paginator"].count
    assert counted == response.context["filterset"].qs.count()
    assert f"{counted} inspanning" in text(response)
