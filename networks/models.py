from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import record_url
from core.models import VisibilityModel, VisibilityQuerySet, VisibleThroughParentQuerySet

from .constants import Lead, Representation, ResultStatus, ThemeKind, own_label


class ThemeQuerySet(models.QuerySet):
    def action_lines(self):
        return self.filter(kind=ThemeKind.ACTION_LINE)

    def extra_themes(self):
        return self.filter(kind=ThemeKind.EXTRA)


class Theme(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=ThemeKind.choices)
    position = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Nummer van de actielijn in de Agenda voor Twente.")
    )
    description = models.TextField(_("omschrijving"), blank=True)

    history = HistoricalRecords()
    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("networks:theme-detail", code=self.code)

    def is_action_line(self):
        """Say whether this theme is one of the four Twente action lines."""
        return self.kind == ThemeKind.ACTION_LINE


class NetworkQuerySet(VisibilityQuerySet):
    def in_annex_b(self):
        return self.filter(annex_number__isnull=False)


class Network(VisibilityModel):
    annex_number = models.PositiveSmallIntegerField(
        _("nummer in bijlage B"), null=True, blank=True, unique=True
    )
    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    full_name = models.CharField(_("volledige naam"), max_length=250, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    theme_summary = models.CharField(
        _("thema's volgens bijlage B"),
        max_length=400,
        blank=True,
        help_text=_("De thema's zoals het raadsvoorstel ze noemt."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="networks"
    )
    represented_by = models.CharField(
        _("vertegenwoordigd door"), max_length=20, choices=Representation.choices
    )
    role_administrative = models.BooleanField(_("bestuurlijke rol"), default=False)
    role_official = models.BooleanField(_("ambtelijke rol"), default=False)
    role_participating = models.BooleanField(_("deelnemend"), default=False)
    role_note = models.CharField(
        _("toelichting rol"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld: AB- en DB-lid en euregioraadsleden, ambtelijke experts."),
    )
    committees = models.CharField(_("commissies"), max_length=250, blank=True)
    council_seats = models.PositiveSmallIntegerField(
        _("zetels van de gemeente"),
        null=True,
        blank=True,
        help_text=_("Aantal raadsleden dat de gemeente in het netwerk vertegenwoordigt."),
    )
    council_seats_total = models.PositiveSmallIntegerField(
        _("zetels in totaal"), null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()
    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["annex_number", "name"]
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")
        constraints = [
            models.CheckConstraint(
                condition=Q(council_seats__isnull=True)
                | Q(council_seats_total__isnull=True)
                | Q(council_seats__lte=F("council_seats_total")),
                name="network_seats_within_total",
                violation_error_message=_(
                    "De gemeente kan niet meer zetels hebben dan het totaal aantal zetels."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_represented_by_display(self):
        return own_label(Representation, self.represented_by)

    def get_absolute_url(self):
        return record_url("networks:network-detail", slug=self.slug)

    @property
    def roles(self):
        labels = []
        if self.role_administrative:
            labels.append(_("bestuurlijk"))
        if self.role_official:
            labels.append(_("ambtelijk"))
        if self.role_participating:
            labels.append(_("deelnemend"))
        return labels


class ForumQuerySet(VisibleThroughParentQuerySet):
    """The forums of the networks the user may see."""

    visible_through = "network"


class Forum(models.Model):
    """A forum inside a network, such as Eurocities' Mobility Forum."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="forums", verbose_name=_("netwerk")
    )
    letter = models.CharField(
        _("letter in bijlage B"),
        max_length=1,
        blank=True,
        help_text=_("Leeg als het forum niet in bijlage B staat."),
    )
    name = models.CharField(_("naam"), max_length=150)
    theme_summary = models.CharField(_("thema's"), max_length=400, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="forums"
    )
    lead_city = models.CharField(
        _("trekkende stad"),
        max_length=100,
        blank=True,
        help_text=_("De stad die het forum namens Netwerkstad Twente trekt."),
    )

    history = HistoricalRecords()
    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["network", "letter", "name"]
        verbose_name = _("forum")
        verbose_name_plural = _("fora")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"],
                name="forum_unique_name_per_network",
                violation_error_message=_("Dit netwerk heeft al een forum met deze naam."),
            ),
        ]

    def __str__(self):
        return f"{self.network}: {self.name}"

    def get_absolute_url(self):
        return self.network.get_absolute_url()


class YieldKind(models.Model):
    """A kind of expected yield of an effort (annex A, column 'Verwachte opbrengst')."""

    name = models.CharField(_("naam"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("soort opbrengst")
        verbose_name_plural = _("soorten opbrengst")

    def __str__(self):
        return self.name


class EffortQuerySet(VisibilityQuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def led_by(self, lead):
        return self.filter(lead=lead)

    def with_result_status(self):
        """Annotate result_status: the recorded result's status, or planned without one."""
        return self.annotate(
            result_status=Coalesce("result__status", Value(ResultStatus.PLANNED.value))
        )

    def latest_public_year(self):
        """The latest year with public efforts: the plan /inspanningen/ opens on."""
        return self.public().aggregate(year=Max("year"))["year"]


class Effort(VisibilityModel):
    """A planned international effort of the municipality (annex A, 'inspanning')."""

    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("inspanning"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    expected_yield = models.CharField(
        _("verwachte opbrengst"),
        max_length=150,
        help_text=_("Zoals in het werkplan staat, bijvoorbeeld 'Kennisuitwisseling'."),
    )
    yield_kinds = models.ManyToManyField(
        YieldKind, verbose_name=_("soorten opbrengst"), blank=True, related_name="efforts"
    )
    lead = models.CharField(_("trekker"), max_length=25, choices=Lead.choices)
    carried_over_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_over_to",
        verbose_name=_("voortgezet uit"),
        help_text=_("De inspanning uit het werkplan van een eerder jaar die hier doorloopt."),
    )
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_("Verzonnen demogegevens; staat op elke pagina en in elke PDF als voorbeeld."),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("netwerk"),
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("forum"),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="efforts"
    )

    history = HistoricalRecords()
    objects = EffortQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "number"]
        verbose_name = _("inspanning")
        verbose_name_plural = _("inspanningen")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"],
                name="effort_unique_number_per_year",
                violation_error_message=_("Er is al een inspanning met dit nummer in dit jaar."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="effort_year_in_range",
                violation_error_message=_("Het jaar moet tussen 2000 en 2100 liggen."),
            ),
            models.UniqueConstraint(
                fields=["year", "carried_over_from"],
                name="effort_carried_over_once_per_year",
                violation_error_message=_(
                    "Deze inspanning is al naar het werkplan van dit jaar overgenomen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.year}-{self.number}. {self.title}"

    def get_absolute_url(self):
        return record_url("networks:effort-detail", pk=self.pk)

    def clean(self):
        super().clean()
        if self.forum_id and self.network_id and self.forum.network_id != self.network_id:
            raise ValidationError({"forum": _("Dit forum hoort niet bij het gekozen netwerk.")})
        previous = self.carried_over_from
        if previous is not None and self.year is not None and previous.year >= self.year:
            raise ValidationError(
                {"carried_over_from": _("Alleen een inspanning uit een eerder jaar loopt door.")}
            )

    @property
    def status(self):
        """The result status; an effort without a recorded result is still planned."""
        result = getattr(self, "result", None)
        return result.status if result is not None else ResultStatus.PLANNED

    def get_status_display(self):
        return ResultStatus(self.status).label

    def get_lead_display(self):
        return own_label(Lead, self.lead)

    def is_led_by_municipality_alone(self):
        """Say whether the municipality itself is the only lead party of this effort."""
        return self.lead == Lead.OWN_MUNICIPALITY
