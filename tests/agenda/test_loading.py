"""The agenda's archive of the 2018 work plan, loaded from agenda/data/hengelo.yaml."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from agenda.constants import DatePrecision
from agenda.models import Event

pytestmark = pytest.mark.django_db


def test_the_2018_events_load_in_three_languages_without_invented_dates(hengelo):
    events = Event.objects.prefetch_related("translations").select_related("effort")
    assert events.count() == 6
    for event in events:
        assert event.is_public()
        assert event.date_precision == DatePrecision.YEAR
        assert timezone.localtime(event.starts_at).date() == date(2018, 1, 1)
        assert {t.language_code for t in event.translations.all()} == {"nl", "de", "en"}
        assert event.effort.year == 2018
    ewrc = events.get(slug="european-week-of-regions-and-cities-2018")
    assert ewrc.effort.number == 16
    assert ewrc.safe_translation_getter("title", language_code="de") == (
        "Europäische Woche der Regionen und Städte 2018"
    )


def test_loading_twice_changes_nothing(hengelo):
    before = {event.pk: (event.updated_at, event.sequence) for event in Event.objects.all()}
    out = io.StringIO()
    call_command("load_hengelo", stdout=out)
    assert "agenda.Event: 0 nieuw, 0 bijgewerkt, 6 ongewijzigd" in out.getvalue()
    after = {event.pk: (event.updated_at, event.sequence) for event in Event.objects.all()}
    assert after == before


def test_examples_are_only_made_with_debug(settings, db):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("agenda_examples", stdout=io.StringIO())


def test_examples_are_upcoming_marked_and_include_a_draft(settings, hengelo):
    settings.DEBUG = True
    call_command("agenda_examples", stdout=io.StringIO())
    call_command("agenda_examples", stdout=io.StringIO())
    examples = Event.objects.filter(is_example=True)
    assert examples.count() == 6
    assert examples.upcoming().count() == 6
    assert examples.filter(visibility="concept").count() == 1


def test_the_2018_archive_says_what_was_planned_not_that_it_happened(hengelo):
    """The seeds plan these events (annex A); they do not report that they took place."""
    from agenda.models import Event

    past_tense = ("nam in 2018 deel", " nam deel", "organiseerde", " nahm ", "organisierte")
    past_tense_en = ("took part", "organised a", "hosted by hengelo,")
    for event in Event.objects.filter(starts_at__year=2018).prefetch_related("translations"):
        for translation in event.translations.all():
            text = f"{translation.title} {translation.text}".lower()
            for phrase in past_tense + past_tense_en:
                assert phrase not in text, (event.slug, translation.language_code, phrase)
