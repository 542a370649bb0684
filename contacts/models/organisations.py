"""Organisations: local partners, regional bodies, German partners, network secretariats.

What a public partner does internationally is its public description: it is on the list of
local partners, in the search and in the API, in Dutch and, where the accountmanager wrote one,
in German and English (django-parler). A page in a language without a text shows the Dutch
one, marked as Dutch.
"""

from typing import NamedTuple

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager, TranslatableQuerySet
from parler.models import TranslatableModel, TranslatedFields
from simple_history.models import HistoricalRecords

from core.models import ConstraintErrorsAtFieldMixin

from ..constants import OrganisationKind
from .base import validate_country

SOURCE_LANGUAGE = "nl"
# The public list of local partners: its order and page size (agenda:partner-list).
PARTNER_ORDER = ("name", "city", "pk")
PARTNERS_PER_PAGE = 50


class Text(NamedTuple):
    """A text and the language it is in."""

    text: str
    language: str


class OrganisationQuerySet(TranslatableQuerySet):
    def public_partners(self):
        """Organisations shown on the public list of local partners that work internationally."""
        return self.filter(is_public_partner=True)

    def public_partner_pages(self, ids):
        """{pk: the page of the public partners' list (PARTNER_ORDER, PARTNERS_PER_PAGE) that
        shows the partner}, for links to a partner on its page; one query."""
        before = self.model.objects.public_partners().filter(
            Q(name__lt=OuterRef("name"))
            | Q(name=OuterRef("name"), city__lt=OuterRef("city"))
            | Q(name=OuterRef("name"), city=OuterRef("city"), pk__lt=OuterRef("pk"))
        )
        counted = before.order_by().values("is_public_partner").annotate(n=Count("pk")).values("n")
        rows = (
            self.public_partners()
            .filter(pk__in=ids)
            .annotate(before=Coalesce(Subquery(counted), 0))
        )
        return {pk: n // PARTNERS_PER_PAGE + 1 for pk, n in rows.values_list("pk", "before")}

    def with_activities_in(self, language):
        """Annotate `activities`, the international activities in the language or else in Dutch,
        and `activities_language`, the language they are in (for the search)."""
        Translation = self.model._parler_meta.root_model

        def text_in(code, field="international_activities"):
            rows = Translation.objects.filter(master=OuterRef("pk"), language_code=code)
            return Subquery(rows.exclude(international_activities="").values(field)[:1])

        text, code = models.TextField(), models.CharField()
        return self.annotate(
            activities=Coalesce(
                text_in(language), text_in(SOURCE_LANGUAGE), Value(""), output_field=text
            ),
            activities_language=Coalesce(
                text_in(language, "language_code"), Value(SOURCE_LANGUAGE), output_field=code
            ),
        )

    def visible_to(self, user):
        """Roles that may view organisations see them all; everyone else the public partners."""
        if user is not None and user.has_perm("contacts.view_organisation"):
            return self
        return self.public_partners()


OrganisationManager = TranslatableManager.from_queryset(OrganisationQuerySet)


class Organisation(ConstraintErrorsAtFieldMixin, TranslatableModel):
    translations = TranslatedFields(
        international_activities=models.TextField(
            _("internationale activiteiten"),
            blank=True,
            help_text=_("Wat de organisatie internationaal doet; staat op de openbare lijst."),
        ),
    )
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

    history = HistoricalRecords()
    objects = OrganisationManager()
    constraint_error_fields = {"duplicate_organisation": "name"}

    class Meta:
        ordering = ["name", "city"]
        # A page of 5,000 organisations at 100x walks their order instead of sorting them all
        # (issue 17: the registry's list).
        indexes = [models.Index(fields=["name", "city"], name="organisation_order_idx")]
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

    def activities_texts(self):
        """{language: text} of the international activities, only the languages that have one
        (reads prefetched translations)."""
        return {
            translation.language_code: translation.international_activities
            for translation in self.translations.all()
            if translation.international_activities
        }

    def activities_in(self, language=None):
        """The international activities in the language (the page's by default), or in Dutch
        when there is none in that language yet: a Text with the language it is in."""
        language = language or get_language()
        texts = self.activities_texts()
        if language in texts:
            return Text(texts[language], language)
        return Text(texts.get(SOURCE_LANGUAGE, ""), SOURCE_LANGUAGE)

    def public_activities(self):
        """The international activities for the page's language (template: .text, .language),
        from the annotation of `with_activities_in()` when the list has it (no extra query)."""
        if hasattr(self, "activities_language"):
            return Text(self.activities, self.activities_language)
        return self.activities_in()

    def set_activities(self, texts):
        """Store the international activities per language ({language: text}); an empty text
        removes that language's translation, so its pages show the Dutch text again."""
        Translation = self._parler_meta.root_model
        for language, text in texts.items():
            text = (text or "").strip()
            if text:
                Translation.objects.update_or_create(
                    master=self, language_code=language,
                    defaults={"international_activities": text},
                )  # fmt: skip
            else:
                Translation.objects.filter(master=self, language_code=language).delete()
        self._translations_cache.clear()  # django-parler's copies of the rows
        getattr(self, "_prefetched_objects_cache", {}).pop("translations", None)
