"""A network's events written in Python (networks/event_rows.py) are what the page's template
loop wrote from the model instances: dates of every precision, drafts, titles in the language,
in Dutch or in another language, escaped (issue 17)."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.utils import timezone, translation

from agenda.constants import DatePrecision
from core.constants import Visibility
from networks.event_rows import event_items, network_events
from tests.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db

# The loop templates/networks/network_detail.html held before the events were written in Python.
TEMPLATE_LOOP = Template(
    '{% for event in events %}<li>{% if event.starts_at %}{% if event.date_precision == "jaar" %}'
    '<time datetime="{{ event.starts_at|date:\'Y\' }}">{{ event.starts_at|date:"Y" }}</time>'
    '{% elif event.date_precision == "maand" %}'
    '<time datetime="{{ event.starts_at|date:\'Y-m\' }}">{{ event.starts_at|date:"F Y" }}</time>'
    "{% else %}<time datetime=\"{{ event.starts_at|date:'Y-m-d' }}\">"
    '{{ event.starts_at|date:"DATE_FORMAT" }}</time>{% endif %}: {% endif %}'
    '{% if event.url %}<a href="{{ event.url }}">{{ event }}</a>{% else %}{{ event }}{% endif %}'
    '{% include "includes/visibility_badge.html" with obj=event %}</li>{% endfor %}'
)


def template_items(network, user, limit=20):
    """The items as the view's model instances and the template loop wrote them."""
    events = list(
        network.events.visible_to(user)
        .prefetch_related("translations")
        .order_by("-starts_at")[:limit]
    )
    for event in events:
        event.url = event.get_absolute_url()
    return TEMPLATE_LOOP.render(Context({"events": events}))


@pytest.fixture
def network_with_events(db):
    network = NetworkFactory()
    start = timezone.make_aware(datetime(2031, 1, 31, 23, 30))  # another day in UTC
    cases = [
        (DatePrecision.TIME, Visibility.PUBLIC, {"nl": {"title": "Tijd <b>&</b>"}}),
        (DatePrecision.DAY, Visibility.DRAFT, {"nl": {"title": "Dag"}, "de": {"title": "Tag"}}),
        (DatePrecision.MONTH, Visibility.INTERNAL, {"de": {"title": "Nur Deutsch"}}),
        (DatePrecision.YEAR, Visibility.PUBLIC, {"en": {"title": "English"}, "de": {"title": "D"}}),
        (DatePrecision.MONTH, Visibility.PUBLIC, {"en": {"title": "'Quoted' \"text\""}}),
        (DatePrecision.TIME, Visibility.PUBLIC, {"de": {"title": "Erst"}, "nl": {"title": "Dan"}}),
    ]
    for number, (precision, visibility, translations) in enumerate(cases):
        EventFactory(
            network=network,
            date_precision=precision,
            visibility=visibility,
            starts_at=start + timedelta(days=40 * number),
            ends_at=None,
            translations=translations,
        )
    return network


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_the_items_are_the_template_loops(network_with_events, council_member, language):
    for user in (AnonymousUser(), council_member):
        with translation.override(language):
            for limit in (20, 3):
                events = network_events(network_with_events, user, limit)
                assert str(event_items(events)) == template_items(network_with_events, user, limit)
        if user.is_authenticated:
            assert len(events) == 3
            assert "badge-concept" in event_items(network_events(network_with_events, user))


def test_a_network_without_events(council_member):
    network = NetworkFactory()
    assert network_events(network, council_member) == []
    assert event_items([]) == ""


def test_the_page_shows_them(client, network_with_events):
    with translation.override("de"):
        expected = template_items(network_with_events, AnonymousUser())
    page = client.get(f"/de{network_with_events.get_absolute_url()}").content.decode()
    assert f"<ul>{expected}</ul>" in page
