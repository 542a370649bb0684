"""iCalendar (RFC 5545) for the agenda: the feed of a filter and the download of one event."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from .constants import DatePrecision

UID_DOMAIN = "hengelo-internationaal"
PRODUCT_ID = "-//Gemeente Hengelo//Internationale agenda//NL"


def event_uid(event):
    """A UID that never changes, whatever happens to the event's title, slug or date."""
    return f"{event.uid}@{UID_DOMAIN}"


def build_calendar(events, request, name):
    """Return the iCalendar bytes for the events, with their time zone and a link back each."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(build_vevent(event, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def build_vevent(event, request):
    zone = timezone.get_current_timezone()
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", event.updated_at)
    vevent.add("created", event.created_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("summary", event.title)
    if event.date_precision == DatePrecision.DAY:
        first = timezone.localtime(event.starts_at, zone).date()
        last = timezone.localtime(event.ends_at, zone).date() if event.ends_at else first
        vevent.add("dtstart", first)
        vevent.add("dtend", last + timedelta(days=1))
    else:
        vevent.add("dtstart", timezone.localtime(event.starts_at, zone))
        if event.ends_at:
            vevent.add("dtend", timezone.localtime(event.ends_at, zone))
    url = request.build_absolute_uri(event.get_absolute_url())
    vevent.add("url", url)
    description = [event.text] if event.text else []
    if event.organiser:
        description.append(_("Organisator: %(name)s") % {"name": event.organiser})
    description.append(url)
    vevent.add("description", "\n\n".join(description))
    location = ", ".join([*event.location_parts(), *([event.country] if event.country else [])])
    if location:
        vevent.add("location", location)
    themes = [_(theme.name) for theme in event.themes.all()]
    if themes:
        vevent.add("categories", themes)
    vevent.add("status", "CONFIRMED")
    vevent.add("class", "PUBLIC")
    return vevent
