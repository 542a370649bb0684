"""core.history: one way to read simple-history records as "field: old → new"."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from budget.constants import LineCategory
from budget.models import BudgetLine
from core.constants import Visibility
from core.history import Change, describe_changes, history_rows
from tests.factories import (
    BudgetLineFactory,
    BudgetProductFactory,
    CouncilProposalFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db
# Amounts read as core.money writes them, with a no-break space after the euro sign.


def versions(line):
    """The line's history records, oldest first, paired with the one before each."""
    records = list(line.history.order_by("history_date", "history_id"))
    return list(zip(records, [None, *records[:-1]], strict=True))


def test_a_change_names_each_field_with_readable_old_and_new_values():
    line = BudgetLineFactory(amount=Decimal("3500"), category=LineCategory.MEMBERSHIP)
    line.amount = Decimal("4000")
    line.category = LineCategory.GRANTS
    line.save()

    _created, changed = describe_changes(versions(line))

    assert Change("bedrag", "€\u00a03.500", "€\u00a04.000") in changed
    assert Change("categorie", "Lidmaatschappen", "Subsidies en bijdragen") in changed
    assert len(changed) == 2


def test_the_first_version_lists_what_was_filled_in_unless_asked_not_to():
    line = BudgetLineFactory(name="Contributie EUREGIO", note="")

    (created,) = describe_changes(versions(line), fields=["name", "note", "amount"])
    (not_listed,) = describe_changes(versions(line), created=False)

    assert created == [
        Change("omschrijving", "", "Contributie EUREGIO"),
        Change("bedrag", "", "€\u00a01.000"),
    ]
    assert not_listed == []


def test_fields_keep_the_order_asked_for_and_excluded_fields_stay_out():
    line = BudgetLineFactory(name="Oud", amount=Decimal("1"))
    line.name, line.amount, line.note = "Nieuw", Decimal("2"), "Een toelichting"
    line.save()

    _created, changed = describe_changes(versions(line), fields=["note", "amount", "name"])
    _created, without_note = describe_changes(versions(line), excluded_fields=["note"])
    _created, per_model = describe_changes(
        versions(line), excluded_fields=lambda model: ["note"] if model is BudgetLine else []
    )

    assert [change.label for change in changed] == ["toelichting", "bedrag", "omschrijving"]
    assert changed[0] == Change("toelichting", "–", "Een toelichting")
    assert "toelichting" not in [change.label for change in without_note]
    assert per_model == without_note


def test_a_related_record_the_user_may_not_see_is_not_named(admin_user):
    draft = ProposalFactory(
        title="Geheim voorstel",
        council_proposal=CouncilProposalFactory(visibility=Visibility.DRAFT),
    )
    line = BudgetLineFactory(proposal=None)
    line.proposal = draft
    line.save()

    _created, for_anonymous = describe_changes(versions(line), user=AnonymousUser())
    _created, for_staff = describe_changes(versions(line), user=admin_user)

    assert for_anonymous == [Change("voorstel", "–", "(niet openbaar of verwijderd)")]
    assert for_staff == [Change("voorstel", "–", str(draft))]


def test_related_names_cost_one_query_per_related_model_whatever_the_number_of_versions(
    django_assert_num_queries,
):
    line = BudgetLineFactory()
    for _ in range(5):
        line.product = BudgetProductFactory()
        line.save()
    pairs = versions(line)

    with django_assert_num_queries(1):
        described = describe_changes(pairs, created=False)

    assert [len(changes) for changes in described] == [0, 1, 1, 1, 1, 1]
    assert described[-1][0].new == str(line.product)


def test_history_rows_come_newest_first_with_the_kind_of_change():
    line = BudgetLineFactory(amount=Decimal("1"))
    line.amount = Decimal("2")
    line.save()

    rows = history_rows(line.history.all(), fields=["amount"])

    assert [str(row["type"]) for row in rows] == ["Gewijzigd", "Aangemaakt"]
    assert rows[0]["changes"] == [Change("bedrag", "€\u00a01", "€\u00a02")]
    assert rows[1]["changes"] == [Change("bedrag", "", "€\u00a01")]


def test_a_record_without_history_has_no_rows():
    line = BudgetLineFactory()
    line.history.all().delete()

    assert history_rows(line.history.all()) == []
