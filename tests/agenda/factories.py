"""Factories for agenda events, with their texts per language (django-parler)."""

from datetime import timedelta

import factory
from django.utils import timezone, translation
from factory.django import DjangoModelFactory

from agenda.constants import DatePrecision
from agenda.models import Event
from core.constants import Visibility


class EventFactory(DjangoModelFactory):
    """A published event in Hengelo ten days from now, two hours long, with a Dutch text."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"evenement-{n}")
    visibility = Visibility.PUBLIC
    date_precision = DatePrecision.TIME
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    venue = "Stadhuis"
    address = "Hazenweg 121"
    city = "Hengelo"
    country = "NL"
    organiser = "Gemeente Hengelo"
    translations = factory.Sequence(
        lambda n: {"nl": {"title": f"Evenement {n}", "text": f"Tekst van evenement {n}."}}
    )

    @classmethod
    def _build(cls, model_class, *args, translations=None, **kwargs):
        event = model_class(*args, **kwargs)
        for language, fields in (translations or {}).items():
            event.set_current_language(language)
            for name, value in fields.items():
                setattr(event, name, value)
        event.set_current_language("nl")
        return event

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        event = cls._build(model_class, *args, **kwargs)
        event.save()
        return event

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def three_languages(title, text="Tekst."):
    """Texts in Dutch, German and English, marked per language."""
    return {
        "nl": {"title": f"{title} (nl)", "text": f"{text} (nl)"},
        "de": {"title": f"{title} (de)", "text": f"{text} (de)"},
        "en": {"title": f"{title} (en)", "text": f"{text} (en)"},
    }


def page_of(event):
    """The event's Dutch page path (the test thread keeps the language of its last request)."""
    with translation.override("nl"):
        return event.get_absolute_url()
