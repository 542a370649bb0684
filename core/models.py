import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import SignatoryRole, Visibility


class ConstraintErrorsAtFieldMixin:
    """Show a database constraint's message at the field it is about, not above the form.

    The one way to give an invariant a Dutch message at the field: a named constraint with
    violation_error_message and violation_error_code, and here which field the code concerns.
    No clean() repeats the check: full_clean() (model forms, the admin) validates the
    constraints. A constraint on fields a form leaves out is not checked by that form.
    """

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


def ends_after_start(name, message, start="starts_on", end="ends_on"):
    """The constraint that a period with optional dates does not end before it starts, with
    the code `ends_before_start` (give it the end field in constraint_error_fields)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_code="ends_before_start",
        violation_error_message=message,
    )


class ExampleMixin(models.Model):
    """Marks a record the demo command made up: pages and PDFs show it as an example."""

    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        editable=False,
        help_text=_("Verzonnen demogegevens; staat op elke pagina en in elke PDF als voorbeeld."),
    )

    class Meta:
        abstract = True


class VisibilityQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """Public records for everyone; drafts and internal records for logged-in staff roles."""
        if user is not None and user.is_authenticated:
            return self
        return self.public()


class VisibleThroughParentQuerySet(models.QuerySet):
    """Records without a visibility of their own (a step, a forum, a result): visible when their
    parent is. ``visible_through`` names the foreign key to the parent, whose QuerySet's
    ``visible_to()`` decides, parents of the parent included."""

    visible_through = None

    def visible_to(self, user):
        parent = self.model._meta.get_field(self.visible_through).related_model
        return self.filter(
            **{f"{self.visible_through}__in": parent._default_manager.visible_to(user)}
        )


class VisibilityModel(models.Model):
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Concept en intern zijn alleen zichtbaar voor ingelogde gebruikers."),
    )

    class Meta:
        abstract = True

    def is_public(self):
        """Say whether anonymous visitors may see this record."""
        return self.visibility == Visibility.PUBLIC

    def is_visible_to(self, user):
        """Say whether the user may see this record: the rule of the QuerySet's visible_to()."""
        return (user is not None and user.is_authenticated) or self.is_public()


COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #rrggbb, bijvoorbeeld #0b5394.")
)
STATIC_PATH = RegexValidator(
    r"^(?!.*\.\.)[\w-]+(/[\w.-]+)*\.(svg|png)$",
    _("Geef een pad binnen de statische bestanden, bijvoorbeeld img/logo.svg."),
)


# The texts a municipality may give its own wording for (Municipality.texts).
TEXT_NAMES = (
    "description",  # the pages' meta description
    "source_note",  # under every page: what the portal's data rest on
    "home_intro",  # the home page's opening paragraph
    "themes_intro",  # the themes page's opening paragraph
    "agenda_description",  # the public agenda's meta description
    "agenda_intro",  # the public agenda's opening paragraph
)


def validate_texts(value):
    """Accept {name: {language: text}} with known names and the portal's languages."""
    languages = {code for code, _name in settings.LANGUAGES}
    if not isinstance(value, dict):
        raise ValidationError(_("Geef de teksten als {naam: {taal: tekst}}."))
    for name, versions in value.items():
        if name not in TEXT_NAMES:
            raise ValidationError(
                _("Onbekende tekst ‘%(name)s’; bekend zijn: %(names)s.")
                % {"name": name, "names": ", ".join(TEXT_NAMES)}
            )
        if not isinstance(versions, dict) or not all(
            language in languages and isinstance(text, str) for language, text in versions.items()
        ):
            raise ValidationError(
                _("Geef tekst ‘%(name)s’ per taal (%(languages)s).")
                % {"name": name, "languages": ", ".join(sorted(languages))}
            )


def contrast_with_white(colour):
    """The WCAG contrast ratio of a #rrggbb colour against white."""

    def channel(hex_pair):
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


class Municipality(models.Model):
    """The municipality whose portal this is: its name, address, house style and text bits.

    One data set per municipality (core/data/<slug>.yaml); the setting MUNICIPALITY picks the
    one the portal serves. Templates, letters and PDFs take the identity from here.
    """

    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=100, help_text=_("Bijvoorbeeld: Hengelo."))
    official_name = models.CharField(
        _("officiële naam"), max_length=150, help_text=_("Bijvoorbeeld: Gemeente Hengelo.")
    )
    portal_name = models.CharField(
        _("naam van het portaal"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Hengelo Internationaal."),
    )
    adjective = models.CharField(
        _("bijvoeglijk naamwoord"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: Hengelose (‘Hengelose inspanningen’)."),
    )
    visiting_address = models.CharField(_("bezoekadres"), max_length=150, blank=True)
    postal_address = models.CharField(
        _("postadres"), max_length=150, blank=True, help_text=_("Bijvoorbeeld: Postbus 18.")
    )
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.CharField(
        _("logo"),
        max_length=200,
        blank=True,
        validators=[STATIC_PATH],
        help_text=_(
            "Pad van het logo binnen de statische bestanden (SVG of PNG); leeg: het beeldmerk "
            "in de huiskleur."
        ),
    )
    colour_primary = models.CharField(
        _("hoofdkleur"),
        max_length=7,
        blank=True,
        validators=[COLOUR],
        help_text=_("Links, knoppen en koppen; leeg: de standaardkleur van het portaal."),
    )
    colour_accent = models.CharField(
        _("accentkleur"),
        max_length=7,
        blank=True,
        validators=[COLOUR],
        help_text=_("Het beeldmerk en accenten; leeg: de standaardkleur van het portaal."),
    )
    size_class = models.CharField(
        _("inwonersklasse"),
        max_length=20,
        blank=True,
        help_text=_(
            "De klasse van de VNG-enquête 2009 waarmee de begroting wordt vergeleken, "
            "bijvoorbeeld 50000-100000; leeg: onbekend, geen vergelijking."
        ),
    )
    agenda_body = models.CharField(
        _("agenderend orgaan van de raad"),
        max_length=100,
        blank=True,
        help_text=_(
            "Aan wie het college vraagt een onderwerp te agenderen, bijvoorbeeld: Presidium."
        ),
    )
    meeting_body = models.CharField(
        _("bijeenkomst van de raad"),
        max_length=100,
        blank=True,
        help_text=_(
            "Waar de raad een onderwerp bespreekt vóór het besluit, bijvoorbeeld: politieke markt."
        ),
    )
    texts = models.JSONField(
        _("teksten"),
        default=dict,
        blank=True,
        validators=[validate_texts],
        help_text=_(
            "Teksten die alleen voor deze gemeente gelden, per naam en taal, bijvoorbeeld "
            '{"home_intro": {"nl": "…", "de": "…"}}. Namen: description, source_note, '
            "home_intro, themes_intro, agenda_description, agenda_intro. Een pagina zonder "
            "eigen tekst toont een algemene."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.official_name or self.name

    def clean(self):
        super().clean()
        errors = {}
        for field in ("colour_primary", "colour_accent"):
            colour = getattr(self, field)
            if colour and COLOUR.regex.match(colour) and contrast_with_white(colour) < 4.5:
                errors[field] = _(
                    "Deze kleur heeft te weinig contrast met wit (%(ratio).1f:1; minstens 4,5:1 "
                    "voor tekst en knoppen)."
                ) % {"ratio": contrast_with_white(colour)}
        if errors:
            raise ValidationError(errors)

    def text(self, name, language):
        """This municipality's own wording of a text in a language, or ''."""
        return (self.texts or {}).get(name, {}).get(language, "")

    @property
    def website_host(self):
        """'www.hengelo.nl' for a link text."""
        return urlsplit(self.website).netloc if self.website else ""

    @property
    def postcode_city(self):
        """'7550 AA Hengelo', with the postcode kept on one line."""
        postal_code = self.postal_code.replace(" ", "\u00a0")
        return " ".join(part for part in (postal_code, self.city) if part)

    def signatory(self, role):
        """The signatory with this role, or None."""
        return next((s for s in self.signatory_list if s.role == role), None)

    @property
    def signatory_list(self):
        if self.pk is None:
            return []
        if not hasattr(self, "_signatories"):
            self._signatories = list(self.signatories.all())
        return self._signatories

    @property
    def college_signatories(self):
        """Who signs the executive's letters: the secretary, then the mayor."""
        order = [SignatoryRole.SECRETARY, SignatoryRole.MAYOR]
        chosen = [s for s in self.signatory_list if s.role in order]
        return sorted(chosen, key=lambda s: order.index(s.role))


class Signatory(models.Model):
    """A person who signs on behalf of the municipality, named only where a source names them."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name=_("gemeente"),
    )
    role = models.CharField(_("functie"), max_length=20, choices=SignatoryRole.choices)
    title = models.CharField(
        _("ondertekent als"),
        max_length=100,
        help_text=_("Zoals onder een brief, bijvoorbeeld: de secretaris, de loco-secretaris."),
    )
    name = models.CharField(
        _("naam"),
        max_length=150,
        blank=True,
        help_text=_("Zoals onder een brief, bijvoorbeeld: De heer J. Eshuis. Leeg: onbekend."),
    )

    class Meta:
        ordering = ["municipality", "role"]
        verbose_name = _("ondertekenaar")
        verbose_name_plural = _("ondertekenaars")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "role"],
                name="signatory_one_per_role",
                violation_error_message=_(
                    "Deze gemeente heeft al een ondertekenaar met deze functie."
                ),
            )
        ]

    def __str__(self):
        return f"{self.title}: {self.name or '–'}"


class PendingUploadQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(created__lte=timezone.now() - PendingUpload.KEEP)

    def fresh(self):
        return self.filter(created__gt=timezone.now() - PendingUpload.KEEP)


class PendingUpload(models.Model):
    """A checked import file waiting for its owner to confirm it: kept on the server, never in
    the session (which holds only this record's random id), and deleted after KEEP whether
    it was confirmed or not (core.uploads)."""

    KEEP = timedelta(minutes=30)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("van")
    )
    kind = models.CharField(_("soort import"), max_length=40)
    name = models.CharField(_("bestandsnaam"), max_length=255)
    content = models.BinaryField(_("inhoud"))
    created = models.DateTimeField(_("geüpload"), default=timezone.now, db_index=True)

    objects = PendingUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("gecontroleerd importbestand")
        verbose_name_plural = _("gecontroleerde importbestanden")

    def __str__(self):
        return self.name
