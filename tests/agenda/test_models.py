"""Invariants of an event, in the database and in Dutch at the field."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agenda.constants import DatePrecision, TranslationState
from agenda.models import Event
from core.constants import Visibility
from tests.factories import EventFactory, three_languages

pytestmark = pytest.mark.django_db


def test_database_refuses_an_end_before_the_start():
    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at - timedelta(hours=1))


def test_database_refuses_an_empty_title():
    event = EventFactory()
    translation = event.translations.get(language_code="nl")
    translation.title = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        translation.save()


def test_clean_explains_an_end_before_the_start_in_dutch():
    event = EventFactory.build(
        ends_at=timezone.now(),
        starts_at=timezone.now() + timedelta(1),
        translations={"nl": {"title": "Omgekeerd"}},
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["ends_at"] == ["Het einde ligt voor het begin."]


def test_a_published_event_needs_a_dutch_title():
    event = EventFactory.build(
        visibility=Visibility.PUBLIC, translations={"de": {"title": "Nur Deutsch"}}
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["visibility"] == [
        "Een gepubliceerd evenement heeft een Nederlandse titel nodig."
    ]
    event.visibility = Visibility.DRAFT
    event.full_clean()


def test_an_event_known_by_year_is_over_at_the_end_of_that_year():
    event = EventFactory(
        date_precision=DatePrecision.YEAR,
        starts_at=timezone.make_aware(timezone.datetime(2018, 6, 15, 14, 0)),
        ends_at=None,
    )
    start = timezone.localtime(event.starts_at)
    assert (start.year, start.month, start.day, start.hour) == (2018, 1, 1, 0)
    end = timezone.localtime(event.finishes_at)
    assert (end.year, end.month, end.day, end.hour) == (2018, 12, 31, 23)
    assert event.is_over()
    assert not event.is_calendar_ready()


def test_an_event_is_upcoming_until_it_ends():
    now = timezone.now()
    running = EventFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    over = EventFactory(starts_at=now - timedelta(hours=3), ends_at=now - timedelta(hours=1))
    assert list(Event.objects.upcoming()) == [running]
    assert list(Event.objects.past()) == [over]


def test_translation_state_follows_the_dutch_text():
    event = EventFactory(translations=three_languages("Drie talen"))
    assert event.translation_state("de") == TranslationState.CURRENT
    event.set_current_language("nl")
    event.title = "Drie talen, nieuw"
    event.save()
    event = Event.objects.prefetch_related("translations").get(pk=event.pk)
    assert event.translation_state("de") == TranslationState.OUTDATED
    assert event.translation_state("en") == TranslationState.OUTDATED


def test_uid_stays_when_slug_and_title_change():
    event = EventFactory()
    uid = event.uid
    event.slug = "nieuw-adres"
    event.set_current_language("nl")
    event.title = "Nieuwe titel"
    event.save()
    event.refresh_from_db()
    assert event.uid == uid


def test_an_event_without_an_end_stays_on_the_agenda_for_the_rest_of_its_day():
    start = timezone.localtime().replace(hour=0, minute=1, second=0, microsecond=0)
    event = EventFactory(starts_at=start, ends_at=None)
    assert timezone.localtime(event.finishes_at).date() == start.date()
    assert timezone.localtime(event.finishes_at).hour == 23
    assert list(Event.objects.upcoming()) == [event]
