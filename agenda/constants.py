from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of an event's date is known; the 2018 events of the seeds only have a year."""

    TIME = "tijd", _("Datum en tijd")
    DAY = "dag", _("Hele dag")
    MONTH = "maand", _("Alleen de maand is bekend")
    YEAR = "jaar", _("Alleen het jaar is bekend")


class Place(models.TextChoices):
    """The 'in <municipality> / in Duitsland' filter of the public agenda.

    OWN_MUNICIPALITY stands for the municipality's own city; its code 'hengelo' stays for
    existing links (?plaats=hengelo).
    """

    OWN_MUNICIPALITY = "hengelo", _("In de eigen gemeente")
    GERMANY = "duitsland", _("In Duitsland")


class TranslationState(models.TextChoices):
    CURRENT = "actueel", _("Actueel")
    MISSING = "ontbreekt", _("Ontbreekt")
    OUTDATED = "verouderd", _("Ouder dan de Nederlandse tekst")


# The languages an event's texts are kept in; Dutch is the source.
SOURCE_LANGUAGE = "nl"
TARGET_LANGUAGES = ("de", "en")


# Paths under /agenda/ that are pages of their own, so no event may take them as its slug.
RESERVED_SLUGS = ("archief", "beheer", "feed", "insluiten")

# Countries an event is likely to be in; any other ISO code is shown as it is.
COUNTRY_NAMES = {
    "NL": _("Nederland"),
    "DE": _("Duitsland"),
    "BE": _("België"),
    "LU": _("Luxemburg"),
    "FR": _("Frankrijk"),
    "DK": _("Denemarken"),
    "SE": _("Zweden"),
    "AT": _("Oostenrijk"),
    "PL": _("Polen"),
    "GB": _("Verenigd Koninkrijk"),
    "US": _("Verenigde Staten"),
}


def place_choices():
    """The place filter as the agenda shows it: 'In Hengelo' for the active municipality."""
    from core.municipality import current_municipality

    own = _("In %(name)s") % {"name": current_municipality().name}
    return [(Place.OWN_MUNICIPALITY.value, own), (Place.GERMANY.value, Place.GERMANY.label)]
