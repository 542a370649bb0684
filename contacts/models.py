import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import (
    AccessAction,
    ErasureReason,
    InteractionKind,
    LegalBasis,
    OpportunityKind,
    OpportunityStatus,
    OrganisationKind,
    Purpose,
)

REVIEW_PERIOD = datetime.timedelta(days=365)

validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{6,22}[0-9]$",
    _(
        "Voer een geldig telefoonnummer in: alleen cijfers, spaties, haakjes en streepjes, "
        "eventueel met + ervoor, bijvoorbeeld +31 74 000 0001."
    ),
    code="invalid_phone",
)

validate_country = RegexValidator(
    r"^[A-Z]{2}$",
    _("Voer een landcode van twee hoofdletters in, bijvoorbeeld NL of DE."),
    code="invalid_country",
)


class ConstraintErrorsAtFieldMixin:
    """Show a constraint's message at the field it is about, rather than above the form."""

    # violation_error_code -> field name
    constraint_error_fields = {}

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = {}
            for field, messages in error.error_dict.items():
                for message in messages:
                    target = field
                    wanted = self.constraint_error_fields.get(getattr(message, "code", None))
                    if field == NON_FIELD_ERRORS and wanted and wanted not in (exclude or ()):
                        target = wanted
                    errors.setdefault(target, []).append(message)
            raise ValidationError(errors) from None


class OrganisationQuerySet(models.QuerySet):
    def public_partners(self):
        """Organisations shown on the public list of local partners that work internationally."""
        return self.filter(is_public_partner=True)

    def visible_to(self, user):
        """Staff see every organisation; the public only the public partners."""
        if user is not None and user.is_authenticated:
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


class Person(models.Model):
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
        indexes = [models.Index(fields=["review_on"], name="person_review_on_idx")]

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


class Interaction(ConstraintErrorsAtFieldMixin, models.Model):
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


class Colleague(models.Model):
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


class GrantExpertise(models.Model):
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


class OpportunityQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=OpportunityStatus.CLOSED)

    def search(self, text):
        query = Q()
        for word in text.split():
            query &= (
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(from_organisation__name__icontains=word)
            )
        return self.filter(query)


STATUSES_NEEDING_SOMEONE = [
    OpportunityStatus.PASSED_ON,
    OpportunityStatus.TAKEN_UP,
    OpportunityStatus.CLOSED,
]


class Opportunity(ConstraintErrorsAtFieldMixin, models.Model):
    """An opportunity or question that comes in and is passed on to a colleague (proposal 6)."""

    kind = models.CharField(
        _("soort"),
        max_length=10,
        choices=OpportunityKind.choices,
        default=OpportunityKind.OPPORTUNITY,
    )
    title = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    received_on = models.DateField(_("binnengekomen op"), default=timezone.localdate)
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("van organisatie"),
    )
    from_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("van persoon"),
    )
    theme = models.ForeignKey(
        "networks.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("thema"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("afdeling"),
    )
    assigned_to = models.ForeignKey(
        Colleague,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("doorgezet naar"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.NEW,
    )
    outcome = models.TextField(_("resultaat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_opportunities",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()
    objects = OpportunityQuerySet.as_manager()
    constraint_error_fields = {"needs_someone": "assigned_to"}

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("kans of vraag")
        verbose_name_plural = _("kansen en vragen")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=OpportunityStatus.NEW)
                | Q(department__isnull=False)
                | Q(assigned_to__isnull=False),
                name="opportunity_someone_when_passed_on",
                violation_error_code="needs_someone",
                violation_error_message=_(
                    "Kies een afdeling of collega: met deze status moet iemand de kans of vraag "
                    "hebben."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("contacts:opportunity-detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.assigned_to_id and not self.department_id:
            self.department = self.assigned_to.department
        if (
            self.from_person_id
            and self.from_organisation_id
            and self.from_person.organisation_id != self.from_organisation_id
        ):
            raise ValidationError(
                {"from_person": _("Deze persoon werkt niet bij de gekozen organisatie.")}
            )

    def needs_someone(self):
        """Say whether the status requires a department or colleague."""
        return self.status in STATUSES_NEEDING_SOMEONE


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
