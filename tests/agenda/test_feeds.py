"""Calendar, RSS and Atom feeds: parsed by two independent iCalendar parsers and by XML."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
import vobject
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.xmlutils import UnserializableContentError

from agenda.constants import DatePrecision
from agenda.feeds import AtomFeed, RssFeed
from core.constants import Visibility
from tests.editing import version
from tests.factories import EventFactory, NetworkFactory, ThemeFactory, page_of, three_languages

pytestmark = pytest.mark.django_db

FEED = reverse("agenda:calendar-feed")
RSS = reverse("agenda:rss-feed")
ATOM = reverse("agenda:atom-feed")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def a_fixed_today():
    """The events below have fixed days, around the daylight-saving changes of 2027, and the
    calendar feed holds a year back to a year ahead of today: the tests run on a fixed day
    before them, whenever they run."""
    with time_machine.travel(datetime(2027, 1, 15, 12, tzinfo=AMSTERDAM), tick=True):
        yield


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


@pytest.fixture
def summer_and_winter():
    """Events on either side of the daylight-saving changes, in two years."""
    local = [
        (2027, 3, 27, 19, 30),  # Saturday before the change: winter time (+01:00)
        (2027, 3, 28, 19, 30),  # the Sunday of the change: summer time (+02:00)
        (2027, 7, 1, 19, 30),
        (2027, 10, 31, 1, 30),  # the Sunday back: still summer time before 03:00
        (2027, 10, 31, 19, 30),
        (2026, 8, 15, 10, 0),  # summer time of the year before
    ]
    return {
        EventFactory(
            translations={"nl": {"title": f"Tijd {moment}"}},
            starts_at=timezone.datetime(*moment, tzinfo=AMSTERDAM),
            ends_at=timezone.datetime(*moment, tzinfo=AMSTERDAM) + timedelta(hours=2),
        ): timezone.datetime(*moment, tzinfo=AMSTERDAM)
        for moment in local
    }


def test_time_zone_block_has_yearly_rules_not_a_list_of_dates(client, agenda):
    calendar = icalendar.Calendar.from_ical(client.get(FEED).content)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    rules = {part.name: part for part in zone.subcomponents}
    assert set(rules) == {"DAYLIGHT", "STANDARD"}
    assert rules["DAYLIGHT"]["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert rules["STANDARD"]["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert "RDATE" not in rules["DAYLIGHT"] and "RDATE" not in rules["STANDARD"]


def test_dtstamp_is_the_time_the_feed_is_generated(client, agenda):
    before = timezone.now().replace(microsecond=0)
    content = client.get(FEED).content
    stamps = {ical.decoded("DTSTAMP") for ical, _v in parse_both(content).values()}
    assert len(stamps) == 1
    [stamp] = stamps
    assert before <= stamp <= timezone.now()
    assert stamp > agenda["games"].updated_at.replace(microsecond=0) - timedelta(seconds=1)


def test_ical_js_and_python_icalendar_put_summer_and_winter_events_at_their_hour(
    client, summer_and_winter, node_tool
):
    content = client.get(FEED).content
    result = node_tool("ical_times.mjs", input=content)
    assert result.returncode == 0, result.stderr.decode()
    by_ical_js = json.loads(result.stdout)
    by_python = icalendar.Calendar.from_ical(content)
    python_starts = {str(e["UID"]): e.decoded("DTSTART") for e in by_python.walk("VEVENT")}
    for event, moment in summer_and_winter.items():
        expected = moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        assert by_ical_js[uid(event)]["start"] == expected, moment
        assert python_starts[uid(event)] == moment
        assert python_starts[uid(event)].utcoffset() == moment.utcoffset()


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
    url = reverse("agenda:event-update", args=[games.slug])
    response = client.post(
        url,
        {
            **version(client, url),
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


def test_a_filtered_feed_names_itself_with_its_filter(client, agenda):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    plain = ET.fromstring(client.get(ATOM).content)
    filtered = ET.fromstring(
        client.get(ATOM, {"where": "duitsland", "theme": "", "page": "2", "x": "1"}).content
    )
    assert plain.findtext("a:id", namespaces=ns) == "http://testserver/agenda/feed.atom"
    assert (
        filtered.findtext("a:id", namespaces=ns)
        == "http://testserver/agenda/feed.atom?where=duitsland"
    )
    [self_link] = [link for link in filtered.iterfind("a:link", ns) if link.get("rel") == "self"]
    assert self_link.get("href") == "http://testserver/agenda/feed.atom?where=duitsland"
    [page] = [link for link in filtered.iterfind("a:link", ns) if link.get("rel") == "alternate"]
    assert page.get("href") == "http://testserver/agenda/?where=duitsland"
    # The same filter in another order is the same feed.
    both = ET.fromstring(client.get(ATOM + "?where=duitsland&network=euregio-feed").content)
    assert both.findtext("a:id", namespaces=ns) == (
        "http://testserver/agenda/feed.atom?network=euregio-feed&where=duitsland"
    )
    rss = ET.fromstring(client.get(RSS, {"theme": "sport-feed"}).content)
    atom_self = rss.find("channel/a:link", ns)
    assert atom_self.get("href") == "http://testserver/agenda/feed.rss?theme=sport-feed"
    assert rss.findtext("channel/link") == "http://testserver/agenda/?theme=sport-feed"


def test_the_calendar_feed_carries_a_year_back_to_a_year_ahead(client):
    now = timezone.now()
    inside = [
        EventFactory(
            translations={"nl": {"title": f"Binnen {days}"}},
            starts_at=now + timedelta(days=days),
            ends_at=now + timedelta(days=days, hours=2),
        )
        for days in (-360, 1, 360)
    ]
    for days in (-370, 370, 720):
        EventFactory(
            translations={"nl": {"title": f"Buiten {days}"}},
            starts_at=now + timedelta(days=days),
            ends_at=now + timedelta(days=days, hours=2),
        )
    content = client.get(FEED).content.decode()
    for event in inside:
        assert event.safe_translation_getter("title", language_code="nl") in content
    assert "Buiten" not in content


def test_an_event_older_than_the_feed_window_stays_on_the_archive(client):
    old = timezone.now() - timedelta(days=400)
    EventFactory(
        translations={"nl": {"title": "Lang geleden"}},
        starts_at=old,
        ends_at=old + timedelta(hours=1),
    )
    assert "Lang geleden" not in client.get(FEED).content.decode()
    assert "Lang geleden" in client.get(reverse("agenda:event-archive")).content.decode()


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_news_feeds_hold_the_hundred_latest_starting_events(client, url, monkeypatch):
    from agenda import feeds

    now = timezone.now()
    for days in range(3):
        EventFactory(
            translations={"nl": {"title": f"Dag {days}"}},
            starts_at=now + timedelta(days=days),
            ends_at=now + timedelta(days=days, hours=1),
        )
    monkeypatch.setattr(feeds, "FEED_ITEMS", 2)
    content = client.get(url).content.decode()
    assert "Dag 2" in content and "Dag 1" in content
    assert "Dag 0" not in content


@pytest.mark.parametrize(
    ("written", "django_generator"), [(RssFeed, Rss201rev2Feed), (AtomFeed, Atom1Feed)]
)
def test_the_feeds_items_are_written_as_djangos_generator_writes_them(written, django_generator):
    """agenda/feeds.py writes the items as strings: the same bytes as Django's generator for
    texts with markup, quotes, non-ASCII, empty values; control characters refused alike."""
    moment = timezone.now().replace(microsecond=0)
    items = [
        {
            "title": 'Fest & "Feier" <1>',
            "description": "<p>Tom's 'café' &amp; more</p>",
            "author_name": "Stadt Emsdetten & Co",
            "categories": ["Sport & spel", 'Zeg "ja"', "Ölé's"],
        },
        {"title": "", "description": "", "author_name": "", "categories": []},
    ]

    def feed_of(generator):
        feed = generator(title="T", link="https://example.org/", description="D", language="nl")
        for number, item in enumerate(items):
            feed.add_item(
                link=f"https://example.org/agenda/e-{number}/",
                unique_id=f"urn:uuid:{number}",
                unique_id_is_permalink=False,
                pubdate=moment,
                updateddate=moment,
                **item,
            )
        return feed.writeString("utf-8")

    assert feed_of(written) == feed_of(django_generator)
    items[0]["title"] = "Bell\x07"
    with pytest.raises(UnserializableContentError):
        feed_of(written)
    with pytest.raises(UnserializableContentError):
        feed_of(django_generator)


def test_the_kept_calendar_takes_a_new_dtstamp_and_shows_a_change_at_once(client, monkeypatch):
    """The events' lines are kept until the content changes (agenda/ical.py); the DTSTAMP is
    the time of each request, and a changed event is in the next feed."""
    from agenda import ical

    event = EventFactory(translations={"nl": {"title": "Eerste versie"}})
    client.cookies["sessionid"] = "no-page-cache"
    first = client.get(FEED).content.decode()
    later = timezone.now() + timedelta(minutes=5)
    monkeypatch.setattr(ical.timezone, "now", lambda: later)
    second = client.get(FEED).content.decode()
    assert f"DTSTAMP:{later.astimezone(UTC):%Y%m%dT%H%M%SZ}" in second
    without_stamp = re.compile(r"DTSTAMP:\w+")
    assert without_stamp.sub("", first) == without_stamp.sub("", second)
    event.set_current_language("nl")
    event.title = "Tweede versie"
    event.save()
    third = client.get(FEED).content.decode()
    assert "SUMMARY:Tweede versie" in third and "Eerste versie" not in third


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_the_kept_news_feeds_show_a_change_at_once(client, url):
    """The items' XML is kept until the content changes (agenda/feeds.py)."""
    event = EventFactory(translations={"nl": {"title": "Eerste nieuws"}})
    client.cookies["sessionid"] = "no-page-cache"
    first = client.get(url)
    assert client.get(url).content == first.content
    event.set_current_language("nl")
    event.title = "Tweede nieuws"
    event.save()
    content = client.get(url).content.decode()
    assert "Tweede nieuws" in content and "Eerste nieuws" not in content


def test_after_a_change_only_the_changed_events_are_written_again(client, monkeypatch):
    """Each event's VEVENT is kept in the process keyed on all it is written from (issue 17):
    after a change only an event whose row, texts or themes' names changed is written again,
    and a theme renamed or a text changed without touching the event shows at once."""
    from agenda import ical
    from agenda.models import Event
    from core.page_cache import bump_version

    theme = ThemeFactory(name="Oud thema")
    first = EventFactory(translations={"nl": {"title": "Eerste"}})
    second = EventFactory(translations={"nl": {"title": "Tweede"}})
    first.themes.add(theme)
    second.themes.add(theme)
    client.cookies["sessionid"] = "no-page-cache"
    written = []
    vevent = ical.EventWriter.vevent

    def counted(self, row, picked, themes):
        written.append(picked[0])
        return vevent(self, row, picked, themes)

    monkeypatch.setattr(ical.EventWriter, "vevent", counted)
    before = client.get(FEED).content.decode()
    assert "CATEGORIES:Oud thema" in before
    written.clear()
    bump_version()
    client.get(FEED)
    assert written == []  # nothing changed: every block from the process
    # A text changed without saving the event (its updated_at unchanged).
    Event._parler_meta.root_model.objects.filter(master=first, language_code="nl").update(
        title="Eerste, herzien"
    )
    bump_version()
    content = client.get(FEED).content.decode()
    assert "SUMMARY:Eerste\\, herzien" in content and "SUMMARY:Tweede" in content
    assert written == ["Eerste, herzien"]
    # A theme renamed: both events show it.
    written.clear()
    theme.name = "Nieuw thema"
    theme.save()
    bump_version()
    content = client.get(FEED).content.decode()
    assert "Oud thema" not in content and content.count("CATEGORIES:Nieuw thema") == 2
    assert sorted(written) == ["Eerste, herzien", "Tweede"]
    # In another language the blocks are written for it.
    written.clear()
    english = client.get("/en" + FEED).content.decode()
    assert sorted(written) == ["Eerste, herzien", "Tweede"]
    assert "SUMMARY:Eerste\\, herzien" in english and "CATEGORIES:Nieuw thema" in english
