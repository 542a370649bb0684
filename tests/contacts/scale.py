"""A contact registry at the size the issue asks for: 10,000 people and 50,000 interactions,
written with bulk_create in a few seconds. Used by the query-budget tests and by bench/contacts.py.
"""

import contextlib
import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from contacts.constants import InteractionKind, LegalBasis, OpportunityStatus, Purpose
from contacts.models import (
    AccessLog,
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
from core.constants import Role
from networks.models import Theme

SCALE_PEOPLE = 10_000
SCALE_INTERACTIONS = 50_000
SCALE_ORGANISATIONS = 500


def build_registry(
    n_people=SCALE_PEOPLE,
    n_interactions=SCALE_INTERACTIONS,
    n_organisations=SCALE_ORGANISATIONS,
    tag="",
):
    """Write a registry of the given size with bulk_create; return a few records to look at.

    A `tag` in the names lets a second call add to the registry (bench/seed.py grows it)."""
    User = get_user_model()
    manager = User.objects.filter(username="am-schaal").first() or User.objects.create_user(
        "am-schaal", password="test-wachtwoord"
    )
    manager.groups.add(Group.objects.get(name=Role.ACCOUNT_MANAGER.value))
    themes = [
        Theme.objects.get_or_create(
            code=f"schaal-{i}", defaults={"name": f"Schaal {i}", "kind": "extra"}
        )[0]
        for i in range(4)
    ]
    languages = [
        Language.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("nl", "Nederlands"), ("de", "Duits"), ("en", "Engels"))
    ]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Schaalorganisatie {tag}{i}",
            city="Hengelo" if i % 2 else "Enschede",
            kind="lokale_partner",
            is_public_partner=i % 5 == 0,
        )
        for i in range(n_organisations)
    )
    Organisation.themes.through.objects.bulk_create(
        Organisation.themes.through(organisation_id=org.pk, theme_id=themes[i % 4].pk)
        for i, org in enumerate(organisations)
    )
    today = datetime.date.today()
    people = Person.objects.bulk_create(
        (
            Person(
                organisation=organisations[i % n_organisations],
                first_name=f"Voornaam{i}",
                last_name=f"Schaal{tag}{i:05d}",
                email=f"schaal{tag}{i}@example.org",
                phone="+31 74 000 0000",
                purpose=Purpose.PARTNER_CONTACT,
                legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                review_on=today + datetime.timedelta(days=(i % 400) - 100),
            )
            for i in range(n_people)
        ),
        batch_size=2000,
    )
    Person.languages.through.objects.bulk_create(
        (
            Person.languages.through(person_id=p.pk, language_id=languages[i % 3].pk)
            for i, p in enumerate(people)
        ),
        batch_size=5000,
    )
    kinds = list(InteractionKind)
    Interaction.objects.bulk_create(
        (
            Interaction(
                organisation_id=people[i % n_people].organisation_id,
                person=people[i % n_people],
                kind=kinds[i % 4],
                occurred_on=today - datetime.timedelta(days=i % 700),
                summary=f"Contactmoment {i} over samenwerking.",
                logged_by=manager,
                follow_up_on=(
                    today - datetime.timedelta(days=i % 700) + datetime.timedelta(days=30)
                )
                if i % 10 == 0
                else None,
            )
            for i in range(n_interactions)
        ),
        batch_size=5000,
    )
    department = Department.objects.create(code=f"schaal{tag}", name=f"Schaalafdeling {tag}")
    colleagues = Colleague.objects.bulk_create(
        Colleague(name=f"Schaalcollega {tag}{i}", department=department) for i in range(50)
    )
    programmes = [
        GrantProgramme.objects.create(code=f"schaal{tag}-{i}", name=f"Schaalprogramma {tag}{i}")
        for i in range(10)
    ]
    GrantExpertise.objects.bulk_create(
        GrantExpertise(colleague=colleagues[i], programme=programmes[i % 10]) for i in range(50)
    )
    Opportunity.objects.bulk_create(
        (
            Opportunity(
                title=f"Schaalkans {tag}{i}",
                from_organisation=organisations[i % n_organisations],
                from_person=people[i],
                theme=themes[i % 4],
                status=OpportunityStatus.PASSED_ON if i % 2 else OpportunityStatus.NEW,
                department=department if i % 2 else None,
                assigned_to=colleagues[i % 50] if i % 2 else None,
            )
            for i in range(min(2000, n_people))
        ),
        batch_size=2000,
    )
    AccessLog.objects.bulk_create(
        AccessLog(person=people[i % 100], user=manager) for i in range(5000)
    )
    opportunity = Opportunity.objects.order_by("pk").first()
    return {
        "manager": manager,
        "organisation": organisations[1],
        "person": people[1],
        "opportunity": opportunity,
    }


@contextlib.contextmanager
def registry_rolled_back(**sizes):
    """Build the registry inside a transaction that is rolled back on leaving, also after a
    failure: tests inside run in savepoints of it, and no row stays committed for later tests."""
    with transaction.atomic():
        yield build_registry(**sizes)
        transaction.set_rollback(True)
