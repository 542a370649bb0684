from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of an event's date is known; the 2018 events of the seeds only have a year."""

    TIME = "tijd", _("Datum en tijd")
    DAY = "dag", _("Hele dag")
    MONTH = "maand", _("Alleen de maand is bekend")
    YEAR = "jaar", _("Alleen het jaar is bekend")


class Place(models.TextChoices):
    """The 'in Hengelo / in Duitsland' filter of the public agenda."""

    HENGELO = "hengelo", _("In Hengelo")
    GERMANY = "duitsland", _("In Duitsland")


class TranslationState(models.TextChoices):
    CURRENT = "actueel", _("Actueel")
    MISSING = "ontbreekt", _("Ontbreekt")
    OUTDATED = "verouderd", _("Ouder dan de Nederlandse tekst")


# The languages an event's texts are kept in; Dutch is the source.
SOURCE_LANGUAGE = "nl"
TARGET_LANGUAGES = ("de", "en")
