"""CSV import: a dry run names every bad row in Dutch; one bad row and nothing is saved."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contacts.models import Organisation, Person
from core.models import PendingUpload
from tests.factories import LanguageFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ORGANISATIONS_OK = (
    "naam;soort;plaats;land;website;thema's;netwerken;openbare_partner;internationale_activiteiten\n"
    "Twentse Exportclub;ondernemers;Hengelo;NL;https://www.example.nl/;techniek-als-motor;"
    "euregio;ja;Handelsmissies\n"
    "Heimatverein Gronau;Duitse partner;Gronau;de;;cultuur, sport;;nee;\n"
)


def upload(client, url, text, name="bestand.csv"):
    return client.post(url, {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


def problems(response):
    return [(p.row, p.column, str(p.message)) for p in response.context["report"].problems]


def test_dry_run_shows_the_rows_and_saves_nothing_until_confirmed(manager_client, hengelo):
    url = reverse("contacts:organisation-import")
    before = Organisation.objects.count()
    response = upload(manager_client, url, ORGANISATIONS_OK)
    content = response.content.decode()
    assert "Proefimport: alle 2 rijen zijn in orde." in content
    assert "Twentse Exportclub" in content and "Heimatverein Gronau" in content
    assert Organisation.objects.count() == before

    response = manager_client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert Organisation.objects.count() == before + 2
    club = Organisation.objects.get(name="Twentse Exportclub")
    assert club.is_public_partner
    assert club.kind == "ondernemers"
    assert list(club.themes.values_list("code", flat=True)) == ["techniek-als-motor"]
    assert list(club.networks.values_list("slug", flat=True)) == ["euregio"]
    gronau = Organisation.objects.get(name="Heimatverein Gronau")
    assert gronau.kind == "duitse_partner" and gronau.country == "DE"
    assert set(gronau.themes.values_list("code", flat=True)) == {"cultuur", "sport"}
    # The checked file is gone from the session once it is imported.
    assert manager_client.post(url, {"confirm": "1"}).status_code == 302
    assert Organisation.objects.count() == before + 2


def test_every_bad_row_is_named_and_nothing_is_saved(manager_client, hengelo):
    text = (
        "naam,soort,plaats,land,website,thema's,openbare_partner\n"
        "Goede Organisatie,overig,Hengelo,NL,,,nee\n"
        "WTC Twente,ondernemers,Hengelo,NL,,,ja\n"
        "Zonder Plaats,overig,,NL,,,nee\n"
        "Kasteel,kasteel,Delden,NL,,,nee\n"
        "Slechte Site,overig,Almelo,NL,geen-url,,nee\n"
        "Onbekend Thema,overig,Almelo,NL,,ruimtevaart,nee\n"
        "Twijfel,overig,Almelo,NL,,,misschien\n"
        "goede organisatie,overig,HENGELO,NL,,,nee\n"
    )
    before = Organisation.objects.count()
    response = upload(manager_client, reverse("contacts:organisation-import"), text)
    found = problems(response)
    assert (3, "naam", "Er is al een organisatie met deze naam in deze plaats.") in found
    assert (4, "plaats", "Dit veld is verplicht.") in found
    assert any(row == 5 and column == "soort" for row, column, _ in found)
    assert (6, "website", "Voer een geldige URL in.") in found
    assert any(
        row == 7 and column == "thema's" and "ruimtevaart" in msg for row, column, msg in found
    )
    assert (8, "openbare_partner", "Vul 'ja' of 'nee' in, niet 'misschien'.") in found
    assert (9, "naam", "Deze organisatie staat al in rij 2 van het bestand.") in found
    assert not any(row == 2 for row, _column, _message in found)
    content = response.content.decode()
    assert "Er zijn 7 fouten gevonden. Er is niets opgeslagen." in content
    assert Organisation.objects.count() == before
    # Nothing waits in the session: confirming imports nothing.
    manager_client.post(reverse("contacts:organisation-import"), {"confirm": "1"})
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("naam;land\nX;NL\n", "De kolom 'plaats' ontbreekt."),
        ("naam;plaats;kleur\nX;Hengelo;rood\n", "Onbekende kolom 'kleur'."),
        ("naam;plaats\n", "Het bestand bevat geen rijen."),
        ("\n", "Het bestand is leeg."),
        ("naam;plaats\nX;Hengelo;extra\n", "Deze rij heeft meer cellen dan de kopregel."),
    ],
)
def test_broken_files_are_explained(manager_client, db, text, message):
    response = upload(manager_client, reverse("contacts:organisation-import"), text)
    assert any(found.startswith(message) for _row, _column, found in problems(response))
    assert Organisation.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused(manager_client, db):
    response = manager_client.post(
        reverse("contacts:organisation-import"),
        {"file": SimpleUploadedFile("x.csv", "naam;plaats\nMünster;Münster\n".encode("cp1252"))},
    )
    assert response.context["form"].errors["file"] == [
        "Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'."
    ]


def test_rows_that_became_bad_after_the_dry_run_stop_the_import(manager_client, hengelo):
    url = reverse("contacts:organisation-import")
    upload(manager_client, url, ORGANISATIONS_OK)
    OrganisationFactory(name="Twentse Exportclub", city="Hengelo")
    before = Organisation.objects.count()
    response = manager_client.post(url, {"confirm": "1"})
    assert response.status_code == 200
    assert (2, "naam", "Er is al een organisatie met deze naam in deze plaats.") in problems(
        response
    )
    assert Organisation.objects.count() == before


def test_people_import_checks_organisation_email_and_phone(manager_client, organisation):
    LanguageFactory(code="nl")
    LanguageFactory(code="de")
    url = reverse("contacts:person-import")
    bad = (
        "voornaam;achternaam;organisatie;plaats;e-mail;telefoon;talen;doel\n"
        "Sanne;Voorbeeld;WTC Twente;Hengelo;sanne@example.org;+31 74 000 0101;nl,Duits;"
        "samenwerking\n"
        "Piet;Nergens;Bestaat Niet;Hengelo;piet@example.org;;;samenwerking\n"
        "Kees;Fout;WTC Twente;Hengelo;kees@;bel me;;samenwerking\n"
        "Anna;Zonderdoel;WTC Twente;Hengelo;;;;\n"
    )
    response = upload(manager_client, url, bad)
    found = problems(response)
    assert (
        3,
        "organisatie",
        "De organisatie 'Bestaat Niet' in 'Hengelo' staat niet in het register; voeg of "
        "importeer haar eerst.",
    ) in found
    assert (4, "e-mail", "Voer een geldig e-mailadres in.") in found
    assert any(row == 4 and column == "telefoon" for row, column, _ in found)
    assert (5, "doel", "Dit veld is verplicht.") in found
    assert Person.objects.count() == 0

    good = bad.split("\n")[0] + "\n" + bad.split("\n")[1] + "\n"
    response = upload(manager_client, url, good)
    assert response.context["report"].ok
    manager_client.post(url, {"confirm": "1"})
    person = Person.objects.get()
    assert person.organisation == organisation
    assert set(person.languages.values_list("code", flat=True)) == {"nl", "de"}
    assert person.legal_basis == "gerechtvaardigd_belang"


def test_example_file_can_be_downloaded_and_names_the_columns(manager_client, db):
    response = manager_client.get(reverse("contacts:person-import"), {"voorbeeld": "1"})
    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith("voornaam;achternaam;organisatie;plaats")


def test_a_checked_file_expires(manager_client, hengelo):
    url = reverse("contacts:organisation-import")
    upload(manager_client, url, ORGANISATIONS_OK)
    before = Organisation.objects.count()
    with time_machine.travel(timezone.now() + timedelta(minutes=30, seconds=1)):
        response = manager_client.post(url, {"confirm": "1"}, follow=True)
    assert "controleer het opnieuw" in response.content.decode()
    assert Organisation.objects.count() == before
    assert not PendingUpload.objects.exists()


def test_checked_personal_data_stays_out_of_the_session_and_is_deleted_unconfirmed(
    manager_client, organisation
):
    url = reverse("contacts:person-import")
    text = (
        "voornaam;achternaam;organisatie;plaats;e-mail;telefoon;doel\n"
        "Sanne;Voorbeeld;WTC Twente;Hengelo;sanne@example.org;+31 74 000 0101;samenwerking\n"
    )
    assert upload(manager_client, url, text).context["report"].ok
    stored = PendingUpload.objects.get()
    assert b"sanne@example.org" in bytes(stored.content)
    assert stored.owner.username == "accountmanager"
    session = manager_client.session
    assert not any("sanne" in str(value).lower() for value in session.values())
    assert str(stored.pk) in session.values()  # only an opaque id
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        call_command("delete_expired_uploads", stdout=StringIO())
        assert PendingUpload.objects.exists()
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        call_command("delete_expired_uploads", stdout=StringIO())
    assert not PendingUpload.objects.exists()
    manager_client.post(url, {"confirm": "1"})
    assert Person.objects.count() == 0


# --- shared with the budget import (core.imports, django-import-export) ------------------------


def test_the_report_has_the_shape_of_every_import_of_the_portal(manager_client, hengelo):
    from core.imports import ImportReport

    response = upload(manager_client, reverse("contacts:organisation-import"), ORGANISATIONS_OK)
    report = response.context["report"]
    assert isinstance(report, ImportReport)
    assert report.total_rows == 2 and [change.row for change in report.new] == [2, 3]
    assert report.preview[0] == {
        "row": 2,
        "values": ["Twentse Exportclub", "ondernemers", "Hengelo", "NL", "ja"],
    }


def test_rows_are_numbered_as_in_the_file_also_after_blank_lines(manager_client, hengelo):
    text = "naam;plaats;website\n\nGoed;Hengelo;\n;;\nFout;Almelo;geen-url\nGoed;HENGELO;\n"
    response = upload(manager_client, reverse("contacts:organisation-import"), text)
    found = problems(response)
    assert (5, "website", "Voer een geldige URL in.") in found
    assert (6, "naam", "Deze organisatie staat al in rij 3 van het bestand.") in found


def test_a_column_named_twice_is_refused_before_any_row_is_read(manager_client, db):
    text = "naam;plaats;naam\nX;Hengelo;Y\n"
    response = upload(manager_client, reverse("contacts:organisation-import"), text)
    assert (1, "naam", "Deze kolom staat er twee keer in.") in problems(response)


def test_a_file_beyond_the_row_limit_is_refused_before_its_rows_are_checked(
    manager_client, db, monkeypatch
):
    monkeypatch.setattr("core.imports.MAX_ROWS", 3)
    text = "naam;plaats\n" + "".join(f"Organisatie {n};Hengelo\n" for n in range(4))
    response = upload(manager_client, reverse("contacts:organisation-import"), text)
    [(row, column, message)] = problems(response)
    assert message.startswith("Het bestand heeft meer dan 3 rijen")
    assert Organisation.objects.count() == 0


def test_a_row_that_fails_while_saving_rolls_back_the_rows_before_it(
    manager_client, hengelo, monkeypatch
):
    """All or nothing also when the database refuses a row the dry run passed."""
    url = reverse("contacts:organisation-import")
    upload(manager_client, url, ORGANISATIONS_OK)
    before = Organisation.objects.count()
    original = Organisation.save

    def refuse_gronau(self, *args, **kwargs):
        if self.name == "Heimatverein Gronau":
            raise RuntimeError("database refused the row")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Organisation, "save", refuse_gronau)
    response = manager_client.post(url, {"confirm": "1"})
    assert response.status_code == 200
    assert [(row, message) for row, _column, message in problems(response)] == [
        (3, "database refused the row")
    ]
    assert Organisation.objects.count() == before


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("contacts:organisation-import", "Organisaties importeren"),
        ("contacts:person-import", "Personen importeren"),
    ],
)
def test_the_import_page_title_starts_with_a_capital_as_its_heading(
    manager_client, db, name, title
):
    content = manager_client.get(reverse(name)).content.decode()
    assert f"<title>{title} · " in content
    assert f">{title}</h1>" in content
