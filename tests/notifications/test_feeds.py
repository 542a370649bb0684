"""The timeline as RSS and Atom, and the proposals list as RSS."""

import xml.etree.ElementTree as ET

import pytest

from core.constants import Visibility
from proposals.constants import ProposalStatus
from tests.factories import CouncilProposalFactory, ProposalFactory, ThemeFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(response):
    assert response.status_code == 200
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def test_the_timeline_rss_follows_the_filters_and_says_what_changed(client):
    theme = ThemeFactory(code="arbeidsmarkt-talent", name="Arbeidsmarkt & talent")
    followed = ProposalFactory(title="Gevolgd voorstel")
    followed.themes.add(theme)
    followed.status = ProposalStatus.ADOPTED
    followed.save()
    ProposalFactory(title="Ander voorstel")

    response = client.get("/wijzigingen/feed.rss", {"thema": theme.code, "soort": "voorstellen"})

    titles = rss_titles(response)
    # The proposal's two versions, and its council proposal (which has the theme through it).
    assert titles[:2] == [f"Gewijzigd: {followed}", f"Toegevoegd: {followed}"]
    assert titles[2] == f"Toegevoegd: {followed.council_proposal}"
    assert not any("Ander voorstel" in title for title in titles)
    description = ET.fromstring(response.content).find("channel/item").findtext("description")
    assert "Voorgesteld" in description and "Aangenomen" in description


def test_the_timeline_atom_feed_hides_non_public_records(client):
    ProposalFactory(title="Openbaar voorstel")
    ProposalFactory(title="Intern voorstel", visibility=Visibility.INTERNAL)

    response = client.get("/wijzigingen/feed.atom")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert any("Openbaar voorstel" in title for title in titles)
    assert not any("Intern voorstel" in title for title in titles)


def test_a_bad_date_in_a_feed_is_left_out(client):
    ProposalFactory(title="Een voorstel")
    assert any("Een voorstel" in t for t in rss_titles(client.get("/wijzigingen/feed.rss?sinds=x")))


def test_the_proposals_rss_follows_the_filters_and_visibility(client):
    theme = ThemeFactory(code="sport", name="Sport")
    sport = ProposalFactory(title="Sportvoorstel")
    sport.themes.add(theme)
    ProposalFactory(title="Ander voorstel")
    ProposalFactory(title="Concept", council_proposal=CouncilProposalFactory(visibility="concept"))

    everything = rss_titles(client.get("/voorstellen/feed.rss"))
    filtered = rss_titles(client.get("/voorstellen/feed.rss", {"thema": "sport"}))

    assert any("Sportvoorstel" in t for t in everything)
    assert any("Ander voorstel" in t for t in everything)
    assert not any("Concept" in t for t in everything)
    assert len(filtered) == 1 and "Sportvoorstel" in filtered[0]
    assert "(Voorgesteld)" in filtered[0]
