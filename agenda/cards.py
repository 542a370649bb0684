"""The agenda's event cards, written here rather than by an {% include %} per row (issue 17):
Django's template nodes cost more per row than the string joins. The markup is the one the
card template had; the texts are the catalogue's, looked up once per page. A page's cards are
kept per event and language until the content changes (core/kept.py), so that a page loads
only its events' ids."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from core.constants import Visibility
from core.kept import kept_each

from .choices import rows_for_ids
from .constants import COUNTRY_NAMES, SOURCE_LANGUAGE
from .ical import event_texts, event_themes, pick_texts
from .models import Event
from .templatetags.agenda_tags import escaped, event_when

SLUG = "--slug--"
BADGE_JOIN = "\n      "
VISIBILITY_LABELS = dict(Visibility.choices)


def kept_cards(ids, write):
    """The HTML of each event (`write(events)`: event_cards or embed_rows) in the order of
    `ids`, kept per event and language; the events not kept are read with their texts."""
    names = {f"{write.__name__}:{get_language()}:{pk}": pk for pk in ids}

    def build(missing):
        events = card_events([names[name] for name in missing], get_language())
        written = dict(zip([event.pk for event in events], write(events), strict=True))
        return {name: written[names[name]] for name in missing if names[name] in written}

    found = kept_each(names, build)
    return [found[name] for name in names if name in found]


# What a card shows of an event, read as plain values: model instances with their prefetched
# translations, themes, network and partner city cost about 2,000 calls an event (issue 17).
CARD_FIELDS = (
    "pk",
    "slug",
    "visibility",
    "is_example",
    "date_precision",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "city",
    "country",
    "network__name",
    "partner_city__name",
)


class CardEvent:
    """An event as its card and its row of the embedded agenda show it: the values of
    CARD_FIELDS, the title and text in the language or else in Dutch (parler's fallback), the
    organiser as Event.organiser_name gives it, the theme names in their order, and whether the
    event has its own title in the language (`own`)."""

    def __init__(self, row, translations, themes, language):
        (
            self.pk,
            self.slug,
            self.visibility,
            self.is_example,
            self.date_precision,
            self.starts_at,
            self.ends_at,
            self.venue,
            self.address,
            self.city,
            self.country,
            self.network_name,
            self.partner_city_name,
        ) = row
        self.title, self.text, self.organiser = pick_texts(translations, language)
        here = next((values for values in translations if values[0] == language), None)
        self.own = bool(here and here[1])
        self.theme_names = themes

    def __str__(self):
        return self.slug  # as Event.__str__ when the title it finds is empty, the only case asked

    def location_parts(self):
        return [part for part in (self.venue, self.address, self.city) if part]

    def country_name(self):
        return COUNTRY_NAMES.get(self.country, self.country)


def card_events(ids, language):
    """The CardEvents of these ids (in no order), from three queries. An event with neither a
    translation in the language nor a Dutch one has no fallback text: it is read as a model,
    so that it fails as Event.title does."""
    texts, themes = event_texts(ids), event_themes(ids)
    events = []

    def rows(ids_filter):
        return Event.objects.filter(ids_filter).order_by().values_list(*CARD_FIELDS)

    for row in rows_for_ids(("event cards",), rows, ids):
        translations = texts.get(row[0], ())
        if not any(values[0] in (language, SOURCE_LANGUAGE) for values in translations):
            event = Event.objects.get(pk=row[0])
            event.title  # noqa: B018 - raises TranslationDoesNotExist, as the model's card did
        events.append(CardEvent(row, translations, themes.get(row[0], ()), language))
    return events


def detail_url():
    """(head, tail) of an event page's address around its slug, in the page's language."""
    head, tail = reverse("agenda:event-detail", kwargs={"slug": SLUG}).split(SLUG)
    return head, tail


def event_cards(events):
    """The HTML of a card per event (CardEvents)."""
    language = get_language()
    head, tail = detail_url()
    labels = {
        "nowhere": gettext("Plaats nog niet bekend"),
        "organiser": gettext("Organisator"),
        "only_dutch": gettext("alleen in het Nederlands"),
        "example": gettext("voorbeeld"),
        "partner_city": gettext("Partnerstad"),
    }
    translated = {}  # a network's or theme's name in the page's language, looked up once

    def translate(name):
        if name not in translated:
            translated[name] = gettext(name)
        return translated[name]

    return [
        card(event, language, f"{head}{event.slug}{tail}", labels, translate) for event in events
    ]


def card(event, language, url, labels, translate=gettext):
    """One card, as format_html wrote it from the card template's markup: every value through
    conditional_escape (`escaped`), written with f-strings (a format_html per badge and value
    cost more than the rest of the card)."""
    own = event.own
    lang = "" if own else ' lang="nl"'
    where = ", ".join(event.location_parts()) or labels["nowhere"]
    if event.country:
        where = f"{where} · {event.country_name()}"
    text = (
        f'<p class="mb-2"{lang}>{escaped(Truncator(event.text).words(40, " …"))}</p>'
        if event.text
        else ""
    )
    badges = []
    if not own:
        badges.append(
            f'<span class="badge text-bg-light border">{escaped(labels["only_dutch"])}</span>'
        )
    if event.visibility != Visibility.PUBLIC:
        label = str(VISIBILITY_LABELS.get(event.visibility, event.visibility)).lower()
        badges.append(f'<span class="badge badge-concept">{escaped(label)}</span>')
    if event.is_example:
        badges.append(f'<span class="badge text-bg-warning">{escaped(labels["example"])}</span>')
    if event.network_name is not None:
        badges.append(f'<span class="event-tag">{escaped(translate(event.network_name))}</span>')
    if event.partner_city_name is not None:
        badges.append(
            f'<span class="event-tag">{escaped(labels["partner_city"])} '
            f"{escaped(event.partner_city_name)}</span>"
        )
    badges.append(
        "".join(
            f'<span class="event-tag">{escaped(translate(name))}</span>'
            for name in event.theme_names
        )
    )
    pk = escaped(event.pk)
    return mark_safe(  # noqa: S308 - every value escaped here
        '<li class="card mb-3 event-card">\n'
        f'  <article class="card-body" aria-labelledby="evenement-{pk}-titel">\n'
        f'    <h3 class="h5 card-title mb-1" id="evenement-{pk}-titel"{lang}>\n'
        f'      <a href="{escaped(url)}">{escaped(event.title or str(event))}</a>\n'
        "    </h3>\n"
        f'    <p class="event-when mb-1">{escaped(event_when(event))}</p>\n'
        '    <p class="event-where mb-2 text-body-secondary">\n'
        f"      {escaped(where)}\n"
        "    </p>\n"
        f'    <p class="event-organiser mb-2 small">{escaped(labels["organiser"])}: '
        f"{escaped(event.organiser)}</p>\n"
        f"    {text}\n"
        '    <p class="small mb-0">\n'
        f"      {BADGE_JOIN.join(badges)}\n"
        "    </p>\n"
        "  </article>\n"
        "</li>"
    )


def embed_rows(events):
    """The HTML of a row per event of the embedded agenda (as its template wrote them)."""
    language = get_language()
    head, tail = detail_url()
    labels = {
        "new_window": escape(gettext("opent in een nieuw venster")),
        "nowhere": escape(gettext("Plaats nog niet bekend")),
        "example": f' <span class="badge text-bg-warning">{escape(gettext("voorbeeld"))}</span>',
        "only_dutch": (
            ' <span class="badge text-bg-light border">'
            f"{escape(gettext('alleen in het Nederlands'))}</span>"
        ),
    }
    return [embed_row(event, language, f"{head}{event.slug}{tail}", labels) for event in events]


def embed_row(event, language, url, labels):
    own = event.own
    where = escape(", ".join(event.location_parts())) or labels["nowhere"]
    country = f", {escape(event.country_name())}" if event.country else ""
    example = labels["example"] if event.is_example else ""
    only_dutch = "" if own else labels["only_dutch"]
    lang = "" if own else ' lang="nl"'
    return mark_safe(  # noqa: S308 - every text escaped here
        '\n          <li class="border-bottom py-2">\n'
        f'            <h3 class="h6 mb-1"{lang}>'
        f'<a href="{escape(url)}" target="_blank" rel="noopener">{escape(event.title or event)}'
        f'<span class="visually-hidden"> ({labels["new_window"]})</span></a></h3>\n'
        f'            <p class="small mb-0">{event_when(event)} · {where}{country}{example}'
        f"{only_dutch}</p>\n"
        "          </li>\n        "
    )
