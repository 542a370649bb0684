"""The filter's queries compiled once per process (agenda.choices.compiled, issue 17) answer as
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
    return sorted(pk for _kind, pk in choices.published(field))


def test_the_ids_with_published_events_are_those_of_each_fields_own_query():
    themes = [ThemeFactory(), ThemeFactory()]
    networks = [NetworkFactory(), NetworkFactory(), NetworkFactory()]
    cities = [PartnerCityFactory(), PartnerCityFactory()]
    event_in(5, themes=themes, network=networks[0], partner_city=cities[1])
    event_in(6, network=networks[2], visibility=Visibility.DRAFT)
    for fields in (choices.RELATED_FIELDS, ["network"], ["partner_city", "themes"]):
        found = choices.published_ids(list(fields))
        assert found == {field: built(field) for field in fields}
    assert found["themes"] == sorted(theme.pk for theme in themes)

    # compiled before, asked again: the rows of now
    later = event_in(7, network=networks[2])
    assert choices.published_ids(["network"])["network"] == sorted([networks[0].pk, networks[2].pk])
    unpublish_event(later)
    assert choices.published_ids(["network"])["network"] == [networks[0].pk]


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
