"""A database constraint's Dutch message shows at the field it is about (core.models)."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from contacts.models import Organisation
from core.models import ConstraintErrorsAtFieldMixin
from projects.models import Programme, Project
from proposals.constants import DecisionOutcome
from tests.factories import CouncilProposalFactory, DecisionPointFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_unique_violation_shows_its_message_at_the_field():
    OrganisationFactory(name="WTC Twente", city="Hengelo")
    OrganisationForm = modelform_factory(Organisation, fields=["name", "kind", "city", "country"])

    form = OrganisationForm(
        data={"name": "wtc twente", "kind": "overig", "city": "HENGELO", "country": "NL"}
    )

    assert not form.is_valid()
    assert form.errors["name"] == ["Er is al een organisatie met deze naam in deze plaats."]
    assert form.non_field_errors() == []
    assert Organisation.objects.count() == 1


def test_a_check_violation_shows_its_message_at_the_field_and_saves_nothing():
    programme = Programme.objects.create(
        name="Interreg VI A", first_year=2021, last_year=2027, website=""
    )
    ProjectForm = modelform_factory(
        Project,
        fields=[
            "title",
            "programme",
            "year",
            "total_budget",
            "eu_contribution",
            "start_date",
            "end_date",
        ],
    )

    form = ProjectForm(
        data={
            "title": "Grensloos samenwerken",
            "programme": programme.pk,
            "year": 2023,
            "total_budget": "1000",
            "eu_contribution": "2000",
            "start_date": "2023-06-01",
            "end_date": "2023-01-01",
        }
    )

    assert not form.is_valid()
    assert form.errors["eu_contribution"] == [
        "De EU-bijdrage kan niet groter zijn dan de totale begroting."
    ]
    assert form.errors["end_date"] == ["Het project kan niet eindigen voordat het begint."]
    assert Project.objects.count() == 0


def test_full_clean_puts_the_message_at_the_field_too():
    programme = Programme(name="Erasmus+", first_year=2028, last_year=2021)

    with pytest.raises(ValidationError) as raised:
        programme.full_clean()

    assert raised.value.message_dict["last_year"] == ["Het eerste jaar ligt na het laatste jaar."]


def test_every_mapped_code_is_a_constraints_code_and_every_target_a_field():
    models = [
        model for model in apps.get_models() if issubclass(model, ConstraintErrorsAtFieldMixin)
    ]
    assert len(models) >= 8
    for model in models:
        codes = {constraint.violation_error_code for constraint in model._meta.constraints}
        field_names = {field.name for field in model._meta.get_fields()}
        for code, field in model.constraint_error_fields.items():
            assert code in codes, f"{model.__name__}: no constraint with code {code!r}"
            assert field in field_names, f"{model.__name__}: no field {field!r}"


def test_a_decided_point_without_a_date_is_refused_at_the_date():
    point = DecisionPointFactory.build(
        council_proposal=CouncilProposalFactory(), outcome=DecisionOutcome.ADOPTED
    )

    with pytest.raises(ValidationError) as raised:
        point.full_clean()

    assert raised.value.message_dict == {"decided_on": ["Vul de datum van het besluit in."]}
