"""The Done-when of issue 6, in a real browser, and the accessibility of the registry's pages."""

import json
import re

import pytest

from contacts.models import ErasureRecord, Opportunity, Person
from tests.factories import ColleagueFactory

from .test_privacy import database_mentions

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NAME = ("Wilhelmina", "Zeldzaamnaam")
EMAIL = "wilhelmina.zeldzaam@example.org"
PHONE = "+31 74 000 0777"


def test_accountmanager_registers_works_with_and_erases_a_person(
    page,
    live_server,
    hengelo,
    account_manager,
    council_member,
    browser,
    browser_login,
    assert_accessible,
):
    from contacts.models import Department

    ColleagueFactory(name="Inge Subsidiedemo", department=Department.objects.get(code="subsidies"))
    browser_login(account_manager)
    visited = []

    def visit(path):
        page.goto(live_server.url + path)
        visited.append(path)

    # An organisation.
    visit("/contacten/")
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe organisatie").click()
    # The click returns before the new page is there; axe on a page between two documents fails.
    page.wait_for_url("**/contacten/nieuw/")
    assert_accessible(page)
    page.locator("#id_name").fill("Twentse Exportclub")
    page.locator("#id_kind").select_option("ondernemers")
    page.locator("#id_city").fill("Hengelo")
    page.get_by_label("Techniek als motor").check()
    page.locator("#id_is_public_partner").check()
    page.locator("#id_international_activities").fill("Handelsmissies naar Duitsland")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Twentse Exportclub"
    assert "De organisatie is toegevoegd." in page.content()
    organisation_url = page.url
    assert_accessible(page)

    # A person at it.
    page.get_by_role("link", name="Persoon toevoegen").click()
    page.locator("#id_first_name").fill(NAME[0])
    page.locator("#id_last_name").fill(NAME[1])
    page.locator("#id_email").fill("geen-adres")
    page.locator("#id_phone").fill(PHONE)
    page.get_by_label("Duits").check()
    page.locator("#id_purpose").select_option("samenwerking")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    # Bad input is named at the field, in Dutch.
    assert "Voer een geldig e-mailadres in." in page.locator("#id_email").locator("..").inner_text()
    assert_accessible(page)
    page.locator("#id_email").fill(EMAIL)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == " ".join(NAME)
    person_url = page.url
    person = Person.objects.get(email=EMAIL)
    assert_accessible(page)

    # An interaction with a follow-up.
    page.get_by_role("link", name="Contactmoment vastleggen").click()
    assert page.locator("#id_person").input_value() == str(person.pk)
    page.locator("#id_kind").select_option("gesprek")
    page.locator("#id_occurred_on").fill("2024-03-01")
    page.locator("#id_summary").fill(f"{' '.join(NAME)} wil met Emsdetten uitwisselen.")
    page.locator("#id_follow_up_on").fill("2024-02-01")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "De opvolgdatum kan niet voor de datum van het contactmoment liggen." in page.content()
    page.locator("#id_follow_up_on").fill("2024-03-15")
    page.locator("#id_follow_up_note").fill("Subsidiemogelijkheden sturen")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.url == organisation_url
    assert "wil met Emsdetten uitwisselen" in page.content()

    # Found in my follow-ups, overdue.
    page.get_by_role("navigation", name="Contactregister").get_by_role(
        "link", name="Mijn opvolging"
    ).click()
    page.wait_for_load_state()
    row = page.get_by_role("row").filter(has_text="Subsidiemogelijkheden sturen")
    assert "te laat" in row.inner_text()
    visited.append("/contacten/opvolging/")
    assert_accessible(page)

    # An opportunity passed on to a colleague.
    page.goto(person_url)
    page.get_by_role("link", name="Kans of vraag vastleggen").click()
    page.locator("#id_kind").select_option("vraag")
    page.locator("#id_title").fill("Erasmus+-aanvraag voor uitwisseling")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    opportunity_url = page.url
    page.locator("#id_colleague").select_option(
        label="Inge Subsidiedemo (Subsidies en externe betrekkingen)"
    )
    page.get_by_role("button", name="Doorzetten").click()
    page.wait_for_load_state()
    assert "Doorgezet naar Inge Subsidiedemo" in page.content()
    assert Opportunity.objects.get().status == "doorgezet"
    assert_accessible(page)

    # Found in the lists.
    visit("/contacten/kansen/?q=Erasmus")
    assert page.get_by_role("link", name="Erasmus+-aanvraag voor uitwisseling").is_visible()
    assert_accessible(page)
    visit("/contacten/personen/?q=Zeldzaam")
    assert page.get_by_role("link", name=f"{NAME[1]}, {NAME[0]}").is_visible()
    assert_accessible(page)
    visit("/contacten/contactmomenten/?q=Emsdetten")
    assert "wil met Emsdetten uitwisselen" in page.content()
    assert_accessible(page)

    # Export everything about the person, then erase them.
    page.goto(person_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Gegevens exporteren (JSON)").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["persoon"]["e-mailadres"] == EMAIL
    assert data["contactmomenten"][0]["wat er moet gebeuren"] == "Subsidiemogelijkheden sturen"
    assert data["kansen en vragen"][0]["doorgezet naar"] == "Inge Subsidiedemo"
    page.get_by_role("link", name="Persoon wissen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Reden").select_option("verzoek")
    page.get_by_label(re.compile("definitief worden gewist")).check()
    page.get_by_role("button", name="Definitief wissen").click()
    page.wait_for_load_state()
    assert "De persoon is gewist" in page.content()
    assert database_mentions(NAME[1], EMAIL, PHONE) == []
    assert ErasureRecord.objects.count() == 1
    page.goto(person_url)
    assert page.get_by_role("heading", level=1).inner_text() != " ".join(NAME)

    # The same pages refuse anonymous visitors and council members.
    protected = [
        person_url,
        opportunity_url,
        *(live_server.url + path for path in visited if path != "/contacten/"),
    ]
    for user in (None, council_member):
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        other = context.new_page()
        if user is not None:
            other.goto(live_server.url + "/inloggen/")
            other.get_by_label("Gebruikersnaam").fill(user.username)
            other.get_by_label("Wachtwoord").fill("test-wachtwoord")
            other.get_by_role("button", name="Inloggen").last.click()
            other.wait_for_load_state()
        for url in protected:
            response = other.goto(url)
            if user is None:
                assert "/inloggen/" in other.url, url
            else:
                assert response.status == 403, url
        other.goto(organisation_url)
        assert "Twentse Exportclub" in other.content()
        assert "Contactmomenten" not in other.content()
        context.close()


def test_other_registry_pages_are_accessible(
    page, live_server, hengelo, account_manager, browser_login, assert_accessible
):
    browser_login(account_manager)
    for path in (
        "/contacten/eu-subsidies/",
        "/contacten/personen/herbeoordelen/",
        "/contacten/personen/import/",
        "/contacten/inzagelog/",
        "/contacten/wissingen/",
        "/contacten/contactmomenten/nieuw/",
        "/contacten/kansen/nieuw/",
    ):
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible(), path
        assert_accessible(page)


def test_public_partner_list_is_accessible(page, live_server, hengelo, assert_accessible):
    page.goto(live_server.url + "/contacten/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Lokale partners die internationaal actief zijn"
    )
    assert page.get_by_role("link", name="WTC Twente").is_visible()
    assert page.get_by_role("link", name="Provincie Overijssel").count() == 0
    assert_accessible(page)
