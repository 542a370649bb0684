"""People at organisations: personal data under the AVG, with a purpose, a legal basis and a
review date."""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ExampleMixin

from ..constants import LegalBasis, Purpose
from .base import validate_phone
from .organisations import Organisation

REVIEW_PERIOD = datetime.timedelta(days=365)


class Language(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("naam"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taal")
        verbose_name_plural = _("talen")

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def review_overdue(self, today=None):
        """People whose review date has passed: confirm them or erase them."""
        return self.filter(review_on__lt=today or timezone.localdate())

    def search(self, text):
        query = Q()
        for word in text.split():
            query &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        return self.filter(query)


def default_review_on():
    return timezone.localdate() + REVIEW_PERIOD


class Person(ExampleMixin):
    """A contact person at an organisation: personal data under the AVG."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisatie"),
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(
        _("telefoonnummer"), max_length=30, blank=True, validators=[validate_phone]
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("talen"), blank=True, related_name="people"
    )
    purpose = models.CharField(
        _("doel van de registratie"),
        max_length=20,
        choices=Purpose.choices,
        help_text=_("Waarvoor de gemeente de gegevens van deze persoon bewaart."),
    )
    legal_basis = models.CharField(
        _("grondslag"),
        max_length=25,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE_INTEREST,
        help_text=_("De grondslag uit artikel 6 AVG voor het bewaren van deze gegevens."),
    )
    review_on = models.DateField(
        _("herbeoordelen op"),
        default=default_review_on,
        help_text=_("Op deze datum beoordeelt de accountmanager of de gegevens nog nodig zijn."),
    )
    last_reviewed_on = models.DateField(_("laatst beoordeeld op"), null=True, blank=True)
    notes = models.TextField(_("aantekeningen"), blank=True)
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        indexes = [
            models.Index(fields=["review_on"], name="person_review_on_idx"),
            # The people list's order: its first page without sorting every person (issue 17).
            models.Index(fields=["last_name", "first_name", "id"], name="person_name_idx"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("contacts:person-detail", kwargs={"pk": self.pk})

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def is_review_overdue(self, today=None):
        """Say whether the review date has passed."""
        return self.review_on < (today or timezone.localdate())
