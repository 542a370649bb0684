"""AVG duties: export of everything held about a person, erasure everywhere (history included),
the review of stored people, and the log of who read a person's record."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from contacts import services
from contacts.constants import AccessAction
from contacts.models import AccessLog, ErasureRecord, Interaction, Opportunity, Person
from tests.editing import version
from tests.factories import (
    InteractionFactory,
    OpportunityFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def database_mentions(*needles):
    """Every table cell, and every session's decoded data, that contains one of the needles."""
    found = []
    lowered = [needle.lower() for needle in needles]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = " | ".join(str(value) for value in row).lower()
                for needle in lowered:
                    if needle in text:
                        found.append((table, needle))
    for session in Session.objects.all():
        text = json.dumps(SessionStore().decode(session.session_data)).lower()
        found.extend(("session", needle) for needle in lowered if needle in text)
    return found


@pytest.fixture
def rich_person(manager_client, organisation, colleague):
    """A person with a changed record, interactions, an opportunity and readers."""
    manager_client.post(
        reverse("contacts:person-create"),
        {
            "organisation": organisation.pk,
            "first_name": "Wilhelmina",
            "last_name": "Zeldzaamnaam",
            "job_title": "Projectleider",
            "email": "w.zeldzaam@example.org",
            "phone": "+31 74 000 0999",
            "purpose": "subsidie",
            "legal_basis": "toestemming",
            "review_on": "2030-01-01",
            "notes": "Spreekt ook Pools.",
        },
    )
    person = Person.objects.get(last_name="Zeldzaamnaam")
    # A changed e-mail address: the old one lives on only in the history.
    url = reverse("contacts:person-update", kwargs={"pk": person.pk})
    manager_client.post(
        url,
        {
            **version(manager_client, url),
            "organisation": organisation.pk,
            "first_name": "Wilhelmina",
            "last_name": "Zeldzaamnaam",
            "job_title": "Projectleider",
            "email": "wilhelmina.nieuw@example.org",
            "phone": "+31 74 000 0999",
            "purpose": "subsidie",
            "legal_basis": "toestemming",
            "review_on": "2030-01-01",
        },
    )
    manager_client.post(
        reverse("contacts:interaction-create"),
        {
            "organisation": organisation.pk,
            "person": person.pk,
            "kind": "gesprek",
            "occurred_on": "2024-03-01",
            "summary": "Wilhelmina Zeldzaamnaam wil een Erasmus+-aanvraag doen.",
            "follow_up_on": "2024-03-10",
            "follow_up_note": "Mail w.zeldzaam@example.org terug",
        },
    )
    interaction = Interaction.objects.get(person=person)
    # A second version of that interaction, so its history holds the name twice.
    url = reverse("contacts:interaction-update", kwargs={"pk": interaction.pk})
    manager_client.post(
        url,
        {
            **version(manager_client, url),
            "organisation": organisation.pk,
            "person": person.pk,
            "kind": "gesprek",
            "occurred_on": "2024-03-01",
            "summary": (
                "Wilhelmina Zeldzaamnaam wil een Erasmus+-aanvraag doen; bel +31 74 000 0999."
            ),
            "follow_up_on": "2024-03-10",
        },
    )
    # An interaction at another organisation that only mentions her.
    other = OrganisationFactory(name="ROC van Twente")
    InteractionFactory(
        organisation=other, summary="Doorverwezen naar Wilhelmina Zeldzaamnaam van WTC."
    )
    manager_client.post(
        reverse("contacts:opportunity-create"),
        {
            "kind": "vraag",
            "title": "Vraag van Wilhelmina Zeldzaamnaam over Interreg",
            "description": "Zij zoekt partners.",
            "received_on": "2024-03-02",
            "from_organisation": organisation.pk,
            "from_person": person.pk,
            "status": "nieuw",
        },
    )
    opportunity = Opportunity.objects.get(from_person=person)
    manager_client.post(
        opportunity.get_absolute_url(), {"colleague": colleague.pk, "status": "doorgezet"}
    )
    manager_client.get(person.get_absolute_url())
    LogEntry.objects.log_actions(
        user_id=person.interactions.first().logged_by_id,
        queryset=[person],
        action_flag=CHANGE,
        change_message="Gewijzigd in het beheer",
        single_object=True,
    )
    return person


NEEDLES = (
    "Zeldzaamnaam",
    "w.zeldzaam@example.org",
    "wilhelmina.nieuw@example.org",
    "000 0999",
    "Spreekt ook Pools",
)


def test_the_fixture_person_is_everywhere_before_erasure(rich_person):
    tables = {table for table, _needle in database_mentions(*NEEDLES)}
    assert {
        "contacts_person",
        "contacts_historicalperson",
        "contacts_interaction",
        "contacts_historicalinteraction",
        "contacts_opportunity",
        "contacts_historicalopportunity",
        "django_admin_log",
    } <= tables


def test_export_json_holds_everything_about_the_person(manager_client, rich_person):
    response = manager_client.get(
        reverse("contacts:person-export-json", kwargs={"pk": rich_person.pk})
    )
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["persoon"]["e-mailadres"] == "wilhelmina.nieuw@example.org"
    assert data["persoon"]["grondslag"] == "Toestemming"
    assert data["persoon"]["doel van de registratie"] == "Advies over Europese subsidies"
    assert data["persoon"]["organisatie"] == "WTC Twente (Hengelo)"
    assert len(data["contactmomenten"]) == 1
    assert "Erasmus+" in data["contactmomenten"][0]["samenvatting"]
    assert data["kansen en vragen"][0]["status"] == "Doorgezet"
    old_emails = {version["e-mailadres"] for version in data["wijzigingsgeschiedenis"]}
    assert {"w.zeldzaam@example.org", "wilhelmina.nieuw@example.org"} <= old_emails
    assert data["inzagelog"][0]["handeling"] == "Bekeken"
    assert AccessLog.objects.filter(person=rich_person, action=AccessAction.EXPORTED_JSON).exists()


def test_export_csv_holds_the_same(manager_client, rich_person):
    response = manager_client.get(
        reverse("contacts:person-export-csv", kwargs={"pk": rich_person.pk})
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["onderdeel", "nummer", "veld", "waarde"]
    assert ["persoon", "1", "e-mailadres", "wilhelmina.nieuw@example.org"] in rows
    assert ["persoon", "1", "talen", ""] in rows
    sections = {row[0] for row in rows[1:]}
    assert {
        "persoon",
        "contactmomenten",
        "kansen en vragen",
        "wijzigingsgeschiedenis",
        "inzagelog",
    } <= sections
    assert AccessLog.objects.filter(person=rich_person, action=AccessAction.EXPORTED_CSV).exists()


def test_erasure_needs_a_confirmation(manager_client, rich_person):
    response = manager_client.post(
        reverse("contacts:person-erase", kwargs={"pk": rich_person.pk}), {"reason": "verzoek"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"] == [
        "Vink aan dat u de gegevens definitief wilt wissen."
    ]
    assert Person.objects.filter(pk=rich_person.pk).exists()


def test_erasure_removes_the_person_everywhere_including_history(
    manager_client, rich_person, account_manager
):
    interactions_before = Interaction.objects.count()
    response = manager_client.post(
        reverse("contacts:person-erase", kwargs={"pk": rich_person.pk}),
        {"reason": "verzoek", "confirm": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:person-list")

    assert database_mentions(*NEEDLES) == []
    assert not Person.objects.filter(pk=rich_person.pk).exists()
    assert not Person.history.filter(id=rich_person.pk).exists()
    # The organisation's own records stay, unlinked and with the person taken out of the text.
    assert Interaction.objects.count() == interactions_before
    interaction = Interaction.objects.get(organisation__name="WTC Twente")
    assert interaction.person is None
    assert interaction.summary.startswith("[gewist] wil een Erasmus+-aanvraag doen")
    assert "[gewist]" in Interaction.objects.get(organisation__name="ROC van Twente").summary
    opportunity = Opportunity.objects.get()
    assert opportunity.from_person is None
    assert opportunity.title == "Vraag van [gewist] over Interreg"
    assert opportunity.assigned_to is not None
    assert not Opportunity.history.filter(from_person_id=rich_person.pk).exists()
    # Who read the record stays known; whose record it was does not.
    assert AccessLog.objects.filter(person__isnull=True).count() >= 1

    record = ErasureRecord.objects.get()
    assert record.erased_by == account_manager
    assert record.reason == "verzoek"
    assert record.interactions_anonymised == 2
    assert record.opportunities_anonymised == 1
    assert record.history_rows_removed == 3  # created, changed, deleted
    assert record.history_rows_anonymised >= 4
    page = manager_client.get(reverse("contacts:erasure-list")).content.decode()
    assert "Verzoek van de betrokkene" in page


def test_erasure_message_does_not_name_the_person(manager_client, rich_person):
    response = manager_client.post(
        reverse("contacts:person-erase", kwargs={"pk": rich_person.pk}),
        {"reason": "verzoek", "confirm": "on"},
        follow=True,
    )
    content = response.content.decode()
    assert "De persoon is gewist" in content
    assert "Zeldzaamnaam" not in content


def test_reading_a_person_is_logged_and_the_log_can_be_read(
    manager_client, person, account_manager
):
    manager_client.get(person.get_absolute_url())
    manager_client.get(person.get_absolute_url())
    entries = AccessLog.objects.filter(person=person)
    assert entries.count() == 2
    assert {entry.user for entry in entries} == {account_manager}
    log = manager_client.get(reverse("contacts:access-log"), {"person": person.pk})
    content = log.content.decode()
    assert content.count("Bekeken") >= 2
    assert "accountmanager" in content


def test_reading_a_person_in_the_admin_is_logged(client, person, django_user_model):
    admin = django_user_model.objects.create_superuser("beheer", password="test-wachtwoord")
    client.force_login(admin)
    response = client.get(reverse("admin:contacts_person_change", args=[person.pk]))
    assert response.status_code == 200
    assert AccessLog.objects.filter(
        person=person, user=admin, action=AccessAction.VIEWED_IN_ADMIN
    ).exists()


def test_exporting_the_people_list_logs_each_person(manager_client, organisation):
    people = PersonFactory.create_batch(3, organisation=organisation)
    response = manager_client.get(reverse("contacts:person-export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert all(person.email in text for person in people)
    assert AccessLog.objects.filter(action=AccessAction.EXPORTED_CSV).count() == 3


def test_the_people_list_logs_each_person_shown_once_with_who_and_when(
    manager_client, account_manager, organisation
):
    shown = PersonFactory.create_batch(3, organisation=organisation)
    before = timezone.now()
    manager_client.get(reverse("contacts:person-list"))
    entries = list(AccessLog.objects.filter(action=AccessAction.VIEWED))
    assert sorted(entry.person_id for entry in entries) == sorted(person.pk for person in shown)
    assert {entry.user for entry in entries} == {account_manager}
    assert len({entry.at for entry in entries}) == 1
    assert before <= entries[0].at <= timezone.now()


def test_a_bulk_access_of_hundreds_of_people_logs_every_one(account_manager, organisation):
    """Written in batches (SQLite) or as one array (PostgreSQL): nobody is left out."""
    people = PersonFactory.create_batch(450, organisation=organisation)
    services.log_bulk_access(
        [person.pk for person in people], account_manager, AccessAction.EXPORTED_CSV
    )
    logged = AccessLog.objects.filter(user=account_manager, action=AccessAction.EXPORTED_CSV)
    assert sorted(logged.values_list("person_id", flat=True)) == sorted(p.pk for p in people)
    services.log_bulk_access([], account_manager, AccessAction.EXPORTED_CSV)
    assert logged.count() == 450


def test_review_list_shows_overdue_people_to_confirm_or_erase(manager_client, organisation):
    today = timezone.localdate()
    overdue = PersonFactory(
        organisation=organisation,
        last_name="Verlopen",
        review_on=today - datetime.timedelta(days=3),
    )
    PersonFactory(
        organisation=organisation, last_name="Actueel", review_on=today + datetime.timedelta(days=3)
    )
    content = manager_client.get(reverse("contacts:review-list")).content.decode()
    assert "Verlopen" in content and "Actueel" not in content
    assert reverse("contacts:person-erase", kwargs={"pk": overdue.pk}) in content

    response = manager_client.post(
        reverse("contacts:person-confirm-review", kwargs={"pk": overdue.pk})
    )
    assert response["Location"] == reverse("contacts:review-list")
    overdue.refresh_from_db()
    assert overdue.last_reviewed_on == today
    assert overdue.review_on == today + datetime.timedelta(days=365)
    assert "Verlopen" not in manager_client.get(reverse("contacts:review-list")).content.decode()


def test_review_command_reports_overdue_people_without_names(organisation):
    today = timezone.localdate()
    overdue = PersonFactory(
        organisation=organisation,
        last_name="Verlopen",
        email="verlopen@example.org",
        review_on=today - datetime.timedelta(days=3),
    )
    PersonFactory(organisation=organisation, review_on=today + datetime.timedelta(days=3))
    out = io.StringIO()
    call_command("contacts_review", stdout=out)
    text = out.getvalue()
    assert "1 personen te herbeoordelen" in text
    assert f"persoon {overdue.pk:>7}" in text
    assert "WTC Twente" in text and "3 dagen te laat" in text
    assert "Verlopen" not in text and "verlopen@example.org" not in text

    with pytest.raises(CommandError) as error:
        call_command("contacts_review", "--fail", stdout=io.StringIO())
    assert error.value.returncode == 1


def test_review_command_with_nothing_overdue(organisation):
    out = io.StringIO()
    call_command("contacts_review", stdout=out)
    assert "Geen personen te herbeoordelen" in out.getvalue()


def test_access_log_and_erasure_records_cannot_be_edited_in_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("beheer", password="test-wachtwoord")
    client.force_login(admin)
    assert client.get(reverse("admin:contacts_accesslog_add")).status_code == 403
    assert client.get(reverse("admin:contacts_erasurerecord_add")).status_code == 403


def test_opportunity_without_person_survives_erasure_untouched(manager_client, person):
    other = OpportunityFactory(title="Algemene vraag over CEF")
    manager_client.post(
        reverse("contacts:person-erase", kwargs={"pk": person.pk}),
        {"reason": "herbeoordeling", "confirm": "on"},
    )
    other.refresh_from_db()
    assert other.title == "Algemene vraag over CEF"
    assert ContentType.objects.get_for_model(Person)  # content types are left alone
