"""The search box in the header: proposals, networks, efforts and partner-city activities."""

import pytest

from proposals.models import Proposal
from tests.factories import EffortFactory, scale_hengelo_data

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_header_shows_the_search_box_on_every_page(client, hengelo):
    content = text(client.get("/"))
    assert 'action="/zoeken/"' in content
    assert 'name="q"' in content


def test_search_finds_proposals_networks_efforts_and_activities(client, hengelo):
    response = client.get("/zoeken/", {"q": "Emsdetten"})
    assert response.status_code == 200
    content = text(response)
    assert "Voorstel 5: Partnerstadsvereniging Emsdetten" in content
    assert 'href="/netwerken/stedenband-emsdetten/"' in content
    assert "Uitwisseling ondernemers binnenstad Hengelo-Emsdetten 2018" in content
    assert "Activiteiten met partnersteden" in content
    assert 'href="/partnerstad/emsdetten/"' in content


def test_every_word_must_match(client, hengelo):
    content = text(client.get("/zoeken/", {"q": "accountmanager aanstellen"}))
    assert "Voorstel 6: Een accountmanager internationaal aanstellen" in content
    assert "1 resultaat voor" in content
    content = text(client.get("/zoeken/", {"q": "accountmanager zwembad"}))
    assert "Niets gevonden" in content


def test_too_short_or_empty_query_asks_for_more(client, hengelo):
    content = text(client.get("/zoeken/", {"q": "x"}))
    assert "Typ minstens twee letters of cijfers." in content
    response = client.get("/zoeken/")
    assert response.status_code == 200
    # No count and no result groups ('Resultaten' is also a menu item since issue 14).
    assert 'class="result-count"' not in text(response)
    assert 'id="resultaten-' not in text(response)


def test_drafts_are_found_only_by_logged_in_users(client_for, hengelo, council_member):
    Proposal.objects.filter(number=9).update(visibility="concept")
    assert "Ambtenaren over de grens" not in text(client_for(None).get("/zoeken/", {"q": "grens"}))
    content = text(client_for(council_member).get("/zoeken/", {"q": "grens"}))
    assert "Ambtenaren over de grens" in content
    assert 'class="badge badge-concept">concept' in content


def test_many_results_are_cut_off_with_a_link_to_the_full_list(
    client, hengelo, django_assert_max_num_queries
):
    scale_hengelo_data(3)
    for number in range(30):
        EffortFactory(year=2030, number=number + 1, title=f"Zoekbare inspanning {number}")
    with django_assert_max_num_queries(5):
        content = text(client.get("/zoeken/", {"q": "zoekbare"}))
    assert "Alleen de eerste 20 worden getoond" in content
    assert 'href="/inspanningen/?q=zoekbare"' in content
