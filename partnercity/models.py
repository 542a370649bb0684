from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import record_url
from core.models import ConstraintErrorsAtFieldMixin, VisibilityModel, VisibilityQuerySet

from .constants import ActivityKind, AssociationStatus, LinkKind

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class PartnerCity(models.Model):
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = models.CharField(
        _("land"), max_length=2, help_text=_("Landcode volgens ISO 3166, bijvoorbeeld DE.")
    )
    region = models.CharField(_("regio"), max_length=100, blank=True)
    kind = models.CharField(_("soort band"), max_length=15, choices=LinkKind.choices)
    since_year = models.PositiveSmallIntegerField(
        _("sinds (jaar)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    since_note = models.CharField(
        _("sinds (toelichting)"),
        max_length=150,
        blank=True,
        help_text=_("Als het precieze jaar niet bekend is, bijvoorbeeld 'meer dan 25 jaar'."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    network = models.OneToOneField(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_city",
        verbose_name=_("netwerk (stedenband)"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnerstad")
        verbose_name_plural = _("partnersteden")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="partnercity_unique_name_country",
                violation_error_message=_("Deze partnerstad bestaat al."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("partnercity:partnercity-detail", slug=self.slug)


class TwinningAssociation(models.Model):
    """The volunteers' twinning association of proposal 5, with its yearly budget."""

    partner_city = models.ForeignKey(
        PartnerCity,
        on_delete=models.CASCADE,
        related_name="associations",
        verbose_name=_("partnerstad"),
    )
    name = models.CharField(_("naam"), max_length=150)
    status = models.CharField(_("status"), max_length=15, choices=AssociationStatus.choices)
    founded_on = models.DateField(_("opgericht op"), null=True, blank=True)
    yearly_budget = models.DecimalField(_("jaarlijks budget"), **MONEY)
    budget_from_year = models.PositiveSmallIntegerField(
        _("budget vanaf"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    purpose = models.TextField(_("doel"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnerstadsvereniging")
        verbose_name_plural = _("partnerstadsverenigingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(yearly_budget__gte=0),
                name="association_budget_not_negative",
                violation_error_message=_("Een bedrag kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=~Q(status="opgericht") | Q(founded_on__isnull=False),
                name="association_founded_has_date",
                violation_error_message=_("Vul de oprichtingsdatum in."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.status == AssociationStatus.FOUNDED and not self.founded_on:
            raise ValidationError({"founded_on": _("Vul de oprichtingsdatum in.")})


class GrantScheme(models.Model):
    """A grant scheme with a yearly ceiling, such as the Emsdetten scheme of €2,500."""

    partner_city = models.ForeignKey(
        PartnerCity,
        on_delete=models.CASCADE,
        related_name="grant_schemes",
        verbose_name=_("partnerstad"),
    )
    name = models.CharField(_("naam"), max_length=150, unique=True)
    purpose = models.TextField(_("doel"), blank=True)
    yearly_ceiling = models.DecimalField(_("jaarlijks plafond"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("subsidieregeling")
        verbose_name_plural = _("subsidieregelingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(yearly_ceiling__gte=0),
                name="grantscheme_ceiling_not_negative",
                violation_error_message=_("Een bedrag kan niet negatief zijn."),
            ),
        ]

    def __str__(self):
        return self.name

    def awarded_in(self, year):
        """Return the total awarded in a year."""
        total = self.awards.filter(year=year).aggregate(total=Sum("amount"))["total"]
        return total or Decimal("0")

    def remaining_in(self, year):
        """Return what is left under the ceiling in a year."""
        return self.yearly_ceiling - self.awarded_in(year)


class GrantAward(models.Model):
    """An award under a grant scheme; the awards of a year never exceed the scheme's ceiling.

    The database enforces the ceiling with a trigger (see the migration), clean() repeats it
    so that a form shows the message at the amount.
    """

    scheme = models.ForeignKey(
        GrantScheme, on_delete=models.PROTECT, related_name="awards", verbose_name=_("regeling")
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    recipient = models.CharField(_("ontvanger"), max_length=200)
    purpose = models.CharField(_("doel"), max_length=300)
    amount = models.DecimalField(_("bedrag"), **MONEY)
    awarded_on = models.DateField(_("toegekend op"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-awarded_on"]
        verbose_name = _("subsidietoekenning")
        verbose_name_plural = _("subsidietoekenningen")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="grantaward_amount_positive",
                violation_error_message=_("Het bedrag moet groter dan nul zijn."),
            ),
        ]

    def __str__(self):
        return f"{self.recipient} ({self.year})"

    def clean(self):
        super().clean()
        if self.scheme_id is None or not isinstance(self.amount, Decimal) or not self.year:
            return
        others = self.scheme.awards.filter(year=self.year).exclude(pk=self.pk)
        awarded = others.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if awarded + self.amount > self.scheme.yearly_ceiling:
            left = self.scheme.yearly_ceiling - awarded
            raise ValidationError(
                {
                    "amount": _(
                        "Dit bedrag gaat boven het plafond van € %(ceiling)s voor %(year)s: "
                        "er is nog € %(left)s beschikbaar."
                    )
                    % {"ceiling": self.scheme.yearly_ceiling, "year": self.year, "left": left}
                }
            )


class ActivityQuerySet(VisibilityQuerySet):
    def for_year(self, year):
        return self.filter(starts_on__year=year)


class Activity(ConstraintErrorsAtFieldMixin, VisibilityModel):
    """An exchange or activity with a partner city."""

    partner_city = models.ForeignKey(
        PartnerCity,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("partnerstad"),
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=15, choices=ActivityKind.choices)
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    starts_on = models.DateField(_("begindatum"), null=True, blank=True)
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    effort = models.ForeignKey(
        "networks.Effort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_activities",
        verbose_name=_("inspanning"),
    )

    history = HistoricalRecords()
    objects = ActivityQuerySet.as_manager()

    constraint_error_fields = {"ends_before_start": "ends_on"}

    class Meta:
        ordering = ["-year", "-starts_on", "title"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="activity_ends_after_start",
                violation_error_code="ends_before_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.year and self.starts_on.year != self.year:
            raise ValidationError({"starts_on": _("De begindatum valt niet in het gekozen jaar.")})
