"""Proposals and council proposals read a first page in their order from an index, not by
sorting every row (issue 17: the budget's select of the first 51 of 900 proposals at 100x).
PostgreSQL only, asked as tests/contacts/test_indexes.py asks it."""

import pytest

from proposals.models import CouncilProposal, Proposal
from tests.contacts.test_indexes import plan
from tests.factories import ProposalFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def test_proposals_read_their_first_page_in_the_council_proposals_order():
    ProposalFactory.create_batch(5)
    assert "councilproposal_order_idx" in plan(CouncilProposal.objects.all()[:50])
    assert "councilproposal_order_idx" in plan(
        Proposal.objects.select_related("council_proposal")[:51]
    )
