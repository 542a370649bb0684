"""The hand-written iCalendar of the agenda (issue 17) writes what the icalendar library wrote:
the same escaping and folding, and texts that both parsers read back unchanged."""

import icalendar
import pytest
import vobject
from django.urls import reverse
from icalendar.parser.string import _escape_char, _foldline

from agenda.ical import escape_text, fold
from tests.factories import EventFactory, ThemeFactory

pytestmark = pytest.mark.django_db

FEED = reverse("agenda:calendar-feed")

AWKWARD = [
    "",
    "Kort",
    "Komma, puntkomma; backslash \\ en \\N, regels\nnieuw\r\nen\roud",
    "x" * 73 + "\\" + "y" * 10,
    "x" * 72 + "\\,y" * 40,
    "ü" * 80 + "€𝄞" * 30,
    "Gemeente Hengelo en Emsdetten: internationale samenwerking, netwerken; " * 6,
    "^" * 200,
]


@pytest.mark.parametrize("text", AWKWARD)
def test_escaping_and_folding_are_those_of_icalendar(text):
    assert escape_text(text) == _escape_char(text)
    line = f"DESCRIPTION:{escape_text(text)}"
    assert fold(line) == _foldline(line)
    assert all(len(piece.encode()) <= 75 for piece in fold(line).split("\r\n"))


def test_texts_with_special_characters_come_back_unchanged_from_both_parsers(client):
    title = "Uitwisseling; Hengelo, Emsdetten \\ Ennepetal " + "lang " * 30
    text = "Eerste regel, met komma.\nTweede; met puntkomma.\n\nEn een \\ backslash. " * 5
    theme = ThemeFactory(code="ical-komma", name="Cultuur, sport; spel")
    event = EventFactory(
        translations={"nl": {"title": title, "text": text, "organiser": "Stichting A, B"}},
        venue="Zaal 1, boven",
        themes=[theme],
    )
    content = client.get(FEED).content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    [ical] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    vevent = vobject.readOne(content.decode()).vevent
    assert str(ical["SUMMARY"]) == vevent.summary.value == title
    description = f"{text}\n\nOrganisator: Stichting A, B\n\n"
    assert str(ical["DESCRIPTION"]).startswith(description)
    assert vevent.description.value.startswith(description)
    assert str(ical["LOCATION"]).startswith("Zaal 1, boven, ")
    assert [str(name) for name in ical["CATEGORIES"].cats] == ["Cultuur, sport; spel"]
    assert str(ical["UID"]) == f"{event.uid}@hengelo-internationaal"


def test_the_feed_reads_the_language_of_the_page_with_dutch_as_fallback(client):
    EventFactory(translations={"nl": {"title": "Alleen Nederlands", "organiser": "Gemeente"}})
    EventFactory(
        translations={
            "nl": {"title": "Ook Duits", "organiser": "Gemeente"},
            "de": {"title": "Auch Deutsch", "text": "Text", "organiser": ""},
        }
    )
    calendar = icalendar.Calendar.from_ical(client.get("/de" + FEED).content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Alleen Nederlands", "Auch Deutsch"}
    # An empty German organiser shows the Dutch one, as the event's page does.
    assert "Veranstalter: Gemeente" in str(events["Auch Deutsch"]["DESCRIPTION"])
    assert str(events["Auch Deutsch"]["URL"]).startswith("http://testserver/de/agenda/")
