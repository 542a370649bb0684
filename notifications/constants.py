from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    EVERYTHING = "alles", _("Alle wijzigingen")
    THEME = "thema", _("Thema")
    NETWORK = "netwerk", _("Netwerk")
    PROPOSAL = "voorstel", _("Voorstel")
    AGENDA = "agenda", _("De internationale agenda")


# What the public may follow by e-mail address, without an account.
PUBLIC_TOPICS = (Topic.EVERYTHING, Topic.AGENDA)


class Frequency(models.TextChoices):
    IMMEDIATE = "direct", _("Direct")
    DAILY = "dagelijks", _("Dagelijks")
    WEEKLY = "wekelijks", _("Wekelijks")


class ReminderKind(models.TextChoices):
    FOLLOW_UPS = "opvolging", _("Opvolging die nu moet gebeuren")
    COMMITMENTS = "toezeggingen", _("Toezeggingen over de termijn")
