"""Invented demo people, colleagues and history for the contact registry (DEBUG only).

Every person here is made up. Addresses use example.org and example.nl; phone numbers have a
subscriber number that starts with 0, which no real Dutch or German number does.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from contacts.constants import (
    InteractionKind,
    LegalBasis,
    OpportunityKind,
    OpportunityStatus,
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
from networks.models import Theme

# The demo people work at organisations of the Hengelo data; other data sets get none (yet).
DEMO_FOR = "hengelo"

# organisation (name, city), first name, last name, job title, e-mail, phone, languages, purpose
PEOPLE = [
    (
        ("WTC Twente", "Hengelo"),
        "Sanne",
        "Voorbeeld",
        "Adviseur internationaal ondernemen",
        "sanne.voorbeeld@example.nl",
        "+31 74 000 0101",
        ["nl", "en", "de"],
        Purpose.PARTNER_CONTACT,
    ),
    (
        ("Expat Center Twente", "Enschede"),
        "Ravi",
        "Demo",
        "Teamleider",
        "ravi.demo@example.nl",
        "+31 53 000 0102",
        ["en", "nl"],
        Purpose.PARTNER_CONTACT,
    ),
    (
        ("ROZ", "Hengelo"),
        "Joost",
        "Proefpersoon",
        "Coördinator internationalisering",
        "j.proefpersoon@example.nl",
        "+31 74 000 0103",
        ["nl", "de"],
        Purpose.GRANT_ADVICE,
    ),
    (
        ("ROC van Twente", "Hengelo"),
        "Fatma",
        "Testkamp",
        "Projectleider Erasmus+",
        "f.testkamp@example.nl",
        "+31 74 000 0104",
        ["nl", "en", "tr"],
        Purpose.GRANT_ADVICE,
    ),
    (
        ("Montessori College Twente", "Hengelo"),
        "Lotte",
        "Fictief",
        "Docent Duits",
        "l.fictief@example.nl",
        "+31 74 000 0105",
        ["nl", "de"],
        Purpose.PARTNER_CONTACT,
    ),
    (
        ("Regio Twente", "Enschede"),
        "Bram",
        "Verzonnen",
        "Beleidsadviseur Europa",
        "b.verzonnen@example.nl",
        "+31 53 000 0106",
        ["nl", "en"],
        Purpose.NETWORK_CONTACT,
    ),
    (
        ("Gemeente Enschede", "Enschede"),
        "Eva",
        "Naamloos",
        "Adviseur Duitslandagenda",
        "e.naamloos@example.nl",
        "+31 53 000 0107",
        ["nl", "de"],
        Purpose.NETWORK_CONTACT,
    ),
    (
        ("Stadt Emsdetten", "Emsdetten"),
        "Klaus",
        "Beispiel",
        "Städtepartnerschaften",
        "k.beispiel@example.org",
        "+49 2572 000 108",
        ["de", "nl"],
        Purpose.PARTNER_CITY,
    ),
    (
        ("Provincie Overijssel", "Zwolle"),
        "Mirjam",
        "Onbekend",
        "Programmamanager Europa",
        "m.onbekend@example.nl",
        "+31 38 000 0109",
        ["nl", "en"],
        Purpose.GRANT_ADVICE,
    ),
    (
        ("Regio Achterhoek", "Doetinchem"),
        "Tim",
        "Voorproef",
        "Adviseur Europese projecten",
        "t.voorproef@example.nl",
        "+31 314 000 110",
        ["nl"],
        Purpose.NETWORK_CONTACT,
    ),
    (
        ("EUREGIO", "Gronau"),
        "Anke",
        "Musterfrau",
        "Interreg-Beraterin",
        "a.musterfrau@example.org",
        "+49 2562 000 111",
        ["de", "nl", "en"],
        Purpose.GRANT_ADVICE,
    ),
    (
        ("Eurocities", "Brussel"),
        "Léa",
        "Exemple",
        "Forum coordinator",
        "l.exemple@example.org",
        "+32 2 000 0112",
        ["fr", "en"],
        Purpose.NETWORK_CONTACT,
    ),
]

# name, department code, job title, e-mail, [(programme code, [theme codes], experience)]
COLLEAGUES = [
    (
        "Inge Subsidiedemo",
        "subsidies",
        "Subsidieadviseur",
        "i.subsidiedemo@example.nl",
        [
            (
                "interreg",
                ["bereikbaarheid-vestigingsklimaat", "cultuur"],
                "Aanvragen voor het grensprogramma Deutschland-Nederland.",
            ),
            (
                "cef",
                ["bereikbaarheid-vestigingsklimaat"],
                "Mede-aanvrager CEF-subsidie verruiming Twentekanaal.",
            ),
        ],
    ),
    (
        "Mark Lobbydemo",
        "public-affairs",
        "Adviseur public affairs en lobby",
        "m.lobbydemo@example.nl",
        [
            ("horizon-europe", ["techniek-als-motor"], "Consortia met kennisinstellingen."),
            ("urbact", ["circulaire-economie-duurzaamheid"], "Stedennetwerken via Eurocities."),
        ],
    ),
    (
        "Nadia Onderwijsdemo",
        "onderwijs",
        "Beleidsadviseur onderwijs",
        "n.onderwijsdemo@example.nl",
        [("erasmus-plus", ["arbeidsmarkt-talent"], "Uitwisselingen van scholieren en docenten.")],
    ),
    (
        "Peter Sociaaldemo",
        "sociaal-domein",
        "Beleidsadviseur werk en inkomen",
        "p.sociaaldemo@example.nl",
        [("esf-plus", ["arbeidsmarkt-talent", "sociaal-ondernemen"], "ESF-projecten voor werk.")],
    ),
    (
        "Wendy Cultuurdemo",
        "cultuur-sport",
        "Adviseur cultuur en evenementen",
        "w.cultuurdemo@example.nl",
        [("creative-europe", ["cultuur"], "Culturele uitwisseling met Emsdetten.")],
    ),
]


def mark_examples(people, colleagues):
    """Mark as examples the demo rows an earlier run made before the field existed."""
    Person.objects.filter(pk__in=[person.pk for person in people]).update(is_example=True)
    Colleague.objects.filter(pk__in=[colleague.pk for colleague in colleagues]).update(
        is_example=True
    )
    GrantExpertise.objects.filter(colleague__in=colleagues).update(is_example=True)
    # Whatever is recorded about an invented person is invented too.
    Interaction.objects.filter(person__in=people).update(is_example=True)
    Opportunity.objects.filter(from_person__in=people).update(is_example=True)


class Command(BaseCommand):
    help = "Laad verzonnen demopersonen, collega's en contactmomenten (alleen met DEBUG=1)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demopersonen worden alleen geladen met DEBUG=1.")
        if settings.MUNICIPALITY != DEMO_FOR:
            self.stdout.write(f"Er zijn geen demopersonen voor {settings.MUNICIPALITY}.")
            return
        if not Organisation.objects.exists():
            raise CommandError("Laad eerst de gegevens: manage.py load_municipality hengelo.")
        with transaction.atomic():
            people = self.load_people()
            colleagues = self.load_colleagues()
            self.load_history(people, colleagues)
            mark_examples(people, colleagues)
        self.stdout.write(
            f"Demo-contacten: {len(people)} verzonnen personen, {len(colleagues)} collega's."
        )

    def load_people(self):
        languages = {language.code: language for language in Language.objects.all()}
        today = timezone.localdate()
        people = []
        for index, row in enumerate(PEOPLE):
            (org_name, city), first, last, title, email, phone, codes, purpose = row
            organisation = Organisation.objects.get(name=org_name, city=city)
            person, created = Person.objects.get_or_create(
                email=email,
                defaults={
                    "organisation": organisation,
                    "first_name": first,
                    "last_name": last,
                    "job_title": title,
                    "phone": phone,
                    "purpose": purpose,
                    "is_example": True,
                    "legal_basis": LegalBasis.LEGITIMATE_INTEREST,
                    # Two people are overdue for review, so the review list has something.
                    "review_on": today - datetime.timedelta(days=10 + index)
                    if index in (2, 9)
                    else today + datetime.timedelta(days=200 + 10 * index),
                },
            )
            if created:
                person.languages.set([languages[code] for code in codes if code in languages])
            people.append(person)
        return people

    def load_colleagues(self):
        themes = {theme.code: theme for theme in Theme.objects.all()}
        programmes = {programme.code: programme for programme in GrantProgramme.objects.all()}
        colleagues = []
        for name, department_code, title, email, expertise in COLLEAGUES:
            colleague, _created = Colleague.objects.get_or_create(
                name=name,
                defaults={
                    "department": Department.objects.get(code=department_code),
                    "job_title": title,
                    "email": email,
                    "is_example": True,
                },
            )
            for programme_code, theme_codes, experience in expertise:
                item, _ = GrantExpertise.objects.get_or_create(
                    colleague=colleague,
                    programme=programmes[programme_code],
                    defaults={"experience": experience, "is_example": True},
                )
                item.themes.set([themes[code] for code in theme_codes if code in themes])
            colleagues.append(colleague)
        return colleagues

    def load_history(self, people, colleagues):
        if Interaction.objects.exists():
            return
        user = get_user_model().objects.filter(username="accountmanager").first()
        today = timezone.localdate()
        kinds = list(InteractionKind)
        for index, person in enumerate(people):
            occurred = today - datetime.timedelta(days=40 - 3 * index)
            follow_up = occurred + datetime.timedelta(days=14) if index % 2 == 0 else None
            Interaction.objects.create(
                organisation=person.organisation,
                person=person,
                kind=kinds[index % len(kinds)],
                occurred_on=occurred,
                summary=f"Kennismaking met {person.organisation.name} over internationale "
                "samenwerking en de netwerken van de gemeente.",
                logged_by=user,
                follow_up_on=follow_up,
                follow_up_note="Informatie over Europese subsidies sturen" if follow_up else "",
                is_example=True,
            )
        Opportunity.objects.create(
            kind=OpportunityKind.QUESTION,
            title="Erasmus+-aanvraag voor uitwisseling met Emsdetten",
            description="De school wil leerlingen uitwisselen en vraagt hulp bij de aanvraag.",
            from_organisation=people[3].organisation,
            from_person=people[3],
            theme=Theme.objects.filter(code="arbeidsmarkt-talent").first(),
            department=colleagues[2].department,
            assigned_to=colleagues[2],
            status=OpportunityStatus.PASSED_ON,
            created_by=user,
            is_example=True,
        )
        Opportunity.objects.create(
            kind=OpportunityKind.OPPORTUNITY,
            title="Interreg-project grensoverschrijdende arbeidsmarkt",
            description="Partners in de EUREGIO zoeken een Nederlandse gemeente als partner.",
            from_organisation=people[10].organisation,
            from_person=people[10],
            theme=Theme.objects.filter(code="arbeidsmarkt-talent").first(),
            status=OpportunityStatus.NEW,
            created_by=user,
            is_example=True,
        )
