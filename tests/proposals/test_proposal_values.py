"""The proposals' table reads its rows as plain values (proposals/rows.py, ProposalRow, issue 17):
they answer what the table asks of a proposal as the model instances do, and the rows written
from them are those written from the instances, in one query."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.utils import translation

from core.constants import Visibility
from core.lists import related_of
from proposals.models import Proposal
from proposals.rows import proposal_items, proposal_rows, proposal_values
from proposals.views import with_yearly_cost
from tests.factories import (
    CouncilProposalFactory,
    ProposalFactory,
    StaffPositionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ANSWERS = ("pk", "council_proposal_id", "number", "title", "visibility", "owner", "status")


def page(user, bottom=0, top=30):
    return with_yearly_cost(
        Proposal.objects.visible_to(user)
        .select_related("council_proposal")
        .order_by("-council_proposal__council_meeting_on", "council_proposal", "number")
    )[bottom:top]


@pytest.fixture
def proposals(db):
    first = CouncilProposalFactory(subject="Samenwerking <Twente> & Münster")
    second = CouncilProposalFactory(visibility=Visibility.DRAFT, council_meeting_on=None)
    theme, other = ThemeFactory(), ThemeFactory()
    made = [
        ProposalFactory(council_proposal=first, owner="Wethouder & co", status="aangenomen"),
        ProposalFactory(council_proposal=first, visibility=Visibility.INTERNAL),
        ProposalFactory(council_proposal=second, title="Titel met <em>opmaak</em>"),
    ]
    made[0].themes.set([theme, other])
    made[2].themes.set([other])
    StaffPositionFactory(proposal=made[0], yearly_cost=Decimal("41250.50"))
    return made


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_the_rows_from_values_are_the_rows_from_instances(proposals, council_member, language):
    for user in (AnonymousUser(), council_member):
        for bottom, top in ((1, 2), (0, 0), (0, 30)):
            with translation.override(language):
                instances = list(page(user, bottom, top))
                rows = proposal_values(page(user, bottom, top))
                assert [[getattr(row, name) for name in ANSWERS] for row in rows] == [
                    [getattr(proposal, name) for name in ANSWERS] for proposal in instances
                ]
                assert [row.yearly_cost for row in rows] == [p.yearly_cost for p in instances]
                assert [row.get_absolute_url() for row in rows] == [
                    proposal.get_absolute_url() for proposal in instances
                ]
                assert [
                    (row.council_proposal.case_number, row.council_proposal.subject) for row in rows
                ] == [
                    (p.council_proposal.case_number, p.council_proposal.subject) for p in instances
                ]
                written = proposal_rows(rows, related_of(rows, "themes", model=Proposal))
                assert written == proposal_rows(instances, related_of(instances, "themes"))
        assert len(rows) == (3 if user.is_authenticated else 1)


def test_a_page_of_rows_is_one_query(proposals, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = proposal_values(page(None))
    assert rows[0].yearly_cost == Decimal("41250.50")


# The loop of templates/proposals/councilproposal_detail.html before it was written in Python.
DETAIL_LOOP = Template(
    """{% load i18n portal %}{% for proposal in proposals %}
          <li class="list-group-item d-flex justify-content-between align-items-start gap-2">
            <div class="ms-2 me-auto">
              <a class="fw-semibold" href="{{ proposal.get_absolute_url }}">{{ proposal.title }}</a>{% include "includes/visibility_badge.html" with obj=proposal %}
              <div class="small text-body-secondary">{{ proposal.owner }}{% if proposal.yearly_cost %} · {% blocktranslate trimmed with amount=proposal.yearly_cost|euro %}nieuwe functies {{ amount }} per jaar{% endblocktranslate %}{% endif %}</div>
            </div>
            {% include "includes/status_badge.html" with obj=proposal %}
          </li>
        {% endfor %}"""  # noqa: E501
)


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_a_council_proposals_items_are_the_template_loops(proposals, council_member, language):
    for user in (AnonymousUser(), council_member):
        for council_proposal in {proposal.council_proposal for proposal in proposals}:
            instances = list(
                with_yearly_cost(
                    Proposal.objects.visible_to(user).filter(council_proposal=council_proposal)
                ).select_related("council_proposal")
            )
            with translation.override(language):
                expected = DETAIL_LOOP.render(Context({"proposals": instances}))
                assert str(proposal_items(instances)) == expected
    assert "badge-concept" in proposal_items(list(with_yearly_cost(Proposal.objects.all())))
