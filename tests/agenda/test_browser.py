"""The agenda in headless Chromium: the German visitor's path, axe in three languages, a phone,
the keyboard, and the editors' pages."""

import re
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from django.utils import timezone

from core.constants import Visibility
from tests.factories import EventFactory, PartnerCityFactory, ThemeFactory, page_of, three_languages

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")


@pytest.fixture
def agenda(hengelo):
    """Upcoming events in Hengelo and in Germany, one past, one draft; plus the 2018 archive."""
    sport = ThemeFactory(code="sport")
    start = (timezone.now() + timedelta(days=14)).replace(hour=17, minute=0, second=0)
    events = {
        "games": EventFactory(
            slug="fbk-games",
            translations=three_languages("FBK Games mit Gästen", "Leichtathletik in Hengelo."),
            city="Hengelo",
            venue="FBK Stadion",
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            themes=[sport],
        ),
        "emsdetten": EventFactory(
            slug="besuch-emsdetten",
            translations={"nl": {"title": "Bezoek aan Emsdetten"}},
            city="Emsdetten",
            country="DE",
            partner_city=PartnerCityFactory(name="Emsdetten test", slug="emsdetten-test"),
            starts_at=start + timedelta(days=3),
            ends_at=start + timedelta(days=3, hours=2),
        ),
        "draft": EventFactory(
            slug="geheim",
            translations=three_languages("Geheime excursie"),
            city="Hengelo",
            visibility=Visibility.DRAFT,
        ),
    }
    return events


def test_german_visitor_filters_opens_an_event_and_adds_it_to_the_calendar(
    page, live_server, agenda, assert_accessible
):
    page.goto(f"{live_server.url}/de/agenda/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Internationaler Veranstaltungskalender"
    )
    assert_accessible(page)

    page.get_by_label("Wo").select_option(label="In Hengelo")
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url("**/de/agenda/?*where=hengelo*")
    assert page.get_by_role("link", name="FBK Games mit Gästen (de)").is_visible()
    assert page.get_by_text("Bezoek aan Emsdetten").count() == 0
    assert page.get_by_text("Geheime excursie").count() == 0
    assert_accessible(page)

    page.get_by_role("link", name="FBK Games mit Gästen (de)").click()
    page.wait_for_url("**/de/agenda/fbk-games/")
    assert page.get_by_role("heading", level=1).inner_text() == "FBK Games mit Gästen (de)"
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zum Kalender hinzufügen").click()
    download = download_info.value
    assert download.suggested_filename == "fbk-games.ics"
    content = Path(download.path()).read_bytes()

    event_url = f"{live_server.url}/de/agenda/fbk-games/"
    [ical_event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(ical_event["SUMMARY"]) == "FBK Games mit Gästen (de)"
    assert str(ical_event["URL"]) == event_url
    assert str(ical_event["UID"]) == f"{agenda['games'].uid}@hengelo-internationaal"
    parsed = vobject.readOne(content.decode())
    assert parsed.vevent.url.value == event_url
    assert parsed.vevent.summary.value == "FBK Games mit Gästen (de)"


@pytest.mark.parametrize("prefix", ["", "/de", "/en"], ids=["nl", "de", "en"])
def test_every_agenda_page_is_accessible(page, live_server, agenda, assert_accessible, prefix):
    language = prefix.strip("/") or "nl"
    paths = [
        "/agenda/",
        "/agenda/?where=duitsland",
        "/agenda/?theme=bestaat-niet",
        "/agenda/archief/",
        page_of(agenda["games"]),
        page_of(agenda["emsdetten"]),  # Dutch only: the fallback note
        "/agenda/european-week-of-regions-and-cities-2018/",
        "/partners/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.locator("html").get_attribute("lang") == language, path
        assert page.get_by_text("Geheime excursie").count() == 0, path
        assert_accessible(page)
    assert page.goto(f"{live_server.url}{prefix}{page_of(agenda['draft'])}").status == 404


@pytest.mark.parametrize("prefix", ["", "/de"], ids=["nl", "de"])
def test_agenda_reads_on_a_phone(page, live_server, agenda, assert_accessible, prefix):
    page.set_viewport_size({"width": 390, "height": 844})
    name = prefix.strip("/") or "nl"
    for label, path in (
        ("list", "/agenda/"),
        ("detail", page_of(agenda["games"])),
        ("partners", "/partners/"),
    ):
        page.goto(f"{live_server.url}{prefix}{path}")
        page.screenshot(path=str(SCREENSHOTS / f"agenda-390-{name}-{label}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 390, (path, overflow)
        assert_accessible(page)


def test_agenda_works_with_the_keyboard_only(page, live_server, agenda):
    page.goto(f"{live_server.url}/de/agenda/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Direkt zum Inhalt"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_where":
            break
    else:
        pytest.fail("the place filter cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # Überall -> In Hengelo
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Filter anwenden"
    page.keyboard.press("Enter")
    page.wait_for_url("**where=hengelo*")
    assert page.get_by_role("link", name="FBK Games mit Gästen (de)").is_visible()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == (
            "FBK Games mit Gästen (de)"
        ):
            break
    else:
        pytest.fail("the event link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/agenda/fbk-games/")


def test_editors_pages_are_accessible_and_publish_works(
    page, live_server, agenda, communications_user, browser_login, assert_accessible
):
    browser_login(communications_user)
    page.goto(f"{live_server.url}/agenda/beheer/")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Publiceren\W+Geheime excursie")).click()
    page.wait_for_load_state()
    assert page.get_by_text("staat nu in de openbare agenda").is_visible()
    page.goto(f"{live_server.url}/agenda/beheer/nieuw/")
    assert_accessible(page)
    page.get_by_label("Titel (Nederlands)").fill("Nieuw evenement")
    page.get_by_label("Webadres").fill("nieuw-evenement")
    page.get_by_label("Begint op").fill("2027-05-01T10:00")
    page.get_by_label("Eindigt op").fill("2027-05-01T09:00")
    page.locator("#id_organiser").fill("Gemeente Hengelo")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_text("Het einde ligt voor het begin.").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/agenda/beheer/vertalingen/")
    assert page.get_by_role("cell", name="Bezoek aan Emsdetten", exact=True).is_visible()
    assert_accessible(page)
