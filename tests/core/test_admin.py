"""Every domain model can be found, filtered, opened and traced in the admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.editing import version
from tests.factories import GrantAwardFactory

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"networks", "proposals", "partnercity", "budget"}


def domain_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS),
        key=lambda model: model._meta.label,
    )


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# Recorded through the griffie's decision form only (issue 13): read-only in the admin.
READ_ONLY = {"proposals.Decision", "proposals.Submission"}


@pytest.fixture
def populated(hengelo):
    import datetime

    from proposals.models import Commitment, CouncilProposal, Decision, PointOutcome, Submission

    GrantAwardFactory(
        scheme__partner_city__name="Testpartner", scheme__partner_city__slug="testpartner"
    )
    council_proposal = CouncilProposal.objects.get()
    decision = Decision.objects.create(
        council_proposal=council_proposal, meeting_on=datetime.date(2018, 3, 6), number="Hengelo-1"
    )
    for point in council_proposal.decision_points.all():
        PointOutcome.objects.create(decision=decision, decision_point=point, outcome="aangenomen")
    Submission.objects.create(
        decision=decision,
        kind="motie",
        title="Motie Hengelo",
        submitted_by="A",
        outcome="verworpen",
    )
    Commitment.objects.create(
        council_proposal=council_proposal, decision=decision, text="Hengelo", owner="wethouder"
    )


def test_every_domain_model_is_registered():
    labels = {model._meta.label for model in domain_models()}
    assert labels >= {
        "networks.Theme",
        "networks.Network",
        "networks.Forum",
        "networks.Effort",
        "proposals.Motion",
        "proposals.CouncilProposal",
        "proposals.ProcessStep",
        "proposals.Proposal",
        "proposals.DecisionPoint",
        "proposals.Decision",
        "proposals.Submission",
        "proposals.Commitment",
        "partnercity.PartnerCity",
        "partnercity.TwinningAssociation",
        "partnercity.GrantScheme",
        "partnercity.GrantAward",
        "partnercity.Activity",
        "budget.BudgetProduct",
        "budget.ProductBudget",
        "budget.BudgetLine",
        "budget.StaffPosition",
        "budget.SavingsTarget",
        "budget.RecordedFigure",
    }


@pytest.mark.parametrize("model", domain_models(), ids=lambda m: m._meta.label)
def test_changelist_search_add_change_and_history(admin_client, populated, model):
    obj = model.objects.first()
    assert obj is not None, f"no {model._meta.label} in the data"
    model_admin = admin.site._registry[model]

    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert admin_url(model, "change", obj.pk) in response.content.decode()

    if model_admin.search_fields:
        response = admin_client.get(admin_url(model, "changelist"), {"q": "Hengelo"})
        assert response.status_code == 200
    for spec in model_admin.list_filter:
        name = spec if isinstance(spec, str) else spec[0]
        field = model._meta.get_field(name)
        value = getattr(obj, field.attname, None)
        if field.many_to_many or value in (None, ""):
            continue
        lookup = f"{name}__id__exact" if field.is_relation else f"{name}__exact"
        response = admin_client.get(admin_url(model, "changelist"), {lookup: value})
        assert response.status_code == 200, (name, response.status_code)
        assert "errornote" not in response.content.decode()

    read_only = model._meta.label in READ_ONLY
    assert admin_client.get(admin_url(model, "add")).status_code == (403 if read_only else 200)
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    if read_only:
        assert 'name="_save"' not in response.content.decode()
    if hasattr(model, "history"):
        response = admin_client.get(admin_url(model, "history", obj.pk))
        assert response.status_code == 200


def test_an_admin_edit_is_recorded_in_the_history(admin_client, admin_user, hengelo):
    from proposals.models import Proposal

    proposal = Proposal.objects.get(number=6)
    url = admin_url(Proposal, "change", proposal.pk)
    response = admin_client.post(
        url,
        {
            **version(admin_client, url),
            "council_proposal": proposal.council_proposal_id,
            "number": 6,
            "title": proposal.title,
            "summary": proposal.summary,
            "owner": proposal.owner,
            "status": "aangenomen",
            "visibility": "openbaar",
            "themes": [],
            "networks": [],
            "efforts": [],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = proposal.history.first()
    assert latest.status == "aangenomen"
    assert latest.history_user == admin_user
    response = admin_client.get(admin_url(Proposal, "history", proposal.pk))
    assert admin_user.username in response.content.decode()
