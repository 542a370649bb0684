"""The invented demo contacts show as examples on every page that lists or shows them."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from contacts.models import Colleague, GrantExpertise, Interaction, Opportunity, Person

pytestmark = pytest.mark.django_db

BADGE = '<span class="badge badge-example"'


@pytest.fixture
def demo(hengelo, account_manager, settings):
    """The demo contacts, loaded as `make run` loads them (DEBUG on)."""
    settings.DEBUG = True
    call_command("load_demo_contacts", stdout=io.StringIO())


def page(client, name, **kwargs):
    response = client.get(reverse(f"contacts:{name}", kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def badge_after(content, text):
    """Whether the example badge follows `text` before the end of its table cell or heading."""
    start = content.index(text)
    end = min(content.find(stop, start) for stop in ("</td>", "</h1>") if stop in content[start:])
    return BADGE in content[start:end]


def test_the_demo_command_marks_what_it_invents(demo):
    assert Person.objects.count() == 12
    assert not Person.objects.filter(is_example=False).exists()
    assert Interaction.objects.count() == 12
    assert not Interaction.objects.filter(is_example=False).exists()
    assert Opportunity.objects.count() == 2
    assert not Opportunity.objects.filter(is_example=False).exists()
    assert Colleague.objects.filter(is_example=True).count() == 5
    assert not GrantExpertise.objects.filter(is_example=False).exists()


def test_a_rerun_marks_demo_rows_loaded_before_the_marking(demo):
    for model in (Person, Interaction, Opportunity, Colleague, GrantExpertise):
        model.objects.update(is_example=False)
    call_command("load_demo_contacts", stdout=io.StringIO())
    assert Person.objects.filter(is_example=True).count() == 12
    assert Interaction.objects.filter(is_example=True).count() == 12
    assert Opportunity.objects.filter(is_example=True).count() == 2
    assert Colleague.objects.filter(is_example=True).count() == 5
    assert not GrantExpertise.objects.filter(is_example=False).exists()


def test_people_pages_show_the_demo_people_as_examples(demo, manager_client):
    person = Person.objects.get(email="f.testkamp@example.nl")
    listing = page(manager_client, "person-list")
    assert listing.count(BADGE) == 12
    assert badge_after(listing, "Testkamp, Fatma</a>")
    detail = page(manager_client, "person-detail", pk=person.pk)
    assert badge_after(detail, '<h1 class="h2">Fatma Testkamp')
    # The person's interaction and opportunity are listed with the badge too.
    interaction = Interaction.objects.get(person=person)
    assert badge_after(detail, f'href="{interaction.get_absolute_url()}"')
    opportunity = Opportunity.objects.get(from_person=person)
    assert badge_after(detail, f'href="{opportunity.get_absolute_url()}"')
    organisation = page(manager_client, "organisation-detail", pk=person.organisation_id)
    assert badge_after(organisation, "Fatma Testkamp</a>")


def test_interaction_pages_show_the_demo_interactions_as_examples(demo, manager_client):
    listing = page(manager_client, "interaction-list")
    assert listing.count(BADGE) == 12
    interaction = Interaction.objects.order_by("pk").first()
    detail = page(manager_client, "interaction-detail", pk=interaction.pk)
    assert badge_after(detail, '<h1 class="h2">')
    # The demo follow-ups are logged by the account manager: 'mijn opvolging' marks them too.
    follow_ups = page(manager_client, "follow-up-list")
    shown = Interaction.objects.follow_ups_for(
        Interaction.objects.exclude(logged_by=None).first().logged_by
    ).count()
    assert shown and follow_ups.count(BADGE) == shown


def test_opportunity_pages_show_the_demo_opportunities_as_examples(demo, manager_client):
    listing = page(manager_client, "opportunity-list")
    assert listing.count(BADGE) == 2
    opportunity = Opportunity.objects.get(title__startswith="Erasmus+")
    assert badge_after(listing, f"{opportunity.title}</a>")
    detail = page(manager_client, "opportunity-detail", pk=opportunity.pk)
    assert badge_after(detail, f'<h1 class="h2">{opportunity.title}')


def test_the_expertise_list_shows_the_demo_colleagues_experience_as_examples(demo, manager_client):
    listing = page(manager_client, "expertise-list")
    assert listing.count(BADGE) == GrantExpertise.objects.count() == 7


def test_a_person_entered_through_the_form_is_no_example(demo, manager_client):
    organisation = Person.objects.first().organisation
    manager_client.post(
        reverse("contacts:person-create"),
        {
            "organisation": organisation.pk,
            "first_name": "Echte",
            "last_name": "Mens",
            "purpose": "samenwerking",
            "legal_basis": "toestemming",
            "review_on": "2030-01-01",
        },
    )
    person = Person.objects.get(last_name="Mens")
    assert person.is_example is False
    assert not badge_after(page(manager_client, "person-list"), "Mens, Echte</a>")
    assert not badge_after(
        page(manager_client, "person-detail", pk=person.pk), '<h1 class="h2">Echte Mens'
    )
