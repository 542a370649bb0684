"""Toezeggingen outside the decision form: the griffie records one, and follows it up safely."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.constants import Role
from proposals.constants import CommitmentStatus
from proposals.forms import CommitmentUpdateForm
from proposals.models import Commitment
from tests.editing import form_values, loaded, race_two_saves

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("proposals:commitment-create")


def make_commitment(**fields):
    defaults = {"text": "Een toezegging", "owner": "de wethouder", "made_to": "de raad"}
    return Commitment.objects.create(**{**defaults, **fields})


def test_the_griffie_records_a_toezegging_of_its_own(client_for, clerk, hengelo):
    client = client_for(clerk)
    data = loaded(
        client,
        CREATE_URL,
        text="De raad krijgt een raadsinformatiebrief over de Grenzeloos Actief-regeling.",
        made_to="de raad",
        owner="de portefeuillehouder",
        due_on="2018-09-01",
        visibility="openbaar",
    )
    response = client.post(CREATE_URL, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("proposals:commitment-list")
    assert "De toezegging is vastgelegd." in response.content.decode()
    commitment = Commitment.objects.get()
    assert commitment.owner == "de portefeuillehouder" and commitment.decision is None
    assert commitment.history.first().history_user == clerk


def test_a_toezegging_without_owner_gets_a_message_and_nothing_is_saved(client_for, clerk):
    client = client_for(clerk)
    response = client.post(CREATE_URL, loaded(client, CREATE_URL, text="Iets", owner=""))
    assert response.status_code == 200
    assert response.context["form"].errors["owner"] == ["Vul in wie de toezegging deed."]
    assert not Commitment.objects.exists()


def test_two_griffie_members_edit_the_same_toezegging(make_user):
    commitment = make_commitment(text="Een brief over de Euregio")
    url = reverse("proposals:commitment-update", kwargs={"pk": commitment.pk})
    first, second = Client(), Client()
    first.force_login(make_user("griffie1", Role.CLERK, first_name="Gea", last_name="Griffier"))
    second.force_login(make_user("griffie2", Role.CLERK))
    mine = loaded(first, url, due_on="2018-10-01")
    theirs = loaded(
        second,
        url,
        status=CommitmentStatus.SETTLED,
        settled_how="Raadsinformatiebrief van juni",
        settled_on="2018-06-20",
    )

    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Gea Griffier heeft dit op" in errors
    assert "Uiterlijk: (leeg) → 1 oktober 2018" in errors, errors
    page = response.content.decode()
    assert "Raadsinformatiebrief van juni" in page  # their input is kept
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.OPEN and str(commitment.due_on) == "2018-10-01"

    # Saving the form as it came back replaces the values knowingly.
    again = second.post(url, form_values(response.context["form"]))
    assert again.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.SETTLED


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_a_toezegging_cannot_both_pass():
    """The second save waits for the first one's row lock, then sees its change."""
    commitment = make_commitment()
    version = form_values(CommitmentUpdateForm(instance=commitment))
    results = race_two_saves(
        lambda owner: CommitmentUpdateForm(
            data={**version, "owner": owner}, instance=Commitment.objects.get(pk=commitment.pk)
        ),
        "de burgemeester",
        "de griffier",
    )

    assert results == {"first": True, "second": False}
    commitment.refresh_from_db()
    assert commitment.owner == "de burgemeester"
    assert connection.vendor == "postgresql"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_the_edit_page_checks_and_saves_under_the_row_lock(make_user):
    """The view validates inside its transaction, so the version check locks the row."""
    commitment = make_commitment()
    url = reverse("proposals:commitment-update", kwargs={"pk": commitment.pk})
    client = Client()
    client.force_login(make_user("griffie", Role.CLERK))
    data = loaded(client, url, owner="de burgemeester")
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, data).status_code == 302
    locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"] and "commitment" in q["sql"]]
    assert locks, [q["sql"] for q in queries]
