"""Two people edit the same record: the second save is refused and told what changed.

Each test loads the edit form twice (two people, or two tabs), saves the first, then the second:
the first change stays, the second person gets a Dutch message naming the changed field with
both values and keeps their own input; saving once more replaces the values knowingly.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from agenda.models import Event
from budget.forms import BudgetLineForm
from budget.models import BudgetLine
from contacts.forms import OrganisationForm
from contacts.models import Organisation, Person
from core.constants import Role
from tests.editing import form_values, loaded, race_two_saves
from tests.factories import EventFactory, OrganisationFactory, PersonFactory, three_languages

pytestmark = pytest.mark.django_db


def two_people(make_user, role):
    first, second = Client(), Client()
    first.force_login(make_user("eerste", role, first_name="Els", last_name="Eerste"))
    second.force_login(make_user("tweede", role))
    return first, second


def errors_of(response):
    assert response.status_code == 200, response.status_code
    return response.context["form"].non_field_errors()


def save_again(client, url, response):
    """The second person saves the form as it came back to them, with their input."""
    return client.post(url, form_values(response.context["form"]))


def test_budget_line(hengelo, make_user):
    first, second = two_people(make_user, Role.FINANCE)
    line = BudgetLine.objects.get(name="Lidmaatschap EUREGIO", year=2017)
    url = reverse("budget:line-update", args=[line.pk])
    mine, theirs = loaded(first, url, amount="24.000"), loaded(second, url, note="Index 2018")

    assert first.post(url, mine).status_code == 302
    changes = line.history.count()
    response = second.post(url, theirs)

    errors = " ".join(errors_of(response))
    assert "Els Eerste heeft dit op" in errors
    assert "Bedrag: 23.500,00 → 24.000,00" in errors
    assert "niet opgeslagen" in errors
    assert "Index 2018" in response.content.decode()  # their input is kept
    line.refresh_from_db()
    assert (line.amount, line.note) == (Decimal("24000"), "")
    assert line.history.count() == changes

    # Having read the message, the second person saves deliberately.
    assert save_again(second, url, response).status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.note) == (Decimal("23500"), "Index 2018")


def test_organisation(make_user):
    organisation = OrganisationFactory(name="WTC Twente", city="Hengelo")
    first, second = two_people(make_user, Role.ACCOUNT_MANAGER)
    url = reverse("contacts:organisation-update", args=[organisation.pk])
    mine = loaded(first, url, city="Enschede")
    theirs = loaded(second, url, description="Handelsbevordering")

    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)

    assert "Plaats: Hengelo → Enschede" in " ".join(errors_of(response))
    assert "Handelsbevordering" in response.content.decode()
    organisation.refresh_from_db()
    assert (organisation.city, organisation.description) == ("Enschede", "")


def test_person(make_user):
    person = PersonFactory(first_name="Anna", last_name="Jansen", job_title="Adviseur")
    first, second = two_people(make_user, Role.ACCOUNT_MANAGER)
    url = reverse("contacts:person-update", args=[person.pk])
    mine = loaded(first, url, job_title="Directeur")
    theirs = loaded(second, url, job_title="Projectleider")

    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)

    assert "Functie: Adviseur → Directeur" in " ".join(errors_of(response))
    assert response.context["form"]["job_title"].value() == "Projectleider"
    person = Person.objects.get(pk=person.pk)
    assert person.job_title == "Directeur"


def test_agenda_event(make_user):
    event = EventFactory(translations=three_languages("FBK Games"), slug="fbk", city="Hengelo")
    first, second = two_people(make_user, Role.COMMUNICATIONS)
    url = reverse("agenda:event-update", args=["fbk"])
    mine = loaded(first, url, title_nl="FBK Games 2027")
    theirs = loaded(second, url, city="Enschede")

    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)

    assert "Titel (Nederlands): FBK Games (nl) → FBK Games 2027" in " ".join(errors_of(response))
    event = Event.objects.get(pk=event.pk)
    assert (event.safe_translation_getter("title", language_code="nl"), event.city) == (
        "FBK Games 2027",
        "Hengelo",
    )


def test_a_changed_record_is_refused_when_the_version_is_missing_or_forged(hengelo, make_user):
    client, _other = two_people(make_user, Role.FINANCE)
    line, other = BudgetLine.objects.filter(year=2017)[:2]
    url = reverse("budget:line-update", args=[line.pk])
    other_version = loaded(client, reverse("budget:line-update", args=[other.pk]))["versie"]
    for version in ("", "nep", other_version):
        response = client.post(url, loaded(client, url, amount="1", versie=version))
        assert "kwam onvolledig terug" in " ".join(errors_of(response))
    assert BudgetLine.objects.get(pk=line.pk).amount == line.amount


def test_a_deleted_record_is_said_so():
    organisation = OrganisationFactory(name="ROZ")
    data = form_values(OrganisationForm(instance=organisation)) | {"city": "Hengelo"}
    Organisation.objects.filter(pk=organisation.pk).delete()
    form = OrganisationForm(data=data, instance=organisation)
    assert "intussen verwijderd" in " ".join(form.non_field_errors())


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_cannot_both_pass(hengelo):
    """The second save waits for the first one's row lock, then sees its change."""
    line = BudgetLine.objects.get(name="Lidmaatschap EUREGIO", year=2017)
    version = form_values(BudgetLineForm(instance=line))
    results = race_two_saves(
        lambda amount: BudgetLineForm(
            data={**version, "amount": amount}, instance=BudgetLine.objects.get(pk=line.pk)
        ),
        "30000",
        "40000",
    )

    assert results == {"first": True, "second": False}
    line.refresh_from_db()
    assert line.amount == Decimal("30000")
    assert connection.vendor == "postgresql"


def test_admin_change_form_and_inline_rows(hengelo, make_user):
    from proposals.models import CouncilProposal, DecisionPoint, Proposal

    first, second = Client(), Client()
    first.force_login(make_user("beheer1", is_staff=True, is_superuser=True, first_name="Ada"))
    second.force_login(make_user("beheer2", is_staff=True, is_superuser=True))
    proposal = Proposal.objects.get(number=6)
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    mine, theirs = loaded(first, url, status="aangenomen"), loaded(second, url, owner="Griffie")
    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)
    assert response.status_code == 200
    assert "Status: Voorgesteld → Aangenomen" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "aangenomen" and proposal.owner != "Griffie"

    # A decision point edited as an inline row of the council proposal.
    council_proposal = CouncilProposal.objects.get()
    url = reverse("admin:proposals_councilproposal_change", args=[council_proposal.pk])
    point = council_proposal.decision_points.order_by("pk").first()
    DecisionPoint.objects.filter(pk=point.pk).update(text="Intussen gewijzigd")
    stale = loaded(second, url)
    DecisionPoint.objects.filter(pk=point.pk).update(text="Nog eens gewijzigd")
    response = second.post(url, stale)
    assert response.status_code == 200
    assert "Intussen gewijzigd → Nog eens gewijzigd" in response.content.decode()
