"""Subscriptions to the timeline, and what was sent to whom."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import Frequency, ReminderKind, Topic


def new_token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """Who receives digests: a user of the portal, or a member of the public by e-mail address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriber",
        verbose_name=_("gebruiker"),
    )
    email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_(
            "Alleen voor abonnees zonder account; een gebruiker krijgt mail op zijn eigen adres."
        ),
    )
    language = models.CharField(
        _("taal"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    token = models.CharField(
        _("kenmerk"),
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        help_text=_("Geheim kenmerk in de afmeldlink."),
    )
    confirmation_nonce = models.CharField(
        _("bevestigingskenmerk"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Geldig voor één bevestigingslink; leeg na gebruik."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(email=""))
                | (Q(user__isnull=True) & ~Q(email="")),
                name="subscriber_user_or_email",
                violation_error_message=_("Een abonnee heeft een account of een e-mailadres."),
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(user__isnull=True),
                name="subscriber_unique_public_email",
                violation_error_message=_("Dit e-mailadres heeft al een abonnee."),
            ),
        ]

    def __str__(self):
        return self.user.get_username() if self.user_id else self.email

    @property
    def address(self):
        """Where the digests go."""
        return self.user.email if self.user_id else self.email

    def is_public(self):
        """Say whether this is a member of the public rather than a user of the portal."""
        return self.user_id is None


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    """What a subscriber follows, and how often they hear of it."""

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("abonnee"),
    )
    topic = models.CharField(_("onderwerp"), max_length=10, choices=Topic.choices)
    theme = models.ForeignKey(
        "networks.Theme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("thema"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("netwerk"),
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("voorstel"),
    )
    frequency = models.CharField(
        _("hoe vaak"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    confirmed_at = models.DateTimeField(
        _("bevestigd op"),
        null=True,
        blank=True,
        help_text=_("Leeg zolang het e-mailadres niet is bevestigd (dubbele opt-in)."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sent_until = models.DateTimeField(
        _("verzonden tot"),
        default=timezone.now,
        help_text=_("Wijzigingen tot dit moment zijn in een eerder overzicht behandeld."),
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["subscriber", "topic", "pk"]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(topic=Topic.THEME) & Q(theme__isnull=False))
                | (~Q(topic=Topic.THEME) & Q(theme__isnull=True)),
                name="subscription_theme_with_topic",
                violation_error_message=_("Kies een thema."),
            ),
            models.CheckConstraint(
                condition=(Q(topic=Topic.NETWORK) & Q(network__isnull=False))
                | (~Q(topic=Topic.NETWORK) & Q(network__isnull=True)),
                name="subscription_network_with_topic",
                violation_error_message=_("Kies een netwerk."),
            ),
            models.CheckConstraint(
                condition=(Q(topic=Topic.PROPOSAL) & Q(proposal__isnull=False))
                | (~Q(topic=Topic.PROPOSAL) & Q(proposal__isnull=True)),
                name="subscription_proposal_with_topic",
                violation_error_message=_("Kies een voorstel."),
            ),
        ]

    def __str__(self):
        return f"{self.subject} ({self.get_frequency_display()})"

    @property
    def subject(self):
        """What is followed, in words."""
        target = self.theme or self.network or self.proposal
        label = self.get_topic_display()
        return f"{label}: {target}" if target is not None else str(label)

    def is_confirmed(self):
        """Say whether the subscription is active (its e-mail address confirmed)."""
        return self.confirmed_at is not None


class SentChange(models.Model):
    """A change that was in a digest to a subscriber: never sent to them again."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="sent", verbose_name=_("abonnee")
    )
    source = models.CharField(_("soort record"), max_length=100)
    history_id = models.BigIntegerField(_("versie"))
    sent_at = models.DateTimeField(_("verzonden op"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("verzonden wijziging")
        verbose_name_plural = _("verzonden wijzigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "source", "history_id"],
                name="sentchange_once_per_subscriber",
                violation_error_message=_("Deze wijziging is al aan deze abonnee verzonden."),
            ),
        ]

    def __str__(self):
        return f"{self.subscriber}: {self.source} {self.history_id}"


class StaffReminder(models.Model):
    """A reminder sent to a member of staff, so that one day's reminder goes out once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_reminders",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ReminderKind.choices)
    day = models.DateField(_("dag"))
    sent_at = models.DateTimeField(_("verzonden op"), default=timezone.now)

    class Meta:
        ordering = ["-day", "user"]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "day"],
                name="staffreminder_once_a_day",
                violation_error_message=_("Deze herinnering is vandaag al verzonden."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.day} ({self.user})"
