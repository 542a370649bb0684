"""The agenda's filters over networks and partner cities load their options on demand (issue 17):
the page renders the chosen option and the first 50, the embedded agenda keeps working as a plain
select without scripts, and the options endpoint shows only what the public may see."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.constants import Visibility
from core.select import THRESHOLD
from tests.factories import EventFactory, NetworkFactory, PartnerCityFactory

pytestmark = pytest.mark.django_db

LIST = reverse("agenda:event-list")
EMBED = reverse("agenda:event-embed")
NETWORK_OPTIONS = reverse("agenda:event-filter-options", kwargs={"field": "network"})
CITY_OPTIONS = reverse("agenda:event-filter-options", kwargs={"field": "partner_city"})
SELECT = re.compile(r'<select name="(?P<name>[^"]+)"(?P<attrs>[^>]*)>(?P<body>.*?)</select>', re.S)


def selects(response):
    """Per select name: its attributes and the number of its options."""
    return {
        match["name"]: (match["attrs"], match["body"].count("<option"))
        for match in SELECT.finditer(response.content.decode())
    }


def networks_with_events(count, start=0):
    networks = []
    for n in range(start, start + count):
        network = NetworkFactory(name=f"Agendanetwerk {n:03}", slug=f"agendanetwerk-{n}")
        EventFactory(translations={"nl": {"title": f"Bijeenkomst {n:03}"}}, network=network)
        networks.append(network)
    return networks


def values(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return [option["value"] for option in response.json()["results"]]


def test_few_networks_stay_a_plain_select_with_all_of_them(client):
    networks_with_events(3)
    network, _ = selects(client.get(LIST))["network"]
    assert "data-options-url" not in network
    assert selects(client.get(LIST))["network"][1] == 4  # "Alle netwerken" and the three


def test_many_networks_render_the_first_and_the_chosen_one_with_the_same_queries(client):
    networks_with_events(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST, {"v": 1}).status_code == 200
    last = networks_with_events(THRESHOLD + 10, start=3)[-1]
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST, {"v": 2})
    assert len(many.captured_queries) == len(few.captured_queries)
    attrs, count = selects(response)["network"]
    assert count == THRESHOLD + 1  # "Alle netwerken" and the first 50
    assert f'data-options-url="{NETWORK_OPTIONS}"' in attrs
    chosen = client.get(LIST, {"network": last.slug})
    assert selects(chosen)["network"][1] == THRESHOLD + 2
    content = chosen.content.decode()
    assert f'value="{last.slug}" selected' in content
    assert "Bijeenkomst 062" in content and "Bijeenkomst 000" not in content


def test_the_embedded_agenda_degrades_to_a_plain_select_without_scripts(client):
    last = networks_with_events(THRESHOLD + 5)[-1]
    response = client.get(EMBED, {"network": last.slug})
    content = response.content.decode()
    assert "<script" not in content
    assert selects(response)["network"][1] == THRESHOLD + 2  # the chosen one is always there
    assert f'value="{last.slug}" selected' in content
    assert "Bijeenkomst 054" in content and "Bijeenkomst 000" not in content
    assert 'class="form-select form-select-sm"' in content


def test_the_options_are_what_the_public_may_see(client, client_for, council_member):
    networks_with_events(THRESHOLD + 5)
    draft = NetworkFactory(name="Agendanetwerk concept", visibility=Visibility.DRAFT)
    EventFactory(translations={"nl": {"title": "Openbaar"}}, network=draft)
    quiet = NetworkFactory(name="Agendanetwerk zonder openbaar evenement")
    EventFactory(translations={"nl": {"title": "Nog niet"}}, network=quiet, visibility="concept")
    for visitor in (client, client_for(council_member)):
        found = values(visitor, NETWORK_OPTIONS, q="agendanetwerk")
        assert len(found) == 20  # a page at a time
        everything = values(visitor, NETWORK_OPTIONS, q="agendanetwerk", pagina=3)
        assert draft.slug not in found + everything and quiet.slug not in found + everything
        assert values(visitor, NETWORK_OPTIONS, q="concept") == []
        assert values(visitor, NETWORK_OPTIONS, q="054") == ["agendanetwerk-54"]
    city = PartnerCityFactory(name="Emsdetten", slug="emsdetten-agenda")
    EventFactory(translations={"nl": {"title": "Bezoek"}}, partner_city=city)
    PartnerCityFactory(name="Emsburen", slug="zonder-evenement")
    assert values(client, CITY_OPTIONS, q="ems") == ["emsdetten-agenda"]


def test_only_the_searchable_filters_answer(client):
    for field in ("month", "where", "theme", "bestaat-niet"):
        url = reverse("agenda:event-filter-options", kwargs={"field": field})
        assert client.get(url).status_code == 404


def test_a_bad_network_is_refused_at_the_field(client):
    networks_with_events(THRESHOLD + 1)
    response = client.get(LIST, {"network": "bestaat-niet"})
    content = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="id_network-fout"' in content
    assert 'id="id_network-fout"' in content


@pytest.mark.parametrize("language", ["nl", "de", "en"])
@pytest.mark.parametrize("count", [3, THRESHOLD + 5])
def test_the_filter_writes_the_searchable_selects_as_django_renders_them(rf, language, count):
    """agenda_tags.filter_select writes a searchable select's options from its limited choices
    itself (issue 17): the same HTML as the widget's template, with or without a chosen one
    beyond the first 50, a refused one, a name to escape, and with the search attributes."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from agenda.choices import filter_choices
    from agenda.filters import EventFilter
    from agenda.models import Event
    from agenda.templatetags.agenda_tags import filter_select

    networks = networks_with_events(count)
    city = PartnerCityFactory(name='Stad "<&>"', slug="stad")
    EventFactory(translations={"nl": {"title": "In de stad"}}, partner_city=city)
    request = rf.get(LIST)
    request.user = AnonymousUser()
    with translation.override(language):
        for data in (
            None,
            {"network": networks[-1].slug},
            {"network": "nope", "partner_city": "stad"},
        ):
            filterset = EventFilter(
                data, queryset=Event.objects.all(), choices=filter_choices(None), request=request
            )
            if data:
                filterset.is_valid()
            for name in ("network", "partner_city"):
                field = filterset.form[name]
                written = filter_select(field)
                attrs = {"class": "form-select is-invalid" if field.errors else "form-select"}
                if field.errors:
                    attrs.update(
                        {"aria-invalid": "true", "aria-describedby": f"{field.id_for_label}-fout"}
                    )
                attrs = field.build_widget_attrs(attrs)
                attrs.setdefault("id", field.auto_id)
                django = field.field.widget.render(field.html_name, field.value(), attrs)
                assert written == django
                assert ("data-options-url" in written) == (name == "network" and count > THRESHOLD)
