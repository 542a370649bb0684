"""The filter's queries compiled once per process (core.compiled.compiled_sql, issue 17) answer as
the queries Django builds each time: with the rows of the moment, and the moment asked."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from agenda import choices
from agenda.models import Event
from agenda.services import unpublish_event
from agenda.templatetags.agenda_tags import event_when
from core.constants import Visibility
from tests.factories import EventFactory, NetworkFactory, PartnerCityFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def event_in(days, **fields):
    start = timezone.now() + timedelta(days=days)
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), **fields)


def built(field):
    """What Django's own query of published() gives for one field."""
    return sorted(pk for _kind, pk, *_option in choices.published(field))


def ids(fields):
    """published_ids of these fields, by field."""
    names = [f"published:{field}" for field in fields]
    found = choices.published_ids(names)
    return {field: found[name][0] for field, name in zip(fields, names, strict=True)}


def test_the_ids_with_published_events_are_those_of_each_fields_own_query():
    themes = [ThemeFactory(), ThemeFactory()]
    networks = [NetworkFactory(), NetworkFactory(), NetworkFactory()]
    cities = [PartnerCityFactory(), PartnerCityFactory()]
    event_in(5, themes=themes, network=networks[0], partner_city=cities[1])
    event_in(6, network=networks[2], visibility=Visibility.DRAFT)
    for fields in (choices.RELATED_FIELDS, ["network"], ["partner_city", "themes"]):
        found = ids(list(fields))
        assert found == {field: built(field) for field in fields}
    assert found["themes"] == sorted(theme.pk for theme in themes)

    # compiled before, asked again: the rows of now
    later = event_in(7, network=networks[2])
    assert ids(["network"])["network"] == sorted([networks[0].pk, networks[2].pk])
    unpublish_event(later)
    assert ids(["network"])["network"] == [networks[0].pk]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_compiled_months_are_those_of_the_query_with_the_moment_asked(signed_in, request):
    user = request.getfixturevalue("account_manager") if signed_in else AnonymousUser()
    scope = "all" if signed_in else "public"
    for days in (-400, -40, -2, 3, 40, 400):
        event_in(days)
    event_in(80, visibility=Visibility.DRAFT)
    visible = Event.objects.visible_to(user)
    now = timezone.now()
    assert choices.compiled_months(user, scope) == list(choices.month_rows(visible))
    for since in (now - timedelta(days=41), now, now + timedelta(days=41)):
        expected = list(choices.month_rows(visible.filter(finishes_at__gte=since)))
        assert choices.compiled_months(user, scope, since=since) == expected
    # the moment asked is the one put in: fewer months later on
    assert len(choices.compiled_months(user, scope, since=now + timedelta(days=41))) < len(
        choices.compiled_months(user, scope, since=now - timedelta(days=41))
    )


def test_dates_are_written_in_the_language_of_the_page():
    start = timezone.localtime().replace(
        year=2027, month=3, day=4, hour=9, minute=5, second=0, microsecond=0
    )
    event = event_in(1, date_precision="tijd")
    event.starts_at, event.ends_at = start, start + timedelta(hours=1)
    written = {}
    for language in ("de", "nl", "en", "de"):
        with translation.override(language):
            written[language] = str(event_when(event))
    assert "Donnerstag, 4. März 2027, 09:05" in written["de"]
    assert "donderdag 4 maart 2027, 09:05" in written["nl"]
    assert "Thursday 4 March 2027, 09:05" in written["en"]
    assert written["de"] == (
        '<time datetime="2027-03-04T09:05:00+01:00">Donnerstag, 4. März 2027, 09:05</time>–'
        '<time datetime="2027-03-04T10:05:00+01:00">10:05</time>'
    )


def test_the_filters_options_are_the_records_of_its_querysets_in_their_order():
    """The options kept with the ids (published_ids) are what the filter's querysets give: the
    select is written from them without a query (agenda.filters.NameField.offered_choices)."""
    from agenda import filters

    themes = [ThemeFactory(name=name, position=position) for name, position in [("B", 2), ("A", 3)]]
    themes.append(ThemeFactory(name="C", position=1))
    networks = [NetworkFactory(name=name) for name in ("Zeta", "Alfa", "Midden")]
    networks[2].visibility = Visibility.INTERNAL
    networks[2].save()
    NetworkFactory(name="Zonder evenement")
    cities = [PartnerCityFactory(name=name) for name in ("Gronau", "Emsdetten")]
    for network, city in zip(networks, [*cities, None], strict=True):
        event_in(5, themes=themes, network=network, partner_city=city)
    offered = choices.filter_choices(AnonymousUser())
    for name, (field, queryset) in filters.RELATED.items():
        records = queryset(None, offered[field])
        value = records.model._meta.get_field("code" if name == "theme" else "slug").attname
        expected = [(getattr(record, value), record.name) for record in records]
        assert offered["options"][field] == expected, name
    assert [name for _value, name in offered["options"]["network"]] == ["Alfa", "Zeta"]
    assert [name for _value, name in offered["options"]["themes"]] == ["C", "B", "A"]


def test_a_renamed_or_hidden_network_shows_at_once_in_the_filter(client):
    from tests.agenda.test_filter_choices import options

    network = NetworkFactory(name="Oude naam", slug="het-netwerk")
    event_in(5, network=network)
    assert '<option value="het-netwerk">Oude naam</option>' in options(client, "network")
    assert "Oude naam" in options(client, "network")  # kept now

    network.name = "Nieuwe naam"
    network.save()
    assert '<option value="het-netwerk">Nieuwe naam</option>' in options(client, "network")

    network.visibility = Visibility.INTERNAL
    network.save()
    assert "het-netwerk" not in options(client, "network")


def test_the_card_queries_compiled_once_read_the_ids_asked_each_time(django_assert_num_queries):
    # agenda.choices.rows_for_ids: the SQL of the first call, with the ids of each call written in.
    events = [event_in(days) for days in (1, 2, 3)]
    rows = []

    def card_rows(ids):
        return choices.rows_for_ids(("test cards",), build, ids)

    def build(ids_filter):
        rows.append(ids_filter)
        return Event.objects.filter(ids_filter).order_by("pk").values_list("pk", "slug")

    first = card_rows([events[0].pk, events[2].pk])
    assert first == [(events[0].pk, events[0].slug), (events[2].pk, events[2].slug)]
    assert card_rows([events[1].pk]) == [(events[1].pk, events[1].slug)]
    assert len(rows) == 1  # built once
    with django_assert_num_queries(0):
        assert card_rows([]) == []
