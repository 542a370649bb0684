"""factory_boy factories for the contact registry. Every person is invented (example.org)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from contacts.constants import (
    InteractionKind,
    LegalBasis,
    OpportunityKind,
    OpportunityStatus,
    OrganisationKind,
    Purpose,
)
from contacts.models import (
    Colleague,
    Department,
    GrantExpertise,
    GrantProgramme,
    Interaction,
    Language,
    Opportunity,
    Organisation,
    Person,
)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.LOCAL_PARTNER
    city = "Hengelo"
    country = "NL"


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ["code"]

    code = "nl"
    name = factory.LazyAttribute(lambda o: {"nl": "Nederlands", "de": "Duits"}.get(o.code, o.code))


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = factory.Sequence(lambda n: f"Achternaam{n}")
    job_title = "Adviseur"
    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    phone = factory.Sequence(lambda n: f"+31 74 000 {n % 10000:04d}")
    purpose = Purpose.PARTNER_CONTACT
    legal_basis = LegalBasis.LEGITIMATE_INTEREST


class InteractionFactory(DjangoModelFactory):
    class Meta:
        model = Interaction

    organisation = factory.SubFactory(OrganisationFactory)
    kind = InteractionKind.MEETING
    occurred_on = datetime.date(2024, 3, 1)
    summary = "Gesprek over samenwerking."


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"afdeling-{n}")
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class ColleagueFactory(DjangoModelFactory):
    class Meta:
        model = Colleague

    name = factory.Sequence(lambda n: f"Collega {n}")
    department = factory.SubFactory(DepartmentFactory)
    email = factory.Sequence(lambda n: f"collega{n}@example.nl")


class GrantProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = GrantProgramme
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"programma-{n}")
    name = factory.Sequence(lambda n: f"Programma {n}")


class GrantExpertiseFactory(DjangoModelFactory):
    class Meta:
        model = GrantExpertise

    colleague = factory.SubFactory(ColleagueFactory)
    programme = factory.SubFactory(GrantProgrammeFactory)
    experience = "Twee aanvragen begeleid."


class OpportunityFactory(DjangoModelFactory):
    class Meta:
        model = Opportunity

    kind = OpportunityKind.OPPORTUNITY
    title = factory.Sequence(lambda n: f"Kans {n}")
    status = OpportunityStatus.NEW
