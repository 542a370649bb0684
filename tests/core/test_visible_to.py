"""A record without a visibility of its own is visible when its parent is: one visible_to()."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from budget.models import Scenario, ScenarioChange
from core.constants import Visibility
from networks.models import Forum
from proposals.constants import DecisionOutcome, SubmissionKind, SubmissionOutcome
from proposals.models import Decision, DecisionPoint, PointOutcome, ProcessStep, Submission
from tests.factories import (
    BudgetProductFactory,
    CouncilProposalFactory,
    DecisionPointFactory,
    ForumFactory,
    NetworkFactory,
    ProcessStepFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def under_council_proposal(visibility, name):
    council_proposal = CouncilProposalFactory(visibility=visibility, subject=name)
    point = DecisionPointFactory(council_proposal=council_proposal, text=f"Punt {name}")
    decision = Decision.objects.create(
        council_proposal=council_proposal,
        meeting_on=datetime.date(2018, 3, 6),
        number=f"besluit-{name}",
    )
    return {
        ProcessStep: ProcessStepFactory(council_proposal=council_proposal, title=f"Stap {name}"),
        DecisionPoint: point,
        Decision: decision,
        PointOutcome: PointOutcome.objects.create(
            decision=decision, decision_point=point, outcome=DecisionOutcome.ADOPTED
        ),
        Submission: Submission.objects.create(
            decision=decision,
            kind=SubmissionKind.AMENDMENT,
            title=f"Amendement {name}",
            submitted_by="VVD",
            decision_point=point,
            outcome=SubmissionOutcome.ADOPTED,
        ),
    }


def under_network_and_scenario(visibility, name):
    scenario = Scenario.objects.create(name=f"Scenario {name}", slug=name, visibility=visibility)
    return {
        Forum: ForumFactory(network=NetworkFactory(visibility=visibility), name=f"Forum {name}"),
        ScenarioChange: ScenarioChange.objects.create(
            scenario=scenario,
            product=BudgetProductFactory(),
            line_name="Lidmaatschap Eurocities",
            from_year=2019,
            amount=0,
        ),
    }


@pytest.mark.parametrize("make", [under_council_proposal, under_network_and_scenario])
def test_a_child_is_visible_exactly_when_its_parent_is(make, council_member):
    public = make(Visibility.PUBLIC, "openbaar")
    draft = make(Visibility.DRAFT, "concept")
    internal = make(Visibility.INTERNAL, "intern")
    for model in public:
        anonymous = set(model.objects.visible_to(AnonymousUser()))
        assert anonymous == {public[model]}, model
        assert set(model.objects.visible_to(None)) == {public[model]}, model
        staff = set(model.objects.visible_to(council_member))
        assert staff == {public[model], draft[model], internal[model]}, model


def test_the_timeline_shows_no_forum_of_a_draft_network_to_anonymous_visitors(
    client, client_for, council_member
):
    ForumFactory(network=NetworkFactory(visibility=Visibility.DRAFT), name="Geheim forum")
    ForumFactory(name="Openbaar forum")
    html = client.get(reverse("notifications:timeline")).content.decode()
    assert "Openbaar forum" in html
    assert "Geheim forum" not in html
    assert "Geheim forum" in client_for(council_member).get("/wijzigingen/").content.decode()


def test_the_timeline_shows_no_step_or_decision_of_a_draft_council_proposal(client):
    under_council_proposal(Visibility.PUBLIC, "openbaar")
    under_council_proposal(Visibility.DRAFT, "concept")
    html = client.get(reverse("notifications:timeline")).content.decode()
    assert "Stap openbaar" in html and "Amendement openbaar" in html
    for text in ("Stap concept", "Punt concept", "Amendement concept", "besluit-concept"):
        assert text not in html


def test_a_theme_page_lists_the_forums_of_visible_networks_only(client, client_for, council_member):
    theme = ThemeFactory()
    for visibility, name in ((Visibility.PUBLIC, "Openbaar forum"), (Visibility.DRAFT, "Geheim")):
        forum = ForumFactory(network=NetworkFactory(visibility=visibility), name=name)
        forum.themes.add(theme)
    assert [f.name for f in client.get(theme.get_absolute_url()).context["forums"]] == [
        "Openbaar forum"
    ]
    staff = client_for(council_member).get(theme.get_absolute_url()).context["forums"]
    assert {forum.name for forum in staff} == {"Openbaar forum", "Geheim"}
