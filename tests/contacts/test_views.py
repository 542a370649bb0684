"""The accountmanager's pages: what is stored, what is shown, Dutch messages at the field."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from contacts.constants import OpportunityStatus
from contacts.models import Interaction, Opportunity, Organisation, Person
from tests.factories import (
    ColleagueFactory,
    InteractionFactory,
    LanguageFactory,
    OpportunityFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def field_errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


# --- organisations -----------------------------------------------------------------------------


def test_organisation_form_stores_the_record(manager_client, hengelo):
    from networks.models import Network, Theme

    theme = Theme.objects.get(code="techniek-als-motor")
    network = Network.objects.get(slug="euregio")
    response = manager_client.post(
        reverse("contacts:organisation-create"),
        {
            "name": "Twentse Exportclub",
            "kind": "ondernemers",
            "city": "Hengelo",
            "country": "nl",
            "website": "https://www.example.nl/",
            "themes": [theme.pk],
            "networks": [network.pk],
            "is_public_partner": "on",
            "international_activities": "Handelsmissies naar Duitsland",
        },
    )
    organisation = Organisation.objects.get(name="Twentse Exportclub")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.country == "NL"
    assert list(organisation.themes.all()) == [theme]
    assert list(organisation.networks.all()) == [network]
    assert organisation in Organisation.objects.public_partners()
    page = manager_client.get(response["Location"]).content.decode()
    assert "Handelsmissies naar Duitsland" in page
    assert "EUREGIO" in page


def test_duplicate_organisation_gets_a_dutch_message_at_the_name(manager_client, organisation):
    response = manager_client.post(
        reverse("contacts:organisation-create"),
        {"name": "wtc twente", "kind": "overig", "city": "HENGELO", "country": "NL"},
    )
    assert response.status_code == 200
    assert field_errors(response, "name") == [
        "Er is al een organisatie met deze naam in deze plaats."
    ]
    assert Organisation.objects.count() == 1
    # The same name in another city is a different organisation.
    response = manager_client.post(
        reverse("contacts:organisation-create"),
        {"name": "WTC Twente", "kind": "overig", "city": "Enschede", "country": "NL"},
    )
    assert response.status_code == 302


def test_bad_country_code_is_refused(manager_client, db):
    response = manager_client.post(
        reverse("contacts:organisation-create"),
        {"name": "X", "kind": "overig", "city": "Gronau", "country": "D"},
    )
    assert field_errors(response, "country") == [
        "Voer een landcode van twee hoofdletters in, bijvoorbeeld NL of DE."
    ]


def listed(content, name):
    """Say whether the list shows a link to the organisation with this name."""
    organisation = Organisation.objects.get(name=name)
    return f'href="{organisation.get_absolute_url()}">{name}</a>' in content


def test_organisation_list_filters_and_searches(manager_client, hengelo):
    response = manager_client.get(reverse("contacts:organisation-list"), {"kind": "duitse_partner"})
    content = response.content.decode()
    assert listed(content, "Stadt Emsdetten") and listed(content, "Stadt Münster")
    assert not listed(content, "WTC Twente")
    response = manager_client.get(reverse("contacts:organisation-list"), {"q": "emsdetten"})
    assert listed(response.content.decode(), "Stadt Emsdetten")
    assert not listed(response.content.decode(), "ROC van Twente")
    response = manager_client.get(reverse("contacts:organisation-list"), {"public": "ja"})
    content = response.content.decode()
    for name in ("WTC Twente", "Expat Center Twente", "ROZ", "ROC van Twente"):
        assert listed(content, name)
    assert not listed(content, "Provincie Overijssel")
    networks = manager_client.get(
        reverse("contacts:organisation-list"),
        {"networks": Organisation.objects.get(name="Stadt Münster").networks.get().pk},
    ).content.decode()
    assert listed(networks, "Stadt Münster") and listed(networks, "Stadt Osnabrück")
    assert not listed(networks, "Stadt Ahlen")


def test_a_bad_filter_value_is_dropped_with_a_message(manager_client, hengelo):
    response = manager_client.get(reverse("contacts:organisation-list"), {"kind": "kasteel"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "is genegeerd" in content
    assert listed(content, "WTC Twente")


def test_organisation_export_lists_the_filtered_rows(manager_client, hengelo):
    response = manager_client.get(reverse("contacts:organisation-export"), {"country": "de"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("naam;soort;plaats;land")
    assert any(line.startswith("Stadt Emsdetten;Duitse partner;Emsdetten;DE") for line in lines)
    assert all(";DE;" in line for line in lines[1:])


def test_seed_organisations_are_loaded_without_people(hengelo):
    names = set(Organisation.objects.values_list("name", flat=True))
    for name in (
        "WTC Twente",
        "Expat Center Twente",
        "ROZ",
        "ROC van Twente",
        "Montessori College Twente",
        "Regio Twente",
        "Gemeente Enschede",
        "Stadt Emsdetten",
        "Provincie Overijssel",
        "Regio Achterhoek",
    ):
        assert name in names
    assert Person.objects.count() == 0
    emsdetten = Organisation.objects.get(name="Stadt Emsdetten")
    assert emsdetten.country == "DE"
    assert emsdetten.networks.filter(slug="stedenband-emsdetten").exists()
    assert emsdetten.efforts.filter(year=2018, number=11).exists()


# --- people ------------------------------------------------------------------------------------


def person_data(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "first_name": "Sanne",
        "last_name": "Voorbeeld",
        "job_title": "Adviseur",
        "email": "sanne@example.org",
        "phone": "+31 74 000 0101",
        "purpose": "samenwerking",
        "legal_basis": "gerechtvaardigd_belang",
        "review_on": "2030-01-01",
    }
    data.update(overrides)
    return data


def test_accountmanager_adds_a_person(manager_client, organisation):
    dutch = LanguageFactory(code="nl")
    german = LanguageFactory(code="de")
    response = manager_client.post(
        reverse("contacts:person-create"),
        person_data(organisation, languages=[dutch.pk, german.pk]),
    )
    person = Person.objects.get()
    assert response["Location"] == person.get_absolute_url()
    assert set(person.languages.values_list("code", flat=True)) == {"nl", "de"}
    page = manager_client.get(person.get_absolute_url()).content.decode()
    assert "sanne@example.org" in page
    assert "Gerechtvaardigd belang" in page
    assert "Contactpersoon voor samenwerking" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "sanne@", "Voer een geldig e-mailadres in."),
        (
            "phone",
            "bel me",
            "Voer een geldig telefoonnummer in: alleen cijfers, spaties, haakjes en streepjes, "
            "eventueel met + ervoor, bijvoorbeeld +31 74 000 0001.",
        ),
        ("phone", "12", None),
        ("purpose", "", "Dit veld is verplicht."),
    ],
)
def test_bad_person_input_gets_a_dutch_message_at_the_field(
    manager_client, organisation, field, value, message
):
    response = manager_client.post(
        reverse("contacts:person-create"), person_data(organisation, **{field: value})
    )
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors
    if message:
        assert errors == [message]
    assert Person.objects.count() == 0


def test_a_refused_contact_form_says_at_the_top_that_nothing_was_saved(
    manager_client, organisation
):
    # As the other editing forms do: the summary above the form, the messages at the fields.
    summary = "Niet opgeslagen. Verbeter de velden met een melding."
    response = manager_client.post(
        reverse("contacts:person-create"), person_data(organisation, email="sanne@")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert summary in content
    assert content.index(summary) < content.index("Voer een geldig e-mailadres in.")
    assert summary not in manager_client.get(reverse("contacts:person-create")).content.decode()
    response = manager_client.post(reverse("contacts:organisation-create"), {"name": ""})
    assert response.status_code == 200 and summary in response.content.decode()
    assert Person.objects.count() == 0


def test_person_list_searches_and_filters_overdue_reviews(manager_client, organisation):
    today = timezone.localdate()
    PersonFactory(
        organisation=organisation,
        last_name="Verlopen",
        review_on=today - datetime.timedelta(days=1),
    )
    PersonFactory(
        organisation=organisation,
        last_name="Actueel",
        review_on=today + datetime.timedelta(days=30),
    )
    content = manager_client.get(
        reverse("contacts:person-list"), {"overdue": "ja"}
    ).content.decode()
    assert "Verlopen" in content and "Actueel" not in content
    content = manager_client.get(reverse("contacts:person-list"), {"q": "actueel"}).content.decode()
    assert "Actueel" in content and "Verlopen" not in content


# --- interactions and follow-ups ---------------------------------------------------------------


def test_accountmanager_logs_an_interaction_with_a_follow_up(
    manager_client, person, account_manager
):
    response = manager_client.post(
        reverse("contacts:interaction-create"),
        {
            "organisation": person.organisation.pk,
            "person": person.pk,
            "kind": "gesprek",
            "occurred_on": "2024-03-01",
            "summary": "Kennismaking over Erasmus+.",
            "follow_up_on": "2024-03-15",
            "follow_up_note": "Informatie sturen",
        },
    )
    interaction = Interaction.objects.get()
    assert response["Location"] == person.organisation.get_absolute_url()
    assert interaction.logged_by == account_manager
    assert interaction.person == person
    follow_ups = manager_client.get(reverse("contacts:follow-up-list")).content.decode()
    assert "Informatie sturen" in follow_ups
    assert "te laat" in follow_ups


def test_follow_up_before_the_interaction_is_refused_at_the_field(manager_client, person):
    response = manager_client.post(
        reverse("contacts:interaction-create"),
        {
            "organisation": person.organisation.pk,
            "kind": "telefoon",
            "occurred_on": "2024-03-10",
            "summary": "Gebeld.",
            "follow_up_on": "2024-03-01",
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "follow_up_on") == [
        "De opvolgdatum kan niet voor de datum van het contactmoment liggen."
    ]
    assert response.context["form"].non_field_errors() == []
    assert Interaction.objects.count() == 0


def test_person_of_another_organisation_is_refused(manager_client, person, private_organisation):
    response = manager_client.post(
        reverse("contacts:interaction-create"),
        {
            "organisation": private_organisation.pk,
            "person": person.pk,
            "kind": "telefoon",
            "occurred_on": "2024-03-10",
            "summary": "Gebeld.",
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "person")
    assert Interaction.objects.count() == 0


def test_interaction_form_offers_only_the_people_of_the_organisation(manager_client, person):
    other = PersonFactory(last_name="Elders")
    response = manager_client.get(
        reverse("contacts:interaction-create"), {"organisation": person.organisation.pk}
    )
    choices = [label for _value, label in response.context["form"].fields["person"].choices]
    assert "Sanne Voorbeeld" in choices
    assert str(other) not in choices
    options = manager_client.get(
        reverse("contacts:person-options"), {"organisation": person.organisation.pk}
    ).json()
    assert options == {"people": [{"id": person.pk, "name": "Sanne Voorbeeld"}]}


@pytest.mark.parametrize("bad", ["²", "99999999999999999999", "-3"])
def test_a_bad_record_number_in_the_address_is_ignored_not_a_crash(manager_client, person, bad):
    """'²' passes str.isdigit() but not int(); a number beyond 2**63 overflows the database
    driver. Links carry these numbers, so a mistyped address must still give the page."""
    for name, params in [
        ("contacts:person-options", {"organisation": bad}),
        ("contacts:person-list", {"organisation": bad}),
        ("contacts:person-create", {"organisation": bad}),
        ("contacts:interaction-list", {"organisation": bad}),
        ("contacts:interaction-list", {"person": bad}),
        ("contacts:interaction-export", {"person": bad}),
        ("contacts:interaction-create", {"organisation": bad}),
        ("contacts:interaction-create", {"person": bad}),
        ("contacts:opportunity-list", {"from_organisation": bad}),
        ("contacts:opportunity-create", {"organisation": bad}),
        ("contacts:opportunity-create", {"person": bad}),
        ("contacts:access-log", {"person": bad}),
    ]:
        response = manager_client.get(reverse(name), params)
        assert response.status_code == 200, (name, params)
    assert manager_client.get(reverse("contacts:person-options"), {"organisation": bad}).json() == {
        "people": []
    }


def test_my_follow_ups_come_overdue_first_and_only_mine(
    manager_client, account_manager, organisation, make_user
):
    today = timezone.localdate()
    colleague_user = make_user("andere-accountmanager", "accountmanager")
    later = InteractionFactory(
        organisation=organisation,
        logged_by=account_manager,
        occurred_on=today,
        follow_up_on=today + datetime.timedelta(days=5),
        follow_up_note="Later",
    )
    overdue = InteractionFactory(
        organisation=organisation,
        logged_by=account_manager,
        occurred_on=today - datetime.timedelta(days=20),
        follow_up_on=today - datetime.timedelta(days=3),
        follow_up_note="Te laat",
    )
    InteractionFactory(
        organisation=organisation,
        logged_by=colleague_user,
        occurred_on=today,
        follow_up_on=today,
        follow_up_note="Van een ander",
    )
    InteractionFactory(
        organisation=organisation,
        logged_by=account_manager,
        occurred_on=today,
        follow_up_on=today,
        follow_up_done_on=today,
        follow_up_note="Al gedaan",
    )
    response = manager_client.get(reverse("contacts:follow-up-list"))
    assert list(response.context["object_list"]) == [overdue, later]
    content = response.content.decode()
    assert content.index("Te laat") < content.index("Later")
    assert "Van een ander" not in content and "Al gedaan" not in content
    assert "waarvan 1 te laat" in content

    manager_client.post(reverse("contacts:follow-up-done", kwargs={"pk": overdue.pk}))
    overdue.refresh_from_db()
    assert overdue.follow_up_done_on == today
    assert list(manager_client.get(reverse("contacts:follow-up-list")).context["object_list"]) == [
        later
    ]


# --- opportunities -----------------------------------------------------------------------------


def test_opportunity_is_passed_on_to_a_colleague_with_history(
    manager_client, person, colleague, account_manager
):
    response = manager_client.post(
        reverse("contacts:opportunity-create"),
        {
            "kind": "vraag",
            "title": "Hulp bij Erasmus+-aanvraag",
            "received_on": "2024-03-01",
            "from_organisation": person.organisation.pk,
            "from_person": person.pk,
            "status": "nieuw",
        },
    )
    opportunity = Opportunity.objects.get()
    assert response["Location"] == opportunity.get_absolute_url()
    assert opportunity.created_by == account_manager

    response = manager_client.post(
        opportunity.get_absolute_url(), {"colleague": colleague.pk, "status": "doorgezet"}
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.PASSED_ON
    assert opportunity.assigned_to == colleague
    assert opportunity.department == colleague.department

    page = manager_client.get(opportunity.get_absolute_url()).content.decode()
    assert "Doorgezet naar" in page
    assert "Status: <del>Nieuw</del> → Doorgezet" in page
    assert "accountmanager" in page
    listing = manager_client.get(
        reverse("contacts:opportunity-list"), {"assigned_to": colleague.pk}
    ).content.decode()
    assert "Hulp bij Erasmus+-aanvraag" in listing


def test_pass_on_without_a_colleague_says_so(manager_client, db):
    opportunity = OpportunityFactory()
    response = manager_client.post(opportunity.get_absolute_url(), {"status": "doorgezet"})
    assert response.status_code == 400
    assert "Kies de collega die de kans of vraag oppakt." in response.content.decode()


@pytest.mark.parametrize("status", ["doorgezet", "opgepakt", "afgerond"])
def test_status_that_needs_someone_without_anyone_is_refused(manager_client, db, status):
    response = manager_client.post(
        reverse("contacts:opportunity-create"),
        {
            "kind": "kans",
            "title": "Interreg-project",
            "received_on": "2024-03-01",
            "status": status,
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "assigned_to") == [
        "Kies een afdeling of collega: met deze status moet iemand de kans of vraag hebben."
    ]
    assert Opportunity.objects.count() == 0


def test_choosing_a_colleague_fills_in_the_department(manager_client, colleague):
    manager_client.post(
        reverse("contacts:opportunity-create"),
        {
            "kind": "kans",
            "title": "Interreg-project",
            "received_on": "2024-03-01",
            "status": "doorgezet",
            "assigned_to": colleague.pk,
        },
    )
    assert Opportunity.objects.get().department == colleague.department


def test_expertise_is_findable_by_programme_and_theme(client, hengelo):
    from contacts.models import GrantExpertise, GrantProgramme
    from networks.models import Theme

    colleague = ColleagueFactory(name="Inge Subsidiedemo")
    interreg = GrantExpertise.objects.create(
        colleague=colleague,
        programme=GrantProgramme.objects.get(code="interreg"),
        experience="Grensprogramma",
    )
    interreg.themes.set([Theme.objects.get(code="cultuur")])
    GrantExpertise.objects.create(
        colleague=ColleagueFactory(),
        programme=GrantProgramme.objects.get(code="erasmus-plus"),
        experience="Uitwisselingen",
    )
    programme = GrantProgramme.objects.get(code="interreg")
    content = client.get(
        reverse("contacts:expertise-list"), {"programme": programme.pk}
    ).content.decode()
    assert "Grensprogramma" in content and "Uitwisselingen" not in content
    theme = Theme.objects.get(code="cultuur")
    content = client.get(reverse("contacts:expertise-list"), {"themes": theme.pk}).content.decode()
    assert "Grensprogramma" in content and "Uitwisselingen" not in content


def test_demo_contacts_load_only_with_debug(hengelo, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_contacts")
    assert Person.objects.count() == 0
    settings.DEBUG = True
    call_command("load_demo_contacts", stdout=io.StringIO())
    call_command("load_demo_contacts", stdout=io.StringIO())
    assert Person.objects.count() == 12
    domains = {email.rsplit("@", 1)[1] for email in Person.objects.values_list("email", flat=True)}
    assert domains <= {"example.org", "example.nl"}
    assert Opportunity.objects.filter(status="doorgezet", assigned_to__isnull=False).exists()


@pytest.mark.parametrize(
    "bad", ["-18446744073709469696", "18446744073709551616", "+9223372036854775808"]
)
def test_a_record_number_beyond_64_bits_in_a_form_gets_a_message_not_a_crash(
    manager_client, hengelo, bad
):
    """Found by the fuzz test: a negative number below -2**63 in a multiple choice overflowed
    SQLite's integer (OverflowError, a 500); now the field says the choice is not valid."""
    response = manager_client.post(
        reverse("contacts:organisation-create"),
        {"name": "Overloopclub", "kind": "ondernemers", "country": "nl", "networks": [bad]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["networks"]
    assert not Organisation.objects.filter(name="Overloopclub").exists()
