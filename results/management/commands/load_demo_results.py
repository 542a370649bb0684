"""Invented results for 2018 and an example 2019 plan, for a demo (DEBUG only).

The seeds give the 2018 plan, not what came of it, and no later plan. Everything this command
writes is marked is_example, so every page and PDF shows it as an example ('voorbeeld'). A
result or plan that someone recorded in the portal is never touched. Running it twice leaves
the same rows.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from budget.models import BudgetLine
from contacts.models import Organisation
from core.constants import Visibility
from networks.constants import ResultStatus
from networks.models import Effort, Network
from projects.models import Programme, Project
from representation.models import Mandate, OfficeHolder, Trip
from results.constants import PlanStatus
from results.models import EffortResult, WorkPlan

S = ResultStatus
# The invented realised share of each 2018 budget line, in turn: some under, some over budget.
DEMO_ACTUAL_SHARES = (Decimal("0.92"), Decimal("1"), Decimal("1.04"), Decimal("0.85"))
# number -> status, date, summary, hours, euros, evaluation
RESULTS_2018 = {
    1: (
        S.IN_PROGRESS,
        (2018, 9, 1),
        "Overleg met de partners over de uitvoering is gestart.",
        120,
        2500,
        "De afstemming met de Duitse partner kost meer tijd dan gepland.",
    ),
    2: (
        S.REALISED,
        (2018, 6, 15),
        "Ondernemers in de binnenstad kregen informatie over het project.",
        40,
        800,
        "",
    ),
    3: (
        S.REALISED,
        (2018, 10, 12),
        "Twee bijeenkomsten van ondernemers uit beide binnensteden.",
        60,
        1800,
        "Ondernemers willen een vervolg in 2019.",
    ),
    4: (
        S.PARTLY_REALISED,
        (2018, 11, 20),
        "Deelname aan één van de twee bijeenkomsten.",
        24,
        650,
        "Vaker met Netwerkstad Twente afstemmen wie gaat.",
    ),
    5: (
        S.REALISED,
        (2018, 12, 1),
        "De werkgroep TEN-T kwam drie keer bijeen onder voorzitterschap van Netwerkstad Twente.",
        80,
        2100,
        "",
    ),
    6: (S.IN_PROGRESS, (2018, 5, 1), "Aanwezig bij de corridorfora in Brussel.", 50, 1500, ""),
    7: (
        S.CANCELLED,
        (2018, 8, 1),
        "Geen deelname: het forum viel samen met andere prioriteiten.",
        None,
        None,
        "Volgend jaar vooraf bepalen wie namens Netwerkstad Twente deelneemt.",
    ),
    8: (
        S.PARTLY_REALISED,
        (2018, 10, 1),
        "Kennis uit het Polis-netwerk gebruikt; geen projectaanvraag.",
        30,
        None,
        "",
    ),
    9: (
        S.REALISED,
        (2018, 4, 18),
        "Bijeenkomst van de werkgroep in Hengelo georganiseerd.",
        90,
        4200,
        "Goede zichtbaarheid van Hengelo bij Europese steden.",
    ),
    10: (S.IN_PROGRESS, (2018, 9, 15), "Verkenning van een subsidietraject loopt.", 20, None, ""),
    11: (S.REALISED, (2018, 9, 28), "Raadsleden uit Hengelo bezochten Emsdetten.", 16, 950, ""),
    12: (S.REALISED, (2018, 11, 8), "Uitwisseling van ambtenaren over mobiliteit.", 32, 400, ""),
    13: (
        S.CANCELLED,
        (2018, 7, 1),
        "De aanvraag is niet ingediend; te weinig partners.",
        12,
        None,
        "Eerder partners binden voordat een aanvraag wordt voorbereid.",
    ),
    14: (S.REALISED, (2018, 12, 14), "De projecten zijn afgesloten en verantwoord.", 40, None, ""),
    15: (S.IN_PROGRESS, (2018, 10, 1), "Deelname aan de gesprekken loopt.", 10, None, ""),
    16: (
        S.REALISED,
        (2018, 10, 10),
        "Hengelo was aanwezig bij de Europese week van regio's en steden.",
        24,
        1300,
        "",
    ),
}

CARRIED_2019 = [1, 5, 6, 12, 16]
NEW_2019 = [
    {
        "title": "Vervolg uitwisseling ondernemers binnenstad met Emsdetten",
        "expected_yield": "Kennisuitwisseling",
        "lead": "hengelo",
    },
]


class Command(BaseCommand):
    help = "Laad verzonnen resultaten 2018 en een voorbeeldwerkplan 2019 (alleen met DEBUG)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Voorbeeldgegevens worden alleen met DEBUG=1 geladen.")
        with transaction.atomic():
            results = self.results_2018()
            plan, efforts = self.plan_2019()
            projects = self.projects()
            trips = self.representation()
            actuals = self.actuals_2018()
        self.stdout.write(
            f"Voorbeelden: {results} resultaten 2018, werkplan {plan.year} met {efforts} "
            f"inspanningen, {projects} EU-projecten, {trips} reizen, realisatie van {actuals} "
            "begrotingsregels 2018 (alle gemarkeerd als voorbeeld)."
        )

    def actuals_2018(self):
        """Invented realised amounts beside the 2018 budget lines; a real figure stays."""
        count = 0
        lines = BudgetLine.objects.filter(year=2018).order_by("product__name", "name")
        for index, line in enumerate(lines):
            if line.actual is not None and not line.actual_is_example:
                continue  # recorded by the finance department: not ours to change
            share = DEMO_ACTUAL_SHARES[index % len(DEMO_ACTUAL_SHARES)]
            actual = (line.amount * share).quantize(Decimal("1"))
            if (line.actual, line.actual_is_example) != (actual, True):
                line.actual, line.actual_is_example = actual, True
                line._change_reason = "Voorbeeldrealisatie (load_demo_results)"
                line.save()
            count += 1
        return count

    def results_2018(self):
        count = 0
        for effort in Effort.objects.filter(year=2018, number__in=RESULTS_2018):
            existing = EffortResult.objects.filter(effort=effort).first()
            if existing is not None and not existing.is_example:
                continue  # recorded in the portal: not ours to change
            status, date, summary, hours, euros, evaluation = RESULTS_2018[effort.number]
            values = {
                "status": status,
                "status_date": datetime.date(*date),
                "summary": summary,
                "hours_spent": None if hours is None else Decimal(hours),
                "money_spent": None if euros is None else Decimal(euros),
                "evaluation": evaluation,
            }
            if existing is None:
                EffortResult.objects.create(effort=effort, is_example=True, **values)
            elif any(getattr(existing, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(existing, name, value)
                existing.save()
            count += 1
        return count

    def plan_2019(self):
        plan = WorkPlan.objects.filter(year=2019).first()
        if plan is not None and not plan.is_example:
            return plan, Effort.objects.filter(year=2019).count()
        if plan is None:
            plan = WorkPlan.objects.create(
                year=2019,
                title="Internationale inspanningen 2019",
                status=PlanStatus.ADOPTED,
                adopted_on=datetime.date(2019, 2, 12),
                introduction="Voorbeeld van een werkplan dat verder bouwt op 2018.",
                is_example=True,
            )
        number = 0
        for number, previous in enumerate(
            Effort.objects.filter(year=2018, number__in=CARRIED_2019).order_by("number"), start=1
        ):
            effort, created = Effort.objects.get_or_create(
                year=2019,
                carried_over_from=previous,
                defaults={
                    "number": number,
                    "title": previous.title,
                    "description": previous.description,
                    "expected_yield": previous.expected_yield,
                    "lead": previous.lead,
                    "network": previous.network,
                    "forum": previous.forum,
                    "visibility": Visibility.PUBLIC,
                    "is_example": True,
                },
            )
            if created:
                effort.themes.set(previous.themes.all())
                effort.yield_kinds.set(previous.yield_kinds.all())
        for extra in NEW_2019:
            number += 1
            Effort.objects.get_or_create(
                year=2019,
                title=extra["title"],
                defaults={**extra, "number": number, "is_example": True},
            )
        first = Effort.objects.filter(year=2019, is_example=True).order_by("number").first()
        if first is not None:
            EffortResult.objects.get_or_create(
                effort=first,
                defaults={
                    "status": ResultStatus.IN_PROGRESS,
                    "status_date": datetime.date(2019, 3, 1),
                    "summary": "Loopt door uit 2018.",
                    "is_example": True,
                },
            )
        return plan, Effort.objects.filter(year=2019).count()

    def projects(self):
        """Invented EU projects with money and deadlines counted from today."""
        today = timezone.localdate()
        examples = [
            {
                "title": "Voorbeeld: Grenzeloos groen onderhoud",
                "acronym": "GGO",
                "year": 2023,
                "programme": "Interreg VI A Deutschland-Nederland",
                "role": "leadpartner",
                "status": "aanvraag",
                "call": "Oproep kleine projecten",
                "total_budget": Decimal("480000"),
                "eu_contribution": Decimal("240000"),
                "co_financing": Decimal("240000"),
                "deadline": today + datetime.timedelta(days=21),
                "deadline_note": "indienen volledige aanvraag",
                "partners": [("Stadt Emsdetten", "Emsdetten"), ("Gemeente Enschede", "Enschede")],
            },
            {
                "title": "Voorbeeld: Leerlingen over de grens",
                "acronym": "LOG",
                "year": 2022,
                "programme": "Erasmus+ 2021–2027",
                "role": "partner",
                "status": "lopend",
                "total_budget": Decimal("120000"),
                "eu_contribution": Decimal("96000"),
                "co_financing": Decimal("24000"),
                "start_date": datetime.date(2022, 9, 1),
                "end_date": datetime.date(2025, 8, 31),
                "deadline": today + datetime.timedelta(days=60),
                "deadline_note": "tussenrapportage",
                "partners": [("ROC van Twente", "Hengelo")],
            },
            {
                "title": "Voorbeeld: Slimme logistiek op de corridor",
                "year": 2019,
                "programme": "Connecting Europe Facility (CEF) 2014–2020",
                "role": "geassocieerd",
                "status": "afgesloten",
                "total_budget": Decimal("900000"),
                "eu_contribution": Decimal("450000"),
                "start_date": datetime.date(2019, 1, 1),
                "end_date": datetime.date(2021, 12, 31),
                "partners": [],
            },
        ]
        count = 0
        for example in examples:
            values = dict(example)
            partners = values.pop("partners")
            values["programme"] = Programme.objects.get(name=values["programme"])
            existing = Project.objects.filter(title=values["title"]).first()
            if existing is not None and not existing.is_example:
                continue
            project, _created = Project.objects.update_or_create(
                title=values.pop("title"), defaults={**values, "is_example": True}
            )
            project.partners.set(
                [Organisation.objects.get(name=name, city=city) for name, city in partners]
            )
            count += 1
        return count

    def representation(self):
        """Invented office holders with mandates, and trips with costs and a short report."""
        alderman, _created = OfficeHolder.objects.get_or_create(
            name="Voorbeeld: wethouder Internationaal",
            defaults={"office": "wethouder", "is_example": True},
        )
        member, _created = OfficeHolder.objects.get_or_create(
            name="Voorbeeld: raadslid A",
            defaults={"office": "raadslid", "party": "Voorbeeldpartij", "is_example": True},
        )
        official, _created = OfficeHolder.objects.get_or_create(
            name="Voorbeeld: beleidsadviseur", defaults={"office": "ambtenaar", "is_example": True}
        )
        eurocities = Network.objects.filter(slug="eurocities").first()
        mont = Network.objects.filter(slug="mont").first()
        Mandate.objects.get_or_create(
            body="Voorbeeld: Eurocities Mobility Forum",
            role="deelnemer",
            defaults={
                "network": eurocities,
                "holder": official,
                "starts_on": datetime.date(2019, 1, 1),
                "is_example": True,
            },
        )
        Mandate.objects.get_or_create(
            body="Voorbeeld: MONT Spitzengespräch",
            role="lid",
            defaults={
                "network": mont,
                "holder": alderman,
                "starts_on": datetime.date(2018, 6, 1),
                "ends_on": datetime.date(2022, 5, 31),
                "is_example": True,
            },
        )
        trips = [
            (
                "Voorbeeld: raadsleden naar Emsdetten",
                "Emsdetten",
                "DE",
                datetime.date(2018, 9, 28),
                [member, alderman],
                Decimal("950"),
                "stedenband-emsdetten",
                (2018, 11),
            ),
            (
                "Voorbeeld: werkbezoek Brussel, Europese week",
                "Brussel",
                "BE",
                datetime.date(2018, 10, 9),
                [alderman, official],
                Decimal("1300"),
                None,
                (2018, 16),
            ),
            (
                "Voorbeeld: ambtelijk bezoek Münster",
                "Münster",
                "DE",
                datetime.date(2018, 11, 8),
                [official],
                Decimal("120"),
                "mont",
                (2018, 12),
            ),
        ]
        for title, place, country, day, people, costs, network, effort in trips:
            trip, created = Trip.objects.get_or_create(
                title=title,
                defaults={
                    "destination": place,
                    "country": country,
                    "year": day.year,
                    "starts_on": day,
                    "ends_on": day,
                    "purpose": "Voorbeeld van een werkbezoek.",
                    "costs": costs,
                    "report": "Voorbeeldverslag: kennismaking en afspraken over een vervolg.",
                    "is_example": True,
                },
            )
            if created:
                trip.participants.set(people)
                if network:
                    trip.networks.set(Network.objects.filter(slug=network))
                trip.efforts.set(Effort.objects.filter(year=effort[0], number=effort[1]))
        return Trip.objects.filter(is_example=True).count()
