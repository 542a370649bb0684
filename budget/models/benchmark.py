"""Survey figures that the municipality is compared with, stored exactly as printed."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import BenchmarkMeasure, SizeClass
from .lines import YEAR_VALIDATORS


class BenchmarkSource(models.Model):
    """A published survey whose figures the municipality is compared with."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    publisher = models.CharField(_("uitgever"), max_length=150)
    year = models.PositiveSmallIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    document = models.CharField(
        _("document"), max_length=200, blank=True, help_text=_("Waar de tabellen te vinden zijn.")
    )
    note = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("bron voor vergelijking")
        verbose_name_plural = _("bronnen voor vergelijking")

    def __str__(self):
        return f"{self.publisher}, {self.title} ({self.year})"


class BenchmarkFigureQuerySet(models.QuerySet):
    def for_size_class(self, size_class):
        return self.filter(size_class=size_class)


class BenchmarkFigure(models.Model):
    """One cell of a survey table, exactly as printed, with its value for comparison."""

    source = models.ForeignKey(
        BenchmarkSource, on_delete=models.CASCADE, related_name="figures", verbose_name=_("bron")
    )
    table = models.CharField(_("tabel"), max_length=10, help_text=_("Bijvoorbeeld 4.3."))
    measure = models.CharField(_("maat"), max_length=25, choices=BenchmarkMeasure.choices)
    size_class = models.CharField(
        _("gemeentegrootte (inwoners)"), max_length=15, choices=SizeClass.choices
    )
    reference_year = models.PositiveSmallIntegerField(
        _("peiljaar"), validators=YEAR_VALIDATORS, help_text=_("Het jaar waarop het cijfer slaat.")
    )
    band = models.CharField(
        _("uitgavenklasse"),
        max_length=50,
        blank=True,
        help_text=_("Alleen bij tabel 5.1: de klasse zoals gedrukt."),
    )
    band_min = models.DecimalField(
        _("klasse vanaf"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    band_max = models.DecimalField(
        _("klasse tot"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leeg bij de hoogste klasse."),
    )
    printed = models.CharField(
        _("zoals gedrukt"), max_length=40, help_text=_("De tekst in de tabel, bijvoorbeeld '-'.")
    )
    value = models.DecimalField(
        _("waarde"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leeg als de tabel '-' toont."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()
    objects = BenchmarkFigureQuerySet.as_manager()

    class Meta:
        ordering = ["table", "position", "size_class", "-reference_year"]
        verbose_name = _("vergelijkingscijfer")
        verbose_name_plural = _("vergelijkingscijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "table", "measure", "size_class", "reference_year", "band"],
                name="benchmarkfigure_unique_cell",
                violation_error_message=_("Dit cijfer staat al in deze tabel."),
            ),
            models.CheckConstraint(
                condition=Q(band_min__isnull=True)
                | Q(band_max__isnull=True)
                | Q(band_min__lt=models.F("band_max")),
                name="benchmarkfigure_band_order",
                violation_error_message=_("De ondergrens moet lager zijn dan de bovengrens."),
            ),
        ]

    def __str__(self):
        band = f" {self.band}" if self.band else ""
        return f"{self.source.title} tabel {self.table}: {self.get_size_class_display()}{band}"

    def band_contains(self, amount):
        """Say whether an amount falls in this spending band."""
        if self.band_min is not None and amount < self.band_min:
            return False
        return self.band_max is None or amount < self.band_max
