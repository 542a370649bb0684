"""Each invariant is refused twice: by the admin form with a Dutch message at the field, and by
the database when the same data comes another way."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from budget.models import BudgetLine, StaffPosition
from partnercity.models import Activity, GrantAward
from proposals.models import Proposal
from tests.factories import (
    ActivityFactory,
    BudgetLineFactory,
    BudgetProductFactory,
    CouncilProposalFactory,
    GrantAwardFactory,
    GrantSchemeFactory,
    PartnerCityFactory,
    ProposalFactory,
    StaffPositionFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_database(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def field_errors(response, field):
    form = response.context["adminform"].form
    return [str(message) for message in form.errors.get(field, [])]


def add(admin_client, model, data):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    return admin_client.post(url, data)


# --- negative amounts ---------------------------------------------------------------------------


def test_negative_budget_line_amount(admin_client):
    product = BudgetProductFactory()
    response = add(
        admin_client,
        BudgetLine,
        {
            "product": product.pk,
            "year": 2018,
            "name": "Reiskosten",
            "category": "activiteiten",
            "recurrence": "incidenteel",
            "amount": "-10",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "amount") == ["Zorg ervoor dat deze waarde minstens 0 is."]
    assert not BudgetLine.objects.exists()
    line = BudgetLineFactory(product=product)
    refused_by_database(lambda: BudgetLine.objects.filter(pk=line.pk).update(amount=-1))


def test_negative_amount_is_refused_for_every_money_field():
    refused_by_database(lambda: BudgetLineFactory(amount=Decimal("-0.01")))
    refused_by_database(lambda: StaffPositionFactory(yearly_cost=Decimal("-1")))
    refused_by_database(lambda: GrantSchemeFactory(yearly_ceiling=Decimal("-1")))


def test_budget_line_year_outside_range():
    refused_by_database(lambda: BudgetLineFactory(year=1999))


# --- fte ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fte", ["0", "1.5", "-0.2"])
def test_fte_outside_zero_to_one(admin_client, fte):
    proposal = ProposalFactory()
    response = add(
        admin_client,
        StaffPosition,
        {
            "title": "Beleidsmedewerker",
            "fte": fte,
            "yearly_cost": "10000",
            "recurrence": "structureel",
            "start_year": 2019,
            "is_indicative": "",
            "indicative_note": "",
            "proposal": proposal.pk,
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "fte") == ["De omvang moet groter dan 0 en hoogstens 1 fte zijn."]
    assert not StaffPosition.objects.exists()


@pytest.mark.parametrize("fte", ["0", "1.01"])
def test_fte_outside_zero_to_one_in_the_database(fte):
    refused_by_database(lambda: StaffPositionFactory(fte=Decimal(fte)))


def test_fte_of_exactly_one_is_allowed():
    assert StaffPositionFactory(fte=Decimal("1")).fte == Decimal("1")


# --- proposal numbers ---------------------------------------------------------------------------


def test_proposal_number_used_twice(admin_client):
    council_proposal = CouncilProposalFactory()
    ProposalFactory(council_proposal=council_proposal, number=3)
    response = add(
        admin_client,
        Proposal,
        {
            "council_proposal": council_proposal.pk,
            "number": 3,
            "title": "Nog een voorstel",
            "summary": "Tekst",
            "owner": "College",
            "status": "voorgesteld",
            "visibility": "openbaar",
        },
    )
    assert response.status_code == 200
    assert "Dit raadsvoorstel heeft al een voorstel met dit nummer." in response.content.decode()
    assert Proposal.objects.count() == 1
    refused_by_database(lambda: ProposalFactory(council_proposal=council_proposal, number=3))


def test_the_same_number_in_another_council_proposal_is_fine():
    ProposalFactory(number=1)
    ProposalFactory(number=1)
    assert Proposal.objects.filter(number=1).count() == 2


# --- dates --------------------------------------------------------------------------------------


def test_activity_ending_before_it_starts(admin_client):
    city = PartnerCityFactory()
    response = add(
        admin_client,
        Activity,
        {
            "partner_city": city.pk,
            "title": "Bezoek",
            "kind": "bezoek",
            "year": 2018,
            "starts_on": "2018-05-10",
            "ends_on": "2018-05-09",
            "description": "",
            "visibility": "openbaar",
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "ends_on") == ["De einddatum ligt voor de begindatum."]
    assert not Activity.objects.exists()
    refused_by_database(
        lambda: ActivityFactory(starts_on=date(2018, 5, 10), ends_on=date(2018, 5, 9))
    )


# --- grant ceiling ------------------------------------------------------------------------------


def test_grant_awards_above_the_years_ceiling(admin_client):
    scheme = GrantSchemeFactory(yearly_ceiling=Decimal("2500"))
    GrantAwardFactory(scheme=scheme, year=2018, amount=Decimal("2000"))
    response = add(
        admin_client,
        GrantAward,
        {
            "scheme": scheme.pk,
            "year": 2018,
            "recipient": "Harmonie",
            "purpose": "Concert in Emsdetten",
            "amount": "600",
            "awarded_on": "2018-06-01",
        },
    )
    assert response.status_code == 200
    errors = field_errors(response, "amount")
    assert len(errors) == 1
    assert "plafond van € 2500.00 voor 2018" in errors[0]
    assert "nog € 500.00 beschikbaar" in errors[0]
    assert GrantAward.objects.count() == 1


def test_grant_awards_above_the_ceiling_are_refused_by_the_database():
    scheme = GrantSchemeFactory(yearly_ceiling=Decimal("2500"))
    GrantAwardFactory(scheme=scheme, year=2018, amount=Decimal("2000"))
    refused_by_database(
        lambda: GrantAward.objects.create(
            scheme=scheme,
            year=2018,
            recipient="Koor",
            purpose="Optreden",
            amount=Decimal("500.01"),
            awarded_on=date(2018, 6, 1),
        )
    )
    # up to the ceiling is fine, and another year has its own ceiling
    GrantAwardFactory(scheme=scheme, year=2018, amount=Decimal("500"))
    GrantAwardFactory(scheme=scheme, year=2019, amount=Decimal("2500"))
    award = GrantAward.objects.get(year=2019)
    refused_by_database(lambda: GrantAward.objects.filter(pk=award.pk).update(amount=2600))
    assert scheme.awarded_in(2018) == Decimal("2500")
    assert scheme.remaining_in(2018) == Decimal("0")


def test_changing_an_award_within_the_ceiling_is_allowed():
    scheme = GrantSchemeFactory(yearly_ceiling=Decimal("2500"))
    award = GrantAwardFactory(scheme=scheme, year=2018, amount=Decimal("2500"))
    award.amount = Decimal("2400")
    award.full_clean()
    award.save()
    assert scheme.remaining_in(2018) == Decimal("100")
