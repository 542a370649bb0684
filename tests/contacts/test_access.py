"""Every URL of the contact registry, tried as each role, with the outcome the issue asks for:
the accountmanager sees and edits everything, council members and other staff see
organisations (not people), the public sees only the public partners."""

import pytest
from django.urls import reverse

from contacts import urls as contact_urls
from contacts.models import Interaction, Opportunity, Person
from core.constants import Role
from tests.factories import (
    GrantExpertiseFactory,
    InteractionFactory,
    OpportunityFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    Role.COUNCIL_MEMBER,
    Role.CLERK,
    Role.FINANCE,
    Role.COMMUNICATIONS,
    Role.ACCOUNT_MANAGER,
]

OK, LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, "login", 403, 404, 405

# outcome for: anonymous, any other staff role, accountmanager
EVERYONE = (OK, OK, OK)
STAFF = (LOGIN, OK, OK)
MANAGER_ONLY = (LOGIN, FORBIDDEN, OK)
MANAGER_POST_ONLY = (LOGIN, FORBIDDEN, NOT_ALLOWED)

# url name -> (kwargs key, outcome)
MATRIX = {
    "organisation-list": (None, EVERYONE),
    "organisation-detail": ("public_organisation", EVERYONE),
    "organisation-export": (None, STAFF),
    "organisation-import": (None, MANAGER_ONLY),
    "organisation-create": (None, MANAGER_ONLY),
    "organisation-update": ("public_organisation", MANAGER_ONLY),
    "person-list": (None, MANAGER_ONLY),
    "person-export": (None, MANAGER_ONLY),
    "person-import": (None, MANAGER_ONLY),
    "person-create": (None, MANAGER_ONLY),
    "person-options": (None, MANAGER_ONLY),
    "review-list": (None, MANAGER_ONLY),
    "person-detail": ("person", MANAGER_ONLY),
    "person-update": ("person", MANAGER_ONLY),
    "person-export-json": ("person", MANAGER_ONLY),
    "person-export-csv": ("person", MANAGER_ONLY),
    "person-erase": ("person", MANAGER_ONLY),
    "person-confirm-review": ("person", MANAGER_POST_ONLY),
    "interaction-list": (None, MANAGER_ONLY),
    "interaction-export": (None, MANAGER_ONLY),
    "interaction-create": (None, MANAGER_ONLY),
    "interaction-detail": ("interaction", MANAGER_ONLY),
    "interaction-update": ("interaction", MANAGER_ONLY),
    "follow-up-done": ("interaction", MANAGER_POST_ONLY),
    "follow-up-list": (None, MANAGER_ONLY),
    "opportunity-list": (None, MANAGER_ONLY),
    "opportunity-export": (None, MANAGER_ONLY),
    "opportunity-create": (None, MANAGER_ONLY),
    "opportunity-detail": ("opportunity", MANAGER_ONLY),
    "opportunity-update": ("opportunity", MANAGER_ONLY),
    "expertise-list": (None, EVERYONE),
    "access-log": (None, MANAGER_ONLY),
    "erasure-list": (None, MANAGER_ONLY),
    # The searchable selects' options (issue 17), behind their form's or filter's permission.
    "organisation-form-options": ("field:efforts", MANAGER_ONLY),
    "person-form-options": ("field:organisation", MANAGER_ONLY),
    "interaction-form-options": ("field:organisation", MANAGER_ONLY),
    "opportunity-form-options": ("field:from_organisation", MANAGER_ONLY),
    "organisation-filter-options": ("field:networks", EVERYONE),
}


def url_kwargs(records, key):
    if key is None:
        return {}
    if key.startswith("field:"):
        return {"field": key.removeprefix("field:")}
    return {"pk": records[key].pk}


@pytest.fixture
def records(db):
    public_organisation = OrganisationFactory(
        name="WTC Twente", is_public_partner=True, international_activities="Handelsmissies"
    )
    private_organisation = OrganisationFactory(name="Regio Twente", city="Enschede")
    person = PersonFactory(
        organisation=public_organisation, first_name="Sanne", last_name="Voorbeeld"
    )
    interaction = InteractionFactory(
        organisation=public_organisation, person=person, follow_up_on="2024-04-01"
    )
    opportunity = OpportunityFactory(from_organisation=public_organisation, from_person=person)
    GrantExpertiseFactory(colleague__name="Inge Subsidiedemo")
    return {
        "public_organisation": public_organisation,
        "private_organisation": private_organisation,
        "person": person,
        "interaction": interaction,
        "opportunity": opportunity,
    }


@pytest.fixture
def login_as(client, make_user):
    def login(role):
        client.logout()
        if role != "anonymous":
            client.force_login(make_user(f"gebruiker-{role}", role))
        return client

    return login


def test_the_matrix_covers_every_url_of_the_app():
    names = {pattern.name for pattern in contact_urls.urlpatterns}
    assert names == set(MATRIX)


def expected_for(role, outcome):
    anonymous, other, manager = outcome
    if role == "anonymous":
        return anonymous
    if role == Role.ACCOUNT_MANAGER:
        return manager
    return other


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_specified(login_as, records, role):
    client = login_as(role)
    failures = []
    for name, (key, outcome) in MATRIX.items():
        url = reverse(f"contacts:{name}", kwargs=url_kwargs(records, key))
        response = client.get(url)
        wanted = expected_for(role, outcome)
        if wanted == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith(reverse("login"))
        else:
            ok = response.status_code == wanted
        if not ok:
            failures.append(f"{name}: {response.status_code}, expected {wanted}")
    assert failures == []


@pytest.mark.parametrize("role", ["anonymous", Role.COUNCIL_MEMBER, Role.CLERK])
def test_writes_are_refused_to_everyone_but_the_accountmanager(login_as, records, role):
    client = login_as(role)
    person = records["person"]
    interaction = records["interaction"]
    opportunity = records["opportunity"]
    attempts = [
        (
            reverse("contacts:person-erase", kwargs={"pk": person.pk}),
            {"reason": "verzoek", "confirm": "on"},
        ),
        (reverse("contacts:person-confirm-review", kwargs={"pk": person.pk}), {}),
        (reverse("contacts:follow-up-done", kwargs={"pk": interaction.pk}), {}),
        (
            reverse("contacts:opportunity-detail", kwargs={"pk": opportunity.pk}),
            {"colleague": "", "status": "doorgezet"},
        ),
        (
            reverse("contacts:person-create"),
            {
                "organisation": records["public_organisation"].pk,
                "first_name": "Nieuw",
                "last_name": "Persoon",
                "purpose": "samenwerking",
                "legal_basis": "toestemming",
                "review_on": "2030-01-01",
            },
        ),
        (
            reverse("contacts:organisation-create"),
            {"name": "Nieuw", "city": "Hengelo", "kind": "overig", "country": "NL"},
        ),
    ]
    for url, data in attempts:
        response = client.post(url, data)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login")), url
    assert Person.objects.filter(pk=person.pk).exists()
    assert Person.objects.count() == 1
    assert Interaction.objects.get(pk=interaction.pk).follow_up_done_on is None
    assert Opportunity.objects.get(pk=opportunity.pk).status == "nieuw"


def test_the_public_sees_only_public_partners_and_no_people(client, records):
    response = client.get(reverse("contacts:organisation-list"))
    content = response.content.decode()
    assert "WTC Twente" in content
    assert "Handelsmissies" in content
    assert "Regio Twente" not in content
    assert "Sanne" not in content
    private = records["private_organisation"]
    assert client.get(private.get_absolute_url()).status_code == 404
    detail = client.get(records["public_organisation"].get_absolute_url()).content.decode()
    assert "Voorbeeld" not in detail
    assert "Personen" not in detail


def test_council_members_see_organisations_but_not_people(login_as, records):
    client = login_as(Role.COUNCIL_MEMBER)
    content = client.get(reverse("contacts:organisation-list")).content.decode()
    assert "WTC Twente" in content and "Regio Twente" in content
    detail = client.get(records["public_organisation"].get_absolute_url()).content.decode()
    assert "Sanne" not in detail and "Voorbeeld" not in detail
    assert "Contactmomenten" not in detail
    assert "Kansen en vragen" not in detail
    exported = b"".join(
        client.get(reverse("contacts:organisation-export")).streaming_content
    ).decode()
    assert "Regio Twente" in exported and "Sanne" not in exported


def test_expertise_names_colleagues_only_to_logged_in_staff(client, login_as, records):
    public = client.get(reverse("contacts:expertise-list")).content.decode()
    assert "Programma" in public
    assert "Inge Subsidiedemo" not in public
    council = login_as(Role.COUNCIL_MEMBER).get(reverse("contacts:expertise-list"))
    assert "Inge Subsidiedemo" in council.content.decode()


def test_menu_shows_follow_ups_to_the_accountmanager_only(login_as, records):
    manager_page = login_as(Role.ACCOUNT_MANAGER).get(reverse("contacts:organisation-list"))
    assert reverse("contacts:follow-up-list") in manager_page.content.decode()
    council_page = login_as(Role.COUNCIL_MEMBER).get(reverse("contacts:organisation-list"))
    assert reverse("contacts:follow-up-list") not in council_page.content.decode()
    assert reverse("contacts:person-list") not in council_page.content.decode()


def test_the_public_list_offers_no_public_partner_filter(client, records):
    response = client.get(reverse("contacts:organisation-list"), {"public": "nee"})
    assert "public" not in response.context["filterset"].form.fields
    assert "WTC Twente" in response.content.decode()


def test_visible_to_follows_the_permission_not_just_the_login(records, make_user, council_member):
    from contacts.models import Organisation

    no_role = make_user("zonder-rol")
    assert set(Organisation.objects.visible_to(None)) == {records["public_organisation"]}
    assert set(Organisation.objects.visible_to(no_role)) == {records["public_organisation"]}
    assert Organisation.objects.visible_to(council_member).count() == 2
