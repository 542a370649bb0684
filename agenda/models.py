import calendar
import uuid
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, FilteredRelation, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableManager, TranslatableQuerySet
from parler.models import TranslatableModel, TranslatedFields
from simple_history.models import HistoricalRecords

from core.constants import Visibility
from core.models import ConstraintErrorsAtFieldMixin, VisibilityModel, VisibilityQuerySet
from core.municipality import current_municipality

from .constants import (
    COUNTRY_NAMES,
    RESERVED_SLUGS,
    SOURCE_LANGUAGE,
    TARGET_LANGUAGES,
    DatePrecision,
    Place,
    TranslationState,
)
from .search import search_language, search_vector, texts_here

CALENDAR_PRECISIONS = (DatePrecision.TIME, DatePrecision.DAY)


# The iCalendar feed's window: the past year and the coming one. A subscribed calendar asks for
# the feed again every few hours, so the window moves with it: an event further ahead enters the
# feed once it is less than a year away (until then it is on the agenda and has its own .ics). Two
# years ahead doubled the feed's bytes for events that seldom are planned that far out, and with
# ~270 events a year (the bench's 10x and 100x) it no longer met the speed goal of issue 17.
FEED_PAST = timedelta(days=365)
FEED_AHEAD = timedelta(days=365)


class EventQuerySet(TranslatableQuerySet, VisibilityQuerySet):
    def published(self):
        return self.public()

    def upcoming(self, now=None):
        """Events that are not over yet, soonest first."""
        return self.filter(finishes_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events that are over, most recent first: the archive."""
        return self.filter(finishes_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def in_month(self, year, month):
        """Events that overlap the month; events known only by their year belong to no month."""
        zone = timezone.get_current_timezone()
        first = datetime(year, month, 1, tzinfo=zone)
        last_day = calendar.monthrange(year, month)[1]
        after = datetime(year, month, last_day, tzinfo=zone) + timedelta(days=1)
        return self.exclude(date_precision=DatePrecision.YEAR).filter(
            starts_at__lt=after, finishes_at__gte=first
        )

    def at_place(self, place):
        if place == Place.OWN_MUNICIPALITY:
            return self.filter(city__iexact=current_municipality().city)
        if place == Place.GERMANY:
            return self.filter(country="DE")
        return self

    def for_calendar(self):
        """Events with a known day, which a calendar can hold."""
        return self.filter(date_precision__in=CALENDAR_PRECISIONS)

    def in_feed_window(self, now=None):
        """Events from a year back to a year ahead: what a subscribed feed carries, so that it
        stays small however long the agenda runs (older events stay on the archive pages)."""
        now = now or timezone.now()
        return self.filter(starts_at__gte=now - FEED_PAST, starts_at__lt=now + FEED_AHEAD)

    def with_texts_in(self, language):
        """Annotate `found_title`, `found_text` and `found_organiser`: the texts in the language,
        or in Dutch where the event has no translation in it (as its page shows them; an empty
        organiser is the Dutch one), and `texts_language`, the language they are in (the search
        reads them with that language's configuration)."""
        here = texts_here(language)
        relations = {
            name: FilteredRelation("translations", condition=Q(translations__language_code=code))
            for name, code in (("texts_nl", SOURCE_LANGUAGE), (here, language))
        }  # on a Dutch page one join: the texts in its language are the Dutch ones
        translated = Q(**{f"{here}__language_code": language})

        def text(name):
            return Case(When(translated, then=f"{here}__{name}"), default=f"texts_nl__{name}")

        return self.alias(**relations).annotate(
            found_title=text("title"),
            found_text=text("text"),
            found_organiser=Coalesce(
                NullIf(f"{here}__organiser", Value("")), "texts_nl__organiser"
            ),
            texts_language=Case(
                When(translated, then=Value(language)), default=Value(SOURCE_LANGUAGE)
            ),
        )

    def with_search_vector(self, language):
        """Annotate `search`, the vector the search reads (core.search), and `search_language`,
        the language of its texts: both stored with the event (agenda.search)."""
        return self.annotate(
            search=search_vector(language), search_language=search_language(language)
        )

    def with_relations(self):
        from networks.models import Theme

        # The network and partner city by their own queries rather than joined: joined to a page
        # of 10,000 events, the planner sorted every joined row before taking the page.
        themes = Prefetch("themes", queryset=Theme.objects.order_by("kind", "position"))
        return self.prefetch_related("translations", themes, "network", "partner_city")


EventManager = TranslatableManager.from_queryset(EventQuerySet)


class Event(ConstraintErrorsAtFieldMixin, VisibilityModel, TranslatableModel):
    """An international event or activity on the public agenda (proposal 7)."""

    translations = TranslatedFields(
        title=models.CharField(_("titel"), max_length=200),
        text=models.TextField(
            _("korte tekst"),
            max_length=2000,
            blank=True,
            help_text=_("Waar het evenement over gaat en voor wie het is; platte tekst."),
        ),
        organiser=models.CharField(
            _("organisator"),
            max_length=200,
            blank=True,
            help_text=_("De naam in deze taal; leeg: de Nederlandse naam."),
        ),
        text_updated_at=models.DateTimeField(
            _("tekst bijgewerkt op"),
            null=True,
            editable=False,
            help_text=_("Wanneer titel of tekst in deze taal voor het laatst veranderde."),
        ),
        meta={
            "constraints": [
                models.CheckConstraint(
                    condition=~Q(title=""),
                    name="agenda_eventtranslation_title_not_empty",
                    violation_error_message=_("Vul een titel in."),
                )
            ]
        },
    )
    uid = models.UUIDField(
        _("kenmerk voor agenda's"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Vast kenmerk (UID) waarmee agenda-apps het evenement herkennen."),
    )
    slug = models.SlugField(
        _("webadres"),
        max_length=120,
        unique=True,
        help_text=_("Het laatste deel van het webadres, bijvoorbeeld fbk-games-2027."),
    )
    date_precision = models.CharField(
        _("bekende datum"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.TIME,
        help_text=_("Kies 'alleen het jaar' als de precieze datum niet bekend is."),
    )
    starts_at = models.DateTimeField(_("begint op"), db_index=True)
    ends_at = models.DateTimeField(_("eindigt op"), null=True, blank=True)
    finishes_at = models.DateTimeField(
        _("voorbij op"),
        db_index=True,
        editable=False,
        help_text=_("Het moment waarna het evenement in het archief staat; wordt berekend."),
    )
    venue = models.CharField(_("locatie"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    country = models.CharField(
        _("land"),
        max_length=2,
        blank=True,
        default="NL",
        help_text=_("Landcode volgens ISO 3166, bijvoorbeeld NL, DE of BE."),
    )
    website = models.URLField(_("website met meer informatie"), blank=True)
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("netwerk"),
    )
    themes = models.ManyToManyField(
        "networks.Theme", verbose_name=_("thema's"), blank=True, related_name="events"
    )
    partner_city = models.ForeignKey(
        "partnercity.PartnerCity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("partnerstad"),
    )
    effort = models.ForeignKey(
        "networks.Effort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("inspanning uit het werkplan"),
    )
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        help_text=_("Een verzonnen voorbeeld voor de demo; de pagina zegt dat erbij."),
    )
    sequence = models.PositiveIntegerField(
        _("versie"),
        default=0,
        editable=False,
        help_text=_("Telt op bij elke wijziging, zodat agenda-apps de nieuwe versie overnemen."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["finishes_at"])
    objects = EventManager()

    constraint_error_fields = {"ends_before_start": "ends_at"}

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("evenement")
        verbose_name_plural = _("evenementen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="agenda_event_ends_after_start",
                violation_error_code="ends_before_start",
                violation_error_message=_("Het einde ligt voor het begin."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(date_precision__in=CALENDAR_PRECISIONS),
                name="agenda_event_end_needs_known_day",
                violation_error_message=_(
                    "Een einde kan alleen bij een evenement waarvan de dag bekend is."
                ),
            ),
        ]

    def __str__(self):
        return self.safe_translation_getter("title", any_language=True) or self.slug

    def get_absolute_url(self):
        return reverse("agenda:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.ends_at and self.date_precision not in CALENDAR_PRECISIONS:
            raise ValidationError(
                {"ends_at": _("Laat het einde leeg als alleen de maand of het jaar bekend is.")}
            )
        if self.country:
            self.country = self.country.upper()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Dit webadres is al in gebruik; kies een ander.")})
        if self.visibility == Visibility.PUBLIC and not self.source_title():
            raise ValidationError(
                {"visibility": _("Een gepubliceerd evenement heeft een Nederlandse titel nodig.")}
            )

    def save(self, *args, **kwargs):
        self.starts_at = self.normalised_start()
        self.finishes_at = self.compute_finishes_at()
        self._texts_saved_at = timezone.now()
        super().save(*args, **kwargs)

    def save_translation(self, translation, *args, **kwargs):
        """Stamp a translation whose title or text changed, for the translation overview."""
        if translation.pk is None or translation.is_modified:
            translation.text_updated_at = getattr(self, "_texts_saved_at", None) or timezone.now()
        super().save_translation(translation, *args, **kwargs)

    # --- dates ---------------------------------------------------------------------------------

    def local_start(self):
        return timezone.localtime(self.starts_at)

    def normalised_start(self):
        """Move a start known only by month or year to the first moment of that period."""
        if self.starts_at is None:
            return None
        start = timezone.localtime(self.starts_at)
        if self.date_precision == DatePrecision.YEAR:
            start = start.replace(month=1, day=1)
        if self.date_precision in (DatePrecision.YEAR, DatePrecision.MONTH):
            start = start.replace(day=1)
        if self.date_precision != DatePrecision.TIME:
            start = timezone.make_aware(datetime.combine(start.date(), time.min))
        return start

    def compute_finishes_at(self):
        """Return the moment after which the event is over."""
        start = timezone.localtime(self.normalised_start())
        if self.date_precision == DatePrecision.TIME and self.ends_at:
            return self.ends_at
        if self.date_precision == DatePrecision.TIME:
            # Without an end, an event stays on the agenda for the rest of its day.
            return timezone.make_aware(datetime.combine(start.date(), time.max))
        if self.date_precision == DatePrecision.DAY:
            last_day = timezone.localtime(self.ends_at).date() if self.ends_at else start.date()
        elif self.date_precision == DatePrecision.MONTH:
            days = calendar.monthrange(start.year, start.month)[1]
            last_day = start.date().replace(day=days)
        else:
            last_day = start.date().replace(month=12, day=31)
        return timezone.make_aware(datetime.combine(last_day, time.max))

    def is_over(self, now=None):
        """Say whether the event belongs in the archive."""
        return self.finishes_at < (now or timezone.now())

    def is_calendar_ready(self):
        """Say whether the day is known, so that a calendar can hold the event."""
        return self.date_precision in CALENDAR_PRECISIONS

    def is_all_day(self):
        """Say whether the event takes whole days rather than hours."""
        return self.date_precision == DatePrecision.DAY

    # --- places --------------------------------------------------------------------------------

    def is_in_municipality(self):
        """Say whether the event takes place in the municipality's own city."""
        return self.city.strip().lower() == current_municipality().city.strip().lower()

    def is_in_germany(self):
        """Say whether the event takes place in Germany."""
        return self.country == "DE"

    def country_name(self):
        return COUNTRY_NAMES.get(self.country, self.country)

    def location_parts(self):
        return [part for part in (self.venue, self.address, self.city) if part]

    # --- translations --------------------------------------------------------------------------

    def translation_in(self, language_code):
        """Return the stored translation in one language, or None (no fallback)."""
        for translation in self.translations.all():
            if translation.language_code == language_code:
                return translation
        return None

    def organiser_name(self, language_code=None):
        """The organiser in the page's language (or the one given), else in Dutch, else any."""
        wanted = [language_code or get_language(), SOURCE_LANGUAGE]
        translations = sorted(
            self.translations.all(),
            key=lambda t: wanted.index(t.language_code) if t.language_code in wanted else 9,
        )
        return next((t.organiser for t in translations if t.organiser), "")

    def source_title(self):
        """Return the Dutch title, also before the event is saved."""
        if self.has_translation(SOURCE_LANGUAGE):
            return self.safe_translation_getter("title", language_code=SOURCE_LANGUAGE) or ""
        return ""

    def translation_state(self, language_code):
        """Say whether the text in a language is missing, older than the Dutch, or current."""
        source = self.translation_in(SOURCE_LANGUAGE)
        target = self.translation_in(language_code)
        if target is None or not target.title:
            return TranslationState.MISSING
        if source and source.text_updated_at and target.text_updated_at:
            if target.text_updated_at < source.text_updated_at:
                return TranslationState.OUTDATED
        return TranslationState.CURRENT

    def translation_states(self):
        """The state of the German and English texts, as (language, state) pairs."""
        return [(code, TranslationState(self.translation_state(code))) for code in TARGET_LANGUAGES]
