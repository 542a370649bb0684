"""iCalendar (RFC 5545) for the agenda: the feed of a filter and the download of one event.

The calendar is written here, a few string joins per event, from three queries of plain values
(events, their texts, their themes, each by the list of the events' ids): the icalendar library
builds an object per property and took about 3 ms an event, 1.9 s for the ~640 events of the
feed's window (issue 17). The output is what icalendar wrote, byte for byte (its order of
properties, escaping and folding); the tests read it with icalendar, vobject and ical.js.
"""

import hashlib
import re
from collections import defaultdict
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.kept import kept_each
from core.memo import generation
from core.municipality import current_municipality

from .choices import ids_in, rows_for_ids
from .constants import SOURCE_LANGUAGE, DatePrecision
from .models import Event

ZONE_NAME = "Europe/Amsterdam"
ZONE = ZoneInfo(ZONE_NAME)
FOLD_AT = 74  # octets of a line before its continuation: icalendar's choice, within RFC's 75

# Europe/Amsterdam as two yearly rules (EU summer time since 1996: last Sunday of March and of
# October). icalendar's own VTIMEZONE lists every change as one long RDATE, of which ical.js
# (Thunderbird, many web calendars) reads only the first, putting summer events an hour late.
AMSTERDAM_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{ZONE_NAME}",
    f"X-LIC-LOCATION:{ZONE_NAME}",
    "BEGIN:DAYLIGHT",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZNAME:CEST",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZNAME:CET",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "END:VTIMEZONE",
)

EVENT_FIELDS = (
    "pk",
    "uid",
    "slug",
    "sequence",
    "created_at",
    "updated_at",
    "date_precision",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "city",
    "country",
)


# The VEVENTs written in this process, keyed on everything vevent reads (issue 17): after a
# change the feed's ~640 events are read again but only the changed ones written again. The key
# is the whole input (the event's row, its chosen texts, its themes' names as shown and the
# writer's link prefix, UID suffix and organiser label), so a block is only used for what it was
# written from; afresh when core.memo's generation moves on, at most MAX_WRITTEN blocks.
_written = {}
_written_of = [None]
MAX_WRITTEN = 10_000


def uid_domain():
    """'hengelo-internationaal': the part of every UID after the @, one per municipality."""
    return f"{current_municipality().slug}-internationaal"


def product_id():
    return f"-//{current_municipality().official_name}//Internationale agenda//NL"


# What escape_text changes: a value without any of these is written as it is (one search
# instead of seven replacements, for the titles, places and themes of ~640 events).
TEXT_SPECIAL = re.compile(r"[\\;,\r\n]")


def escape_text(value):
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break
    written as \\n (and, as icalendar did, a written \\N taken as a line break)."""
    if not TEXT_SPECIAL.search(value):
        return value
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """Fold a content line (RFC 5545 3.1) into pieces of at most 74 octets, never inside a
    UTF-8 character and never between a backslash and what it escapes (as icalendar folds)."""
    if line.isascii():
        if len(line) <= FOLD_AT:
            return line
        pieces, start = [], 0
        while len(line) - start > FOLD_AT:
            end = start + FOLD_AT
            if line[end - 1] in "\\^":
                end -= 1
            pieces.append(line[start:end])
            start = end
        pieces.append(line[start:])
        return "\r\n ".join(pieces)
    pieces, current, size = [], [], 0
    for char in line:
        width = 1 if char < "\x80" else len(char.encode())
        if current and size + width > FOLD_AT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, size = [carried], 1
            else:
                pieces.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def utc_stamp(moment):
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def build_calendar(events, request, name):
    """Return the iCalendar bytes for a QuerySet of events, with their time zone and a link
    back each; three queries however many events."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        fold(f"PRODID:{escape_text(product_id())}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        # An X- property is not escaped like SUMMARY: a line break in it would end the line.
        fold("X-WR-CALNAME:" + " ".join(str(name).split())),
        f"X-WR-TIMEZONE:{ZONE_NAME}",
        *AMSTERDAM_VTIMEZONE,
    ]
    events = events.prefetch_related(None)
    lines.extend(EventWriter(request).lines(events))
    lines.append("END:VCALENDAR")
    lines.append("")
    return "\r\n".join(lines).encode()


class EventWriter:
    """Writes the VEVENTs of a feed: what is the same for every event (the generation time,
    the link prefix, the translated labels) is worked out once."""

    def __init__(self, request):
        self.language = get_language() or SOURCE_LANGUAGE
        placeholder = "--slug--"
        page = reverse("agenda:event-detail", kwargs={"slug": placeholder})
        head, self.url_tail = request.build_absolute_uri(page).split(placeholder)
        self.url_head = head
        self.stamp = f"DTSTAMP:{utc_stamp(timezone.now())}"
        self.uid_suffix = f"@{uid_domain()}"
        self.organiser_label = _("Organisator: %(name)s")

    def lines(self, events):
        """The lines of the events of a QuerySet, in its order. The events' lines around their
        DTSTAMP are kept until the content changes (core/kept.py), per language, address of
        the pages and list of events (issue 17: the feed's ~640 events took 40 ms to write)."""
        ids = list(events.values_list("pk", flat=True))
        context = f"{self.url_head}|{self.url_tail}|{self.uid_suffix}|{ids}".encode()
        digest = hashlib.sha1(context, usedforsecurity=False).hexdigest()
        name = f"vevents:{self.language}:{digest}"
        kept = kept_each([name], lambda missing: {name: self.written(ids)})[name]
        out = []
        for head, tail in kept:
            out.extend((head, self.stamp, tail))
        return out

    def written(self, ids):
        """[(an event's lines before DTSTAMP, its lines after it)] as text, in the order of
        `ids`."""
        texts, themes = event_texts(ids), event_themes(ids)
        translated = {}  # a theme's name in the feed's language, looked up once
        shown = {(): ()}  # an event's themes' names as shown, once per distinct list
        found = {}
        if _written_of[0] != generation() or len(_written) > MAX_WRITTEN:
            _written.clear()
            _written_of[0] = generation()
        writer = (self.url_head, self.url_tail, self.uid_suffix, self.organiser_label)
        language = self.language
        events = Event.objects.filter(ids_in(ids)).order_by()
        for row in events.values_list(*EVENT_FIELDS, named=True):
            raw = tuple(themes.get(row.pk, ()))
            names = shown.get(raw)
            if names is None:
                names = shown[raw] = tuple(
                    translated.get(name) or translated.setdefault(name, _(name)) for name in raw
                )
            picked = pick_texts(texts.get(row.pk, ()), language)
            key = (writer, row, picked, names)
            block = _written.get(key)
            if block is None:
                block = _written[key] = self.vevent(row, picked, names)
            found[row.pk] = block
        return [found[pk] for pk in ids if pk in found]

    def vevent(self, row, picked, themes):
        """One event as (its lines before DTSTAMP, its lines after it), from its row, its
        (title, text, organiser) (pick_texts) and its themes' names as shown; DTSTAMP is when
        the feed was generated (RFC 5545 3.8.7.2 for a feed without METHOD REQUEST), its
        changes are in LAST-MODIFIED and SEQUENCE. Properties in icalendar's order: its
        canonical ones first, then the others alphabetically."""
        title, text, organiser = picked
        head = ["BEGIN:VEVENT", fold(f"SUMMARY:{escape_text(title)}")]
        # The event's times in Amsterdam (what timezone.localtime does to an aware datetime).
        if row.date_precision == DatePrecision.DAY:
            first = row.starts_at.astimezone(ZONE).date()
            last = row.ends_at.astimezone(ZONE).date() if row.ends_at else first
            head.append(f"DTSTART;VALUE=DATE:{first:%Y%m%d}")
            head.append(f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}")
        else:
            head.append(f"DTSTART;TZID={ZONE_NAME}:{row.starts_at.astimezone(ZONE):%Y%m%dT%H%M%S}")
            if row.ends_at:
                head.append(f"DTEND;TZID={ZONE_NAME}:{row.ends_at.astimezone(ZONE):%Y%m%dT%H%M%S}")
        url = f"{self.url_head}{row.slug}{self.url_tail}"
        description = [text] if text else []
        if organiser:
            description.append(self.organiser_label % {"name": organiser})
        description.append(url)
        location = ", ".join(
            part for part in (row.venue, row.address, row.city, row.country) if part
        )
        # A UID that never changes, whatever happens to the event's title, slug or date.
        tail = [
            fold(f"UID:{escape_text(str(row.uid) + self.uid_suffix)}"),
            f"SEQUENCE:{row.sequence}",
        ]
        if themes:
            tail.append(fold("CATEGORIES:" + ",".join(escape_text(name) for name in themes)))
        tail.append("CLASS:PUBLIC")
        tail.append(f"CREATED:{utc_stamp(row.created_at)}")
        tail.append(fold("DESCRIPTION:" + escape_text("\n\n".join(description))))
        tail.append(f"LAST-MODIFIED:{utc_stamp(row.updated_at)}")
        if location:
            tail.append(fold(f"LOCATION:{escape_text(location)}"))
        tail.append("STATUS:CONFIRMED")
        tail.append(fold(f"URL:{url}"))
        tail.append("END:VEVENT")
        return "\r\n".join(head), "\r\n".join(tail)


def event_texts(ids):
    """{event id: [(language, title, text, organiser), ...]} for a list of event ids, in one
    query."""

    def rows(ids_filter):
        return (
            Event._parler_meta.root_model.objects.filter(ids_filter)
            .order_by("pk")
            .values_list("master_id", "language_code", "title", "text", "organiser")
        )

    found = defaultdict(list)
    for master, *values in rows_for_ids(("event texts",), rows, ids, "master"):
        found[master].append(values)
    return found


def event_themes(ids):
    """{event id: [theme name, ...]} in their order (kind, position) for a list of event ids,
    in one query."""

    def rows(ids_filter):
        links = Event.themes.through.objects.filter(ids_filter)
        return links.order_by("theme__kind", "theme__position").values_list(
            "event_id", "theme__name"
        )

    found = defaultdict(list)
    for event, name in rows_for_ids(("event themes",), rows, ids, "event"):
        found[event].append(name)
    return found


def pick_texts(translations, language):
    """(title, text, organiser) as the event's page shows them: the title and text of the
    language or else of Dutch (parler's fallback); the organiser in the language, else in
    Dutch, else in the first other language that has one (Event.organiser_name)."""
    here = dutch = None
    for values in translations:
        if values[0] == language:
            here = values
        if values[0] == SOURCE_LANGUAGE:
            dutch = values
    chosen = here or dutch
    title, text = (chosen[1], chosen[2]) if chosen else ("", "")
    if here and here[3]:
        return title, text, here[3]
    if dutch and dutch[3]:
        return title, text, dutch[3]
    others = (t[3] for t in translations if t[0] not in (language, SOURCE_LANGUAGE) and t[3])
    return title, text, next(others, "")
