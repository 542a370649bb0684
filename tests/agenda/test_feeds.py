"""Calendar, RSS and Atom feeds: parsed by two independent iCalendar parsers and by XML."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from agenda.constants import DatePrecision
from core.constants import Visibility
from tests.agenda.factories import EventFactory, page_of, three_languages
from tests.factories import NetworkFactory, ThemeFactory

pytestmark = pytest.mark.django_db

FEED = reverse("agenda:calendar-feed")
RSS = reverse("agenda:rss-feed")
ATOM = reverse("agenda:atom-feed")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def parse_both(content):
    """Parse iCalendar text with icalendar and with vobject; return {uid: (ical, vobject)}."""
    calendar = icalendar.Calendar.from_ical(content)
    by_icalendar = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    parsed = vobject.readOne(content.decode())
    by_vobject = {event.uid.value: event for event in getattr(parsed, "vevent_list", [])}
    assert set(by_icalendar) == set(by_vobject)
    return {uid: (by_icalendar[uid], by_vobject[uid]) for uid in by_icalendar}


def uid(event):
    return f"{event.uid}@hengelo-internationaal"


@pytest.fixture
def agenda():
    sport = ThemeFactory(code="sport-feed", name="Sport feed")
    euregio = NetworkFactory(slug="euregio-feed", name="EUREGIO feed")
    start = timezone.make_aware(timezone.datetime(2027, 3, 5, 19, 30))
    past = timezone.now() - timedelta(days=40)
    return {
        "games": EventFactory(
            translations=three_languages("FBK Games"),
            starts_at=start,
            ends_at=start + timedelta(hours=2, minutes=30),
            themes=[sport],
        ),
        "council": EventFactory(
            translations={"nl": {"title": "EUREGIO-raad"}},
            city="Gronau",
            country="DE",
            network=euregio,
        ),
        "days": EventFactory(
            translations={"nl": {"title": "Week van de regio's"}},
            date_precision=DatePrecision.DAY,
            starts_at=timezone.make_aware(timezone.datetime(2027, 10, 11)),
            ends_at=timezone.make_aware(timezone.datetime(2027, 10, 14, 12)),
            city="Brussel",
            country="BE",
        ),
        "past": EventFactory(
            translations={"nl": {"title": "Vorige maand"}}, starts_at=past, ends_at=past
        ),
        "year_only": EventFactory(
            translations={"nl": {"title": "Alleen een jaar"}},
            date_precision=DatePrecision.YEAR,
            starts_at=timezone.make_aware(timezone.datetime(2018, 1, 1)),
            ends_at=None,
        ),
        "draft": EventFactory(
            translations={"nl": {"title": "Concept"}}, visibility=Visibility.DRAFT
        ),
    }


def test_calendar_feed_holds_exactly_the_published_events_with_a_known_day(client, agenda):
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse_both(response.content)
    expected = {uid(agenda[name]) for name in ("games", "council", "days", "past")}
    assert set(events) == expected


def test_each_entry_has_url_time_zone_sequence_and_last_modified(client, agenda):
    content = client.get(FEED).content
    games = agenda["games"]
    ical, vevent = parse_both(content)[uid(games)]
    url = f"http://testserver{page_of(games)}"
    assert str(ical["URL"]) == url
    assert vevent.url.value == url
    assert str(ical["SUMMARY"]) == "FBK Games (nl)"
    start = ical.decoded("DTSTART")
    assert start == timezone.make_aware(timezone.datetime(2027, 3, 5, 19, 30))
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert vevent.dtstart.value.astimezone(AMSTERDAM).hour == 19
    assert "TZID=Europe/Amsterdam" in content.decode()
    assert b"BEGIN:VTIMEZONE" in content
    assert ical.decoded("DTEND") - start == timedelta(hours=2, minutes=30)
    assert int(ical["SEQUENCE"]) == 0
    assert ical.decoded("LAST-MODIFIED") == games.updated_at.replace(microsecond=0)
    assert url in str(ical["DESCRIPTION"])
    assert "Sport feed" in ical["CATEGORIES"].to_ical().decode()


def test_all_day_events_are_dates_without_time(client, agenda):
    ical, vevent = parse_both(client.get(FEED).content)[uid(agenda["days"])]
    assert ical.decoded("DTSTART") == timezone.datetime(2027, 10, 11).date()
    assert ical.decoded("DTEND") == timezone.datetime(2027, 10, 15).date()  # exclusive end
    assert vevent.dtstart.value == timezone.datetime(2027, 10, 11).date()
    assert str(ical["LOCATION"]).endswith("Brussel, BE")


def test_calendar_feed_follows_the_filter(client, agenda):
    events = parse_both(client.get(FEED, {"theme": "sport-feed"}).content)
    assert set(events) == {uid(agenda["games"])}
    events = parse_both(client.get(FEED, {"where": "duitsland"}).content)
    assert set(events) == {uid(agenda["council"])}
    events = parse_both(client.get(FEED, {"network": "euregio-feed"}).content)
    assert set(events) == {uid(agenda["council"])}


@pytest.mark.parametrize(
    "query",
    [{"theme": "onbekend"}, {"month": "2027-00"}, {"where": "<script>"}, {"network": "x"}],
)
@pytest.mark.parametrize("url", [FEED, RSS, ATOM])
def test_unknown_filter_value_in_a_feed_is_a_400_with_a_message(client, agenda, url, query):
    response = client.get(url, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Dit filter bestaat niet" in response.content.decode()


def test_a_change_bumps_the_sequence_and_the_feed_shows_it(client, agenda, account_manager):
    games = agenda["games"]
    client.force_login(account_manager)
    response = client.post(
        reverse("agenda:event-update", args=[games.slug]),
        {
            "visibility": "openbaar",
            "slug": games.slug,
            "date_precision": "tijd",
            "starts_at": "2027-03-05T20:00",
            "ends_at": "2027-03-05T22:00",
            "city": "Hengelo",
            "country": "NL",
            "organiser": "Gemeente Hengelo",
            "title_nl": "FBK Games, later begin",
        },
    )
    assert response.status_code == 302
    client.logout()
    ical, vevent = parse_both(client.get(FEED).content)[uid(games)]
    assert int(ical["SEQUENCE"]) == 1
    assert int(vevent.sequence.value) == 1
    assert str(ical["SUMMARY"]) == "FBK Games, later begin"
    assert ical.decoded("DTSTART").astimezone(AMSTERDAM).hour == 20


def test_add_to_calendar_downloads_one_event(client, agenda):
    games = agenda["games"]
    response = client.get("/de" + reverse("agenda:event-ics", args=[games.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{games.slug}.ics"'
    events = parse_both(response.content)
    assert list(events) == [uid(games)]
    ical, _vevent = events[uid(games)]
    assert str(ical["SUMMARY"]) == "FBK Games (de)"
    assert str(ical["URL"]) == f"http://testserver/de{page_of(games)}"


def test_rss_and_atom_hold_the_published_events_of_the_filter(client, agenda):
    rss = ET.fromstring(client.get(RSS).content)
    titles = {item.findtext("title") for item in rss.iter("item")}
    assert titles == {"FBK Games (nl)", "EUREGIO-raad", "Week van de regio's", "Vorige maand",
                      "Alleen een jaar"}  # fmt: skip
    guids = {item.findtext("guid") for item in rss.iter("item")}
    assert f"urn:uuid:{agenda['games'].uid}" in guids
    atom = ET.fromstring(client.get(ATOM, {"where": "duitsland"}).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [entry.findtext("a:title", namespaces=ns) for entry in atom.iterfind("a:entry", ns)] == [
        "EUREGIO-raad"
    ]
    german = ET.fromstring(client.get("/de" + RSS, {"theme": "sport-feed"}).content)
    assert [item.findtext("title") for item in german.iter("item")] == ["FBK Games (de)"]
    assert german.find("channel").findtext("language") == "de"


def test_markup_in_event_text_is_escaped_in_every_feed(client):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    event = EventFactory(translations={"nl": {"title": f"T {attack}", "text": f"Tekst {attack}"}})
    ical, vevent = parse_both(client.get(FEED).content)[uid(event)]
    assert str(ical["SUMMARY"]) == f"T {attack}"  # plain text in a calendar, not markup
    rss = ET.fromstring(client.get(RSS).content)
    [item] = list(rss.iter("item"))
    # RSS readers render the description as HTML: it must arrive escaped.
    description = item.findtext("description")
    assert "<script>" not in description and "<img" not in description
    assert "&lt;script&gt;" in description
    atom = client.get(ATOM).content.decode()
    assert "<script>" not in atom and "<img" not in atom


def test_feeds_queries_do_not_grow_with_the_events(client, django_assert_max_num_queries):
    themes = [ThemeFactory(code=f"feed-q{n}", name=f"Feed q{n}") for n in range(3)]
    for n in range(30):
        EventFactory(translations=three_languages(f"Feed {n}"), themes=themes)
    for url in (FEED, RSS, ATOM):
        with django_assert_max_num_queries(5):
            response = client.get(url)
        assert response.status_code == 200
