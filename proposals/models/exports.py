"""PDF exports of council documents and of the yearly report, kept as a record of who exported
what, and when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ConstraintErrorsAtFieldMixin

from ..constants import (
    DocumentKind,
    ExportStatus,
)
from .council import CouncilProposal


class DocumentExportQuerySet(models.QuerySet):
    def unfinished(self):
        return self.exclude(status__in=[ExportStatus.READY, ExportStatus.FAILED])

    def waiting(self):
        return self.filter(status=ExportStatus.WAITING)

    def reusable(self, kind, content_hash):
        """Ready exports of the same document rendered from exactly the same content."""
        return (
            self.filter(kind=kind, content_hash=content_hash, status=ExportStatus.READY)
            .exclude(file="")
            .order_by("-finished_at", "-pk")
        )

    def for_listing(self):
        return self.select_related("council_proposal", "requested_by", "reused_from")

    def council_documents(self):
        """The exports of a council proposal's documents (the griffie's page)."""
        return self.filter(council_proposal__isnull=False)

    def yearly_reports(self, year):
        """The exports of the yearly report of one year (the results page of that year)."""
        return self.filter(kind=DocumentKind.YEARLY_REPORT, year=year)


class DocumentExport(ConstraintErrorsAtFieldMixin, models.Model):
    """One PDF export of a document, kept as a record of who exported what, and when.

    A council document is made from one council proposal, the yearly report from the records
    of one year: an export names exactly one of the two (a database constraint).
    """

    council_proposal = models.ForeignKey(
        CouncilProposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exports",
        verbose_name=_("raadsvoorstel"),
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, help_text=_("Het jaar van een jaarverslag.")
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ExportStatus.choices, default=ExportStatus.WAITING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="document_exports",
        verbose_name=_("aangevraagd door"),
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    content_hash = models.CharField(
        _("gegevensversie"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("SHA-256 van de inhoud waaruit de PDF is gemaakt."),
    )
    file = models.FileField(_("bestand"), upload_to="griffie/", max_length=200, blank=True)
    file_size = models.PositiveIntegerField(_("grootte in bytes"), null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(_("aantal pagina's"), null=True, blank=True)
    render_ms = models.PositiveIntegerField(_("rendertijd in ms"), null=True, blank=True)
    reused_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reused_by",
        verbose_name=_("hergebruikt van"),
        help_text=_("De eerdere export met dezelfde inhoud, waarvan de PDF is hergebruikt."),
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    heartbeat_at = models.DateTimeField(
        _("laatste teken van leven"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer de export voor het laatst werd verstuurd of de worker liet weten dat hij "
            "nog bezig is; blijft dat uit, dan is de worker gestopt en wordt de export opnieuw "
            "verstuurd."
        ),
    )

    objects = DocumentExportQuerySet.as_manager()

    constraint_error_fields = {"proposal_or_year": "year"}

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("PDF-export")
        verbose_name_plural = _("PDF-exports")
        permissions = [("export_documentexport", _("Kan raadsdocumenten als PDF exporteren"))]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=DocumentKind.YEARLY_REPORT, year__isnull=False)
                    & Q(council_proposal__isnull=True)
                )
                | (
                    ~Q(kind=DocumentKind.YEARLY_REPORT)
                    & Q(council_proposal__isnull=False, year__isnull=True)
                ),
                name="documentexport_proposal_or_year",
                violation_error_code="proposal_or_year",
                violation_error_message=_(
                    "Een jaarverslag hoort bij een jaar en niet bij een raadsvoorstel; een "
                    "raadsdocument hoort bij een raadsvoorstel en niet bij een jaar."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.READY) | (~Q(file="") & ~Q(content_hash="")),
                name="documentexport_ready_has_file",
                violation_error_message=_("Een gereede export heeft een bestand en een versie."),
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.pk})"

    def get_absolute_url(self):
        """The download: the yearly report's on the results page's permission, a council
        document's on the griffie's."""
        if self.year is not None:
            return reverse(
                "results:yearly-report-download", kwargs={"year": self.year, "pk": self.pk}
            )
        return reverse("proposals:document-export-download", kwargs={"pk": self.pk})

    @property
    def document_key(self):
        """What the document is made from: the council proposal's zaaknummer, or the year."""
        if self.year is not None:
            return str(self.year)
        return self.council_proposal.case_number

    @property
    def label(self):
        """The document and its zaaknummer or year, as the griffie and the results page name it."""
        return f"{self.get_kind_display()} {self.document_key}"

    def is_finished(self):
        """Say whether the export has reached an end state: ready or failed."""
        return self.status in (ExportStatus.READY, ExportStatus.FAILED)

    def is_ready(self):
        """Say whether the PDF can be downloaded."""
        return self.status == ExportStatus.READY and bool(self.file)

    @property
    def data_version(self):
        """The short form of the content hash, as the griffie sees it."""
        return self.content_hash[:12]

    @property
    def download_name(self):
        return f"{self.kind}-{self.document_key}.pdf"
