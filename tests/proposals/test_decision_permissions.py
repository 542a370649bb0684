"""Only the griffie (and administrators) record decisions, toezeggingen and the raadsbesluit.

Per URL, per role, GET and POST: a council member, the accountmanager and finance get 403, an
anonymous visitor the login page, and nothing changes.
"""

import datetime

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from proposals.constants import DecisionOutcome, ProposalStatus
from proposals.models import (
    Commitment,
    CouncilProposal,
    Decision,
    DocumentExport,
    PointOutcome,
    Proposal,
)
from tests.proposals.test_decisions import decision_data

pytestmark = pytest.mark.django_db

CASE = "2200511"
ROLES = [None, "raadslid", "accountmanager", "financien"]


@pytest.fixture
def recorded(hengelo):
    """A decision as the griffie recorded it, so that the raadsbesluit could be exported."""
    council_proposal = CouncilProposal.objects.get(case_number=CASE)
    decision = Decision.objects.create(
        council_proposal=council_proposal, meeting_on=datetime.date(2018, 3, 6), number="1"
    )
    for point in council_proposal.decision_points.all():
        PointOutcome.objects.create(
            decision=decision, decision_point=point, outcome=DecisionOutcome.ADOPTED
        )
    commitment = Commitment.objects.create(
        council_proposal=council_proposal,
        decision=decision,
        text="Voor de zomer een voorstel",
        owner="de wethouder",
    )
    return decision, commitment


def urls(decision, commitment):
    return {
        "decision-create": (
            reverse("proposals:decision-create", kwargs={"case_number": CASE}),
            decision_data(number="2", meeting_on="2018-04-10"),
        ),
        "decision-update": (decision.get_absolute_url(), decision_data(number="3")),
        "commitment-create": (
            reverse("proposals:commitment-create"),
            {"text": "Nieuw", "made_to": "de raad", "owner": "x", "visibility": "openbaar"},
        ),
        "commitment-update": (
            reverse("proposals:commitment-update", kwargs={"pk": commitment.pk}),
            {"text": "Gewijzigd", "made_to": "de raad", "owner": "x", "status": "open"},
        ),
        "raadsbesluit-export": (
            reverse(
                "proposals:document-export",
                kwargs={"case_number": CASE, "kind": "raadsbesluit"},
            ),
            {},
        ),
    }


def unchanged(decision, commitment):
    assert list(Decision.objects.values_list("pk", "number")) == [(decision.pk, "1")]
    assert list(Commitment.objects.values_list("pk", "text")) == [
        (commitment.pk, "Voor de zomer een voorstel")
    ]
    assert set(Proposal.objects.values_list("status", flat=True)) == {ProposalStatus.PROPOSED}
    assert not DocumentExport.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "decision-create",
        "decision-update",
        "commitment-create",
        "commitment-update",
        "raadsbesluit-export",
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_griffie_records_decisions_and_toezeggingen(
    client_for, make_user, recorded, name, role
):
    decision, commitment = recorded
    url, data = urls(decision, commitment)[name]
    client = client_for(make_user(f"user-{role}", role) if role else None)
    methods = ["post"] if name == "raadsbesluit-export" else ["get", "post"]
    for method in methods:
        response = getattr(client, method)(url, data if method == "post" else None)
        if role is None:
            assert response.status_code == 302, (method, response.status_code)
            assert response.url.startswith(resolve_url(settings.LOGIN_URL)), response.url
        else:
            assert response.status_code == 403, (method, response.status_code)
    unchanged(decision, commitment)


@pytest.mark.parametrize("name", ["decision-create", "decision-update", "commitment-create"])
def test_the_griffie_may_open_each_form(client_for, clerk, recorded, name):
    decision, commitment = recorded
    url, _data = urls(decision, commitment)[name]
    assert client_for(clerk).get(url).status_code == 200


def test_a_missing_toezegging_is_not_told_apart_from_a_forbidden_one(client_for, make_user):
    # The permission is checked before the record is looked up.
    missing = reverse("proposals:commitment-update", kwargs={"pk": 999_999})
    assert client_for(make_user("raadslid", "raadslid")).get(missing).status_code == 403
    assert client_for(None).get(missing).status_code == 302
