"""The access log of people's records and the record of erasures."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import AccessAction, ErasureReason
from .people import Person


class AccessLog(models.Model):
    """Who read or exported a person's record, and when."""

    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name=_("persoon"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="contact_access_log",
        verbose_name=_("gebruiker"),
    )
    action = models.CharField(
        _("handeling"), max_length=12, choices=AccessAction.choices, default=AccessAction.VIEWED
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        indexes = [models.Index(fields=["person", "-at"], name="accesslog_person_at_idx")]

    def __str__(self):
        return f"{self.at:%d-%m-%Y %H:%M} {self.user} {self.get_action_display()}"


class ErasureRecord(models.Model):
    """That a person was erased, by whom and why; never what was erased."""

    erased_at = models.DateTimeField(_("gewist op"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="contact_erasures",
        verbose_name=_("gewist door"),
    )
    reason = models.CharField(_("reden"), max_length=15, choices=ErasureReason.choices)
    interactions_anonymised = models.PositiveIntegerField(
        _("geanonimiseerde contactmomenten"), default=0
    )
    opportunities_anonymised = models.PositiveIntegerField(
        _("geanonimiseerde kansen en vragen"), default=0
    )
    history_rows_removed = models.PositiveIntegerField(
        _("verwijderde historische versies"), default=0
    )
    history_rows_anonymised = models.PositiveIntegerField(
        _("geanonimiseerde historische versies"), default=0
    )
    access_log_entries_anonymised = models.PositiveIntegerField(
        _("geanonimiseerde inzageregels"), default=0
    )

    class Meta:
        ordering = ["-erased_at", "-pk"]
        verbose_name = _("wissing")
        verbose_name_plural = _("wissingen")

    def __str__(self):
        return f"{self.erased_at:%d-%m-%Y %H:%M} {self.get_reason_display()}"
