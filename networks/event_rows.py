"""The agenda's events on a network's page, read as plain values and written in Python (issue 17).

Twenty events as model instances with their prefetched translations, a reverse() each for the
link, two date filters and an {% include %} of the visibility badge each cost the page some
15,000 calls. Here the events are read with the same two queries (the events, their
translations) as plain values, and written as templates/networks/network_detail.html wrote them.
"""

from django.urls import reverse
from django.utils.dateformat import DateFormat
from django.utils.formats import get_format
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from agenda.constants import SOURCE_LANGUAGE
from agenda.models import Event
from core.badges import VisibilityBadges

SLUG = "--slug--"
EVENT_FIELDS = ("pk", "slug", "visibility", "date_precision", "starts_at")


class NetworkEvent:
    """An event as the network's page shows it: the values of EVENT_FIELDS and the title that
    Event.__str__ gives (`title_from`)."""

    __slots__ = ("pk", "slug", "visibility", "date_precision", "starts_at", "title")

    def __init__(self, row, title):
        self.pk, self.slug, self.visibility, self.date_precision, self.starts_at = row
        self.title = title

    def __str__(self):
        return self.title or self.slug  # Event.__str__


def title_from(translations, language):
    """The title Event.__str__ reads (parler's safe_translation_getter with any_language): the
    translation in the language, else the Dutch one (parler's fallback), else the first one
    stored; `translations` are (language, title) pairs in the order they were stored."""
    dutch = first = None
    for code, title in translations:
        if code == language:
            return title
        if code == SOURCE_LANGUAGE:
            dutch = title
        if first is None:
            first = title
    return dutch if dutch is not None else first


def network_events(network, user, limit=20):
    """The agenda's events of the network that the user may see, latest first (NetworkEvents),
    from two queries."""
    rows = list(
        network.events.visible_to(user).order_by("-starts_at").values_list(*EVENT_FIELDS)[:limit]
    )
    if not rows:
        return []
    texts = {}
    translations = Event._parler_meta.root_model.objects.filter(
        master_id__in=[row[0] for row in rows]
    )
    for master, *values in translations.order_by("pk").values_list(
        "master_id", "language_code", "title"
    ):
        texts.setdefault(master, []).append(values)
    language = get_language()
    return [NetworkEvent(row, title_from(texts.get(row[0], ()), language)) for row in rows]


WHEN = {  # date precision -> (the datetime attribute's format, the shown format)
    "jaar": ("Y", "Y"),
    "maand": ("Y-m", "F Y"),
}
DAY = ("Y-m-d", "DATE_FORMAT")


def event_items(events):
    """The list's items, as the template's loop wrote them; the dates as its date filters wrote
    them (formats.date_format), each format looked up once per page."""
    formats = {name: get_format(name) for pair in (*WHEN.values(), DAY) for name in pair}
    head, tail = reverse("agenda:event-detail", kwargs={"slug": SLUG}).split(SLUG)
    visibility = VisibilityBadges()
    items = []
    for event in events:
        when = ""
        if event.starts_at:
            moment = DateFormat(template_localtime(event.starts_at))
            attribute, shown = WHEN.get(event.date_precision, DAY)
            when = (
                f'<time datetime="{escape(moment.format(formats[attribute]))}">'
                f"{escape(moment.format(formats[shown]))}</time>: "
            )
        items.append(
            f'<li>{when}<a href="{escape(f"{head}{event.slug}{tail}")}">{escape(str(event))}</a>'
            f"{visibility(event)}</li>"
        )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped above
