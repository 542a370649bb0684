"""Who represents the municipality: seats and roles in networks and their bodies, and trips
abroad."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import (
    ConstraintErrorsAtFieldMixin,
    VisibilityModel,
    VisibilityQuerySet,
    ends_after_start,
)

from .constants import PUBLIC_OFFICES, MandateRole, Office

EXAMPLE_HELP = _("Verzonnen demogegevens; staat op elke pagina en in elke PDF als voorbeeld.")


class OfficeHolderQuerySet(models.QuerySet):
    def public_offices(self):
        return self.filter(office__in=PUBLIC_OFFICES)


class OfficeHolder(models.Model):
    """A person who represents the municipality; named in public only when the office is public."""

    name = models.CharField(
        _("naam"),
        max_length=150,
        help_text=_("Of de functie, zoals 'de burgemeester', als de bron geen naam geeft."),
    )
    office = models.CharField(_("functie"), max_length=15, choices=Office.choices)
    party = models.CharField(_("partij"), max_length=60, blank=True)
    is_example = models.BooleanField(
        _("voorbeeld"), default=False, editable=False, help_text=EXAMPLE_HELP
    )

    history = HistoricalRecords()
    objects = OfficeHolderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("vertegenwoordiger")
        verbose_name_plural = _("vertegenwoordigers")

    def __str__(self):
        return f"{self.name} ({self.get_office_display().lower()})"

    def holds_public_office(self):
        """Say whether the office is public (mayor, alderman, council member)."""
        return self.office in PUBLIC_OFFICES

    def public_name(self, user):
        """The name for public office holders and staff; the office alone for anyone else."""
        if self.holds_public_office() or (user is not None and user.is_authenticated):
            return str(self)
        return self.get_office_display()


class MandateQuerySet(VisibilityQuerySet):
    def current(self, today):
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)).filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=today)
        )


class Mandate(ConstraintErrorsAtFieldMixin, VisibilityModel):
    """A seat or role of the municipality in a network or one of its bodies (EUREGIO-Raad, AB,
    DB, ...)."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("netwerk"),
    )
    body = models.CharField(
        _("orgaan"),
        max_length=200,
        help_text=_("Bijvoorbeeld EUREGIO-Raad, algemeen bestuur, Mobility Forum."),
    )
    role = models.CharField(_("rol"), max_length=20, choices=MandateRole.choices)
    holder = models.ForeignKey(
        OfficeHolder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("bekleed door"),
    )
    holder_note = models.CharField(
        _("bekleed door (toelichting)"),
        max_length=200,
        blank=True,
        help_text=_("Als er geen persoon is vastgelegd, bijvoorbeeld 'twee raadsleden'."),
    )
    seats = models.PositiveSmallIntegerField(_("zetels"), null=True, blank=True)
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    period_note = models.CharField(
        _("periode (toelichting)"),
        max_length=100,
        blank=True,
        help_text=_("Zoals de bron het zegt, bijvoorbeeld 'sinds januari 2024'."),
    )
    source = models.CharField(_("bron"), max_length=250, blank=True)
    is_example = models.BooleanField(
        _("voorbeeld"), default=False, editable=False, help_text=EXAMPLE_HELP
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    history = HistoricalRecords()
    objects = MandateQuerySet.as_manager()

    constraint_error_fields = {"ends_before_start": "ends_on"}

    class Meta:
        ordering = ["network__name", "body", "role"]
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        constraints = [
            ends_after_start(
                "mandate_ends_after_start", _("Een mandaat kan niet eindigen voordat het begint.")
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}, {self.body}"

    def get_absolute_url(self):
        if self.network_id:
            return self.network.get_absolute_url() + "#vertegenwoordiging"
        return reverse("representation:mandate-list")

    def clean(self):
        super().clean()
        if self.holder_id is None and not self.holder_note:
            raise ValidationError({"holder": _("Kies wie het mandaat bekleedt, of licht het toe.")})


class TripQuerySet(VisibilityQuerySet):
    def visible_to(self, user):
        """Staff see every trip; the public the public trips that office holders made."""
        if user is not None and user.is_authenticated:
            return self
        office_holders = Trip.participants.through.objects.filter(
            trip=OuterRef("pk"), officeholder__office__in=PUBLIC_OFFICES
        )
        return self.public().filter(Exists(office_holders))


class Trip(ConstraintErrorsAtFieldMixin, VisibilityModel):
    """A working visit, delegation or excursion abroad (proposals 4 and 9)."""

    title = models.CharField(_("titel"), max_length=200)
    destination = models.CharField(_("bestemming"), max_length=150)
    country = models.CharField(_("land"), max_length=2, default="DE")
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    starts_on = models.DateField(_("van"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    date_note = models.CharField(
        _("wanneer (toelichting)"),
        max_length=100,
        blank=True,
        help_text=_("Als de bron geen datum geeft, bijvoorbeeld 'najaar 2024'."),
    )
    purpose = models.TextField(_("doel"))
    participants = models.ManyToManyField(
        OfficeHolder, verbose_name=_("deelnemers"), blank=True, related_name="trips"
    )
    participants_note = models.CharField(_("deelnemers (toelichting)"), max_length=250, blank=True)
    costs = models.DecimalField(
        _("kosten (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("Kosten kunnen niet negatief zijn."))],
    )
    report = models.TextField(_("kort verslag"), blank=True)
    networks = models.ManyToManyField(
        "networks.Network", verbose_name=_("netwerken"), blank=True, related_name="trips"
    )
    efforts = models.ManyToManyField(
        "networks.Effort", verbose_name=_("inspanningen"), blank=True, related_name="trips"
    )
    source = models.CharField(_("bron"), max_length=250, blank=True)
    is_example = models.BooleanField(
        _("voorbeeld"), default=False, editable=False, help_text=EXAMPLE_HELP
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    history = HistoricalRecords()
    objects = TripQuerySet.as_manager()

    constraint_error_fields = {"ends_before_start": "ends_on"}

    class Meta:
        ordering = ["-year", "-starts_on", "title"]
        verbose_name = _("reis")
        verbose_name_plural = _("reizen")
        constraints = [
            ends_after_start(
                "trip_ends_after_start", _("Een reis kan niet eindigen voordat ze begint.")
            ),
            models.CheckConstraint(
                condition=Q(costs__isnull=True) | Q(costs__gte=0),
                name="trip_costs_not_negative",
                violation_error_message=_("Kosten kunnen niet negatief zijn."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("representation:trip-detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.starts_on and self.year and self.starts_on.year != self.year:
            raise ValidationError({"starts_on": _("De begindatum ligt niet in het gekozen jaar.")})
