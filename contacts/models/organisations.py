"""Organisations: local partners, regional bodies, German partners, network secretariats."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ConstraintErrorsAtFieldMixin

from ..constants import OrganisationKind
from .base import validate_country


class OrganisationQuerySet(models.QuerySet):
    def public_partners(self):
        """Organisations shown on the public list of local partners that work internationally."""
        return self.filter(is_public_partner=True)

    def visible_to(self, user):
        """Roles that may view organisations see them all; everyone else the public partners."""
        if user is not None and user.has_perm("contacts.view_organisation"):
            return self
        return self.public_partners()


class Organisation(ConstraintErrorsAtFieldMixin, models.Model):
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    city = models.CharField(_("plaats"), max_length=100)
    country = models.CharField(
        _("land"),
        max_length=2,
        default="NL",
        validators=[validate_country],
        help_text=_("Landcode volgens ISO 3166-1, bijvoorbeeld NL of DE."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    themes = models.ManyToManyField(
        "networks.Theme", verbose_name=_("thema's"), blank=True, related_name="organisations"
    )
    networks = models.ManyToManyField(
        "networks.Network",
        verbose_name=_("netwerken"),
        blank=True,
        related_name="organisations",
        help_text=_("De netwerken waarin deze organisatie deelneemt."),
    )
    efforts = models.ManyToManyField(
        "networks.Effort",
        verbose_name=_("inspanningen"),
        blank=True,
        related_name="organisations",
        help_text=_("De inspanningen uit het werkplan waaraan deze organisatie meedoet."),
    )
    is_public_partner = models.BooleanField(
        _("openbare partner"),
        default=False,
        help_text=_(
            "Tonen op de openbare lijst van lokale partners die internationaal actief zijn "
            "(voorstel 7)."
        ),
    )
    international_activities = models.TextField(
        _("internationale activiteiten"),
        blank=True,
        help_text=_("Wat de organisatie internationaal doet; staat op de openbare lijst."),
    )

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()
    constraint_error_fields = {"duplicate_organisation": "name"}

    class Meta:
        ordering = ["name", "city"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                Lower("city"),
                name="organisation_unique_name_city",
                violation_error_code="duplicate_organisation",
                violation_error_message=_("Er is al een organisatie met deze naam in deze plaats."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.city})"

    def get_absolute_url(self):
        return reverse("contacts:organisation-detail", kwargs={"pk": self.pk})

    def is_german(self):
        """Say whether the organisation is based in Germany."""
        return self.country == "DE"
