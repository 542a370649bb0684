"""iCalendar (RFC 5545) for the agenda: the feed of a filter and the download of one event."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, TimezoneDaylight, TimezoneStandard, vRecur
from icalendar import Event as VEvent
from icalendar import Timezone as VTimezone

from core.municipality import current_municipality

from .constants import DatePrecision


def uid_domain():
    """'hengelo-internationaal': the part of every UID after the @, one per municipality."""
    return f"{current_municipality().slug}-internationaal"


def product_id():
    return f"-//{current_municipality().official_name}//Internationale agenda//NL"


def event_uid(event):
    """A UID that never changes, whatever happens to the event's title, slug or date."""
    return f"{event.uid}@{uid_domain()}"


def build_calendar(events, request, name):
    """Return the iCalendar bytes for the events, with their time zone and a link back each."""
    calendar = Calendar()
    calendar.add("prodid", product_id())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is not escaped like SUMMARY: a line break in it would end the line.
    calendar.add("x-wr-calname", " ".join(str(name).split()))
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add_component(amsterdam_vtimezone())
    generated = timezone.now()
    for event in events:
        calendar.add_component(build_vevent(event, request, generated))
    return calendar.to_ical()


def amsterdam_vtimezone():
    """Europe/Amsterdam as two yearly rules (EU summer time since 1996: last Sunday of March
    and of October). icalendar's own VTIMEZONE lists every change as one long RDATE, of which
    ical.js (Thunderbird, many web calendars) reads only the first, putting summer events an
    hour late."""
    zone = VTimezone()
    zone.add("tzid", "Europe/Amsterdam")
    zone.add("x-lic-location", "Europe/Amsterdam")
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1981, 3, 29, 2, 0))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1996, 10, 27, 3, 0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def build_vevent(event, request, generated):
    """One event; DTSTAMP is when the feed was generated (RFC 5545 3.8.7.2 for a feed without
    METHOD REQUEST), its changes are in LAST-MODIFIED and SEQUENCE."""
    zone = ZoneInfo("Europe/Amsterdam")
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", generated)
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
    if organiser := event.organiser_name():
        description.append(_("Organisator: %(name)s") % {"name": organiser})
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
