"""Departments and colleagues of the municipality, and their EU-grant expertise (proposal 3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ExampleMixin

from .base import validate_phone


class Department(models.Model):
    """A department of the municipality that opportunities and questions are passed to."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=150, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")

    def __str__(self):
        return self.name


class Colleague(ExampleMixin):
    """A civil servant of the municipality whom the accountmanager passes things to."""

    name = models.CharField(_("naam"), max_length=150)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="colleagues",
        verbose_name=_("afdeling"),
    )
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(
        _("telefoonnummer"), max_length=30, blank=True, validators=[validate_phone]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="colleague",
        verbose_name=_("account in het portaal"),
        help_text=_("Optioneel: dan staat in de e-mail over een doorgezette kans een link."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("collega")
        verbose_name_plural = _("collega's")

    def __str__(self):
        return f"{self.name} ({self.department})"


class GrantProgramme(models.Model):
    """An EU funding programme, such as Interreg, CEF, Horizon Europe or Erasmus+."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=150, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Europees subsidieprogramma")
        verbose_name_plural = _("Europese subsidieprogramma's")

    def __str__(self):
        return self.name


class GrantExpertise(ExampleMixin):
    """Who in the municipality knows an EU programme (proposal 3)."""

    colleague = models.ForeignKey(
        Colleague, on_delete=models.CASCADE, related_name="expertise", verbose_name=_("collega")
    )
    programme = models.ForeignKey(
        GrantProgramme,
        on_delete=models.CASCADE,
        related_name="expertise",
        verbose_name=_("programma"),
    )
    themes = models.ManyToManyField(
        "networks.Theme", verbose_name=_("thema's"), blank=True, related_name="grant_expertise"
    )
    experience = models.TextField(
        _("ervaring"),
        blank=True,
        help_text=_("Bijvoorbeeld de aanvragen waaraan deze collega heeft gewerkt."),
    )

    class Meta:
        ordering = ["programme__name", "colleague__name"]
        verbose_name = _("EU-subsidie-expertise")
        verbose_name_plural = _("EU-subsidie-expertise")
        constraints = [
            models.UniqueConstraint(
                fields=["colleague", "programme"],
                name="grant_expertise_unique_per_colleague",
                violation_error_message=_("Deze collega staat al bij dit programma."),
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.colleague.name}"
