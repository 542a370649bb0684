"""Interactions with organisations and their people, with follow-ups."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import ConstraintErrorsAtFieldMixin, ExampleMixin

from ..constants import InteractionKind
from .organisations import Organisation
from .people import Person


class InteractionQuerySet(models.QuerySet):
    def open_follow_ups(self):
        return self.filter(follow_up_on__isnull=False, follow_up_done_on__isnull=True)

    def follow_ups_for(self, user):
        """The open follow-ups of one user, overdue first."""
        return self.open_follow_ups().filter(logged_by=user).order_by("follow_up_on", "pk")

    def search(self, text):
        query = Q()
        for word in text.split():
            query &= Q(summary__icontains=word) | Q(organisation__name__icontains=word)
        return self.filter(query)


class Interaction(ConstraintErrorsAtFieldMixin, ExampleMixin):
    """A contact with an organisation, and possibly one of its people."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="interactions",
        verbose_name=_("organisatie"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("persoon"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=InteractionKind.choices)
    occurred_on = models.DateField(_("datum"), default=timezone.localdate)
    summary = models.TextField(_("samenvatting"))
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_interactions",
        verbose_name=_("vastgelegd door"),
    )
    follow_up_on = models.DateField(
        _("opvolgen op"),
        null=True,
        blank=True,
        help_text=_("Laat leeg als er niets hoeft te gebeuren."),
    )
    follow_up_note = models.CharField(_("wat er moet gebeuren"), max_length=250, blank=True)
    follow_up_done_on = models.DateField(_("opgevolgd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()
    objects = InteractionQuerySet.as_manager()
    constraint_error_fields = {"follow_up_before_date": "follow_up_on"}

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("occurred_on")),
                name="interaction_follow_up_not_before_date",
                violation_error_code="follow_up_before_date",
                violation_error_message=_(
                    "De opvolgdatum kan niet voor de datum van het contactmoment liggen."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["logged_by", "follow_up_done_on", "follow_up_on"],
                name="interaction_follow_up_idx",
            ),
            # 'Mijn opvolging': one user's open follow-ups in their order (issue 17).
            models.Index(
                fields=["logged_by", "follow_up_on", "id"],
                condition=Q(follow_up_on__isnull=False, follow_up_done_on__isnull=True),
                name="interaction_open_follow_up_idx",
            ),
            models.Index(fields=["organisation", "-occurred_on"], name="interaction_org_date_idx"),
            models.Index(fields=["person", "-occurred_on"], name="interaction_person_date_idx"),
            models.Index(fields=["-occurred_on", "-id"], name="interaction_date_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on:%d-%m-%Y}, {self.organisation.name}"

    def get_absolute_url(self):
        return reverse("contacts:interaction-detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if (
            self.person_id
            and self.organisation_id
            and self.person.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"person": _("Deze persoon werkt niet bij de gekozen organisatie.")}
            )

    def is_follow_up_overdue(self, today=None):
        """Say whether an open follow-up is past its date."""
        return (
            self.follow_up_on is not None
            and self.follow_up_done_on is None
            and self.follow_up_on < (today or timezone.localdate())
        )
