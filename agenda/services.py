"""Writes to the agenda: saving an event with its three languages, publishing, unpublishing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from core.constants import Visibility
from core.page_cache import MAX_AGE

from .constants import SOURCE_LANGUAGE
from .models import Event

LANGUAGES = ("nl", "de", "en")


def apply_translations(event, texts):
    """Put the title, text and organiser per language on the event; a language without title or
    text is dropped.

    `texts` maps a language code to {"title": ..., "text": ..., "organiser": ...}; an organiser
    left empty in German or English shows the Dutch name. Nothing is saved here. Returns the
    languages whose translation has to be deleted when the event is saved.
    """
    dropped, kept = [], []
    source_organiser = (texts.get(SOURCE_LANGUAGE, {}).get("organiser") or "").strip()
    for language, values in texts.items():
        title = (values.get("title") or "").strip()
        text = (values.get("text") or "").strip()
        if not title and not text:
            if event.pk and event.has_translation(language):
                dropped.append(language)
            continue
        kept.append(language)
        event.set_current_language(language)
        event.title = title
        event.text = text
        event.organiser = (values.get("organiser") or "").strip()
    if SOURCE_LANGUAGE not in kept:
        # A draft with a German or English title only: the Dutch organiser goes there.
        for language in kept:
            event.set_current_language(language)
            event.organiser = event.organiser or source_organiser
    event.set_current_language(SOURCE_LANGUAGE)
    return dropped


@transaction.atomic
def save_event(form, texts):
    """Save an event form with its translations; a changed event gets a new SEQUENCE."""
    event = form.instance
    dropped = apply_translations(event, texts)
    is_new = event.pk is None
    event = form.save(commit=False)
    if not is_new:
        event.sequence += 1
    event.save()
    form.save_m2m()
    for language in dropped:
        event.delete_translation(language)
    return event


@transaction.atomic
def publish_event(event):
    """Make an event public; it needs a Dutch title, the language the agenda falls back to."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.source_title():
        raise ValidationError(_("Een gepubliceerd evenement heeft een Nederlandse titel nodig."))
    if event.visibility != Visibility.PUBLIC:
        event.visibility = Visibility.PUBLIC
        event.sequence += 1
        event.save()
    return event


@transaction.atomic
def unpublish_event(event):
    """Take an event off the public agenda and its feeds; it stays as a draft."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.visibility != Visibility.DRAFT:
        event.visibility = Visibility.DRAFT
        event.sequence += 1
        event.save()
    return event


def seconds_until_next_change(now=None):
    """Return how long a public page may be kept: until the next published event is over."""
    now = now or timezone.now()
    next_end = (
        Event.objects.published()
        .filter(finishes_at__gte=now)
        .aggregate(next_end=Min("finishes_at"))["next_end"]
    )
    if next_end is None:
        return None
    return max(1, min(MAX_AGE, int((next_end - now).total_seconds()) + 1))
