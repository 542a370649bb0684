from django.db import models
from django.utils.translation import gettext_lazy as _


class ThemeKind(models.TextChoices):
    ACTION_LINE = "actielijn", _("Twentse actielijn")
    EXTRA = "extra", _("Extra thema")


class Representation(models.TextChoices):
    """Who represents the municipality in a network (annex B, column 'Vertegenwoordigd').

    OWN_MUNICIPALITY stands for the municipality itself; pages show it with the active
    municipality's name (own_choices). Its stored code 'hengelo' stays: it is part of the
    public API (vertegenwoordigdDoor) and of existing links, and says nothing on a page.
    """

    OWN_MUNICIPALITY = "hengelo", _("De gemeente zelf")
    NETWERKSTAD_TWENTE = "netwerkstad_twente", _("Netwerkstad Twente")
    REGIO_TWENTE = "regio_twente", _("Regio Twente")
    REGIO_EUREGIO = "regio_euregio", _("Regio/Euregio")
    NONE = "geen", _("Niet vertegenwoordigd")


class Lead(models.TextChoices):
    """The lead party of a planned effort (annex A, column 'Trekker').

    The OWN_MUNICIPALITY codes stand for the municipality itself (see Representation).
    """

    OWN_MUNICIPALITY = "hengelo", _("De gemeente zelf")
    NETWERKSTAD_TWENTE = "nt", _("Netwerkstad Twente (NT)")
    OWN_MUNICIPALITY_NT = "hengelo_nt", _("De gemeente/NT")
    OWN_MUNICIPALITY_REGIO_TWENTE = "hengelo_regio_twente", _("De gemeente/Regio Twente")
    REGIO_TWENTE = "regio_twente", _("Regio Twente")
    TWENTE_MUNICIPALITIES = "twentse_gemeenten", _("Twentse gemeenten")


class ResultStatus(models.TextChoices):
    """What came of a planned effort (its result status)."""

    PLANNED = "gepland", _("Gepland")
    IN_PROGRESS = "in_uitvoering", _("In uitvoering")
    REALISED = "gerealiseerd", _("Gerealiseerd")
    PARTLY_REALISED = "deels_gerealiseerd", _("Deels gerealiseerd")
    CANCELLED = "niet_doorgegaan", _("Niet doorgegaan")


# How pages show the codes that stand for the municipality itself: with its name.
OWN_LABELS = {
    Representation: {Representation.OWN_MUNICIPALITY: "{name}"},
    Lead: {
        Lead.OWN_MUNICIPALITY: "{name}",
        Lead.OWN_MUNICIPALITY_NT: "{name}/NT",
        Lead.OWN_MUNICIPALITY_REGIO_TWENTE: "{name}/Regio Twente",
    },
}


def own_label(choices, value):
    """The label of a code, with the active municipality's name where the code stands for it."""
    pattern = OWN_LABELS.get(choices, {}).get(value)
    if pattern is None:
        try:
            member = choices(value)  # without building `choices.values` (issue 17)
        except ValueError:
            return value
        return str(member.label)
    from core.municipality import current_municipality

    return pattern.format(name=current_municipality().name)


def own_choices(choices):
    """The choices as pages show them: 'Hengelo', 'Hengelo/NT', … for the active municipality."""
    return [(value, own_label(choices, value)) for value in choices.values]


# Where a searchable select (core.select) looks for a network: its name and its full name.
NETWORK_SEARCH = ("name", "full_name")
