"""The budget pages' main part kept until the content changes (budget.kept, issue 17)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.models import BudgetLine
from core import kept as core_kept
from core.constants import Visibility
from tests.budget.conftest import text_of

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("budget:overview"),
    reverse("budget:overview") + "?vanaf=2019",
    reverse("budget:derivation"),
    reverse("budget:derivation") + "?jaar=2020",
]


def queries_and_html(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_second_visit_gets_the_same_page_from_the_kept_part(client, hengelo, url):
    first_queries, first = queries_and_html(client, url)
    again_queries, again = queries_and_html(client, url)
    assert again == first
    assert again_queries < first_queries


def test_a_saved_line_shows_at_once(client, hengelo):
    overview, derivation = reverse("budget:overview"), reverse("budget:derivation")
    assert "€ 23.500" in text_of(client.get(derivation).content.decode())
    client.get(overview)
    line = BudgetLine.objects.get(year=2017, name="Lidmaatschap EUREGIO")
    line.amount = 23457
    line.save()
    assert "− Lidmaatschap EUREGIO € 23.457" in text_of(client.get(derivation).content.decode())
    assert "€ 23.457" in text_of(client.get(overview).content.decode())


def test_each_language_and_window_has_its_own_part(client, hengelo):
    dutch = client.get(reverse("budget:overview")).content.decode()
    german = client.get("/de" + reverse("budget:overview")).content.decode()
    assert "Begroting internationaal beleid</h1>" in dutch
    assert "Begroting internationaal beleid</h1>" not in german
    later = client.get(reverse("budget:overview") + "?vanaf=2022").content.decode()
    assert later != dutch


def test_a_visitor_never_gets_the_links_kept_for_a_signed_in_user(client, hengelo, finance_user):
    line = BudgetLine.objects.get(year=2019, name="Vereniging partnerstad Emsdetten")
    proposal = line.proposal
    proposal.visibility = Visibility.INTERNAL
    proposal.save()
    url, link = reverse("budget:overview") + "?vanaf=2019", proposal.get_absolute_url()
    client.force_login(finance_user)
    assert f'href="{link}"' in client.get(url).content.decode()
    client.logout()
    assert f'href="{link}"' not in client.get(url).content.decode()


def test_the_overview_offers_editing_only_to_editors(client, hengelo, finance_user):
    url = reverse("budget:overview")
    assert "Regel toevoegen" not in client.get(url).content.decode()
    client.force_login(finance_user)
    assert "Regel toevoegen" in client.get(url).content.decode()
    client.logout()
    assert "Regel toevoegen" not in client.get(url).content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_without_the_cache_the_pages_are_computed(client, hengelo, monkeypatch, url):
    expected = client.get(url).content.decode()
    cache.clear()

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(core_kept, "content_version", down)
    monkeypatch.setattr(core_kept.cache, "get", down)
    monkeypatch.setattr(core_kept.cache, "set", down)
    assert client.get(url).content.decode() == expected
