"""factory_boy factories for the domain models, and a helper that scales the Hengelo data."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from budget.constants import LineCategory, Recurrence, TargetStatus
from budget.models import BudgetLine, BudgetProduct, ProductBudget, SavingsTarget, StaffPosition
from networks.constants import Lead, Representation, ThemeKind
from networks.models import Effort, Forum, Network, Theme, YieldKind
from partnercity.constants import ActivityKind, AssociationStatus, LinkKind
from partnercity.models import (
    Activity,
    GrantAward,
    GrantScheme,
    PartnerCity,
    TwinningAssociation,
)
from proposals.constants import CouncilProposalStatus, StepKind
from proposals.models import CouncilProposal, DecisionPoint, Motion, ProcessStep, Proposal


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")
    kind = ThemeKind.EXTRA


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")
    represented_by = Representation.HENGELO
    role_administrative = True
    theme_summary = "economie"


class ForumFactory(DjangoModelFactory):
    class Meta:
        model = Forum

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Forum {n}")
    lead_city = "Hengelo"


class YieldKindFactory(DjangoModelFactory):
    class Meta:
        model = YieldKind
        django_get_or_create = ["name"]

    name = "Kennisuitwisseling"


class EffortFactory(DjangoModelFactory):
    class Meta:
        model = Effort

    year = 2018
    number = factory.Sequence(lambda n: n + 100)
    title = factory.Sequence(lambda n: f"Inspanning {n}")
    expected_yield = "Kennisuitwisseling"
    lead = Lead.HENGELO
    network = factory.SubFactory(NetworkFactory)


class MotionFactory(DjangoModelFactory):
    class Meta:
        model = Motion

    case_number = factory.Sequence(lambda n: f"{3000000 + n}")
    title = "Motie"
    adopted_on = date(2017, 7, 18)


class CouncilProposalFactory(DjangoModelFactory):
    class Meta:
        model = CouncilProposal

    case_number = factory.Sequence(lambda n: f"{4000000 + n}")
    subject = factory.Sequence(lambda n: f"Raadsvoorstel {n}")
    motion = factory.SubFactory(MotionFactory)
    status = CouncilProposalStatus.SCHEDULED
    council_meeting_on = date(2018, 3, 6)


class ProcessStepFactory(DjangoModelFactory):
    class Meta:
        model = ProcessStep

    council_proposal = factory.SubFactory(CouncilProposalFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = StepKind.POLITICAL_MARKET
    date = date(2018, 2, 14)
    title = "Politieke markt"


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    council_proposal = factory.SubFactory(CouncilProposalFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Voorstel {n}")
    summary = "Een samenvatting."
    owner = "College van B&W"


class DecisionPointFactory(DjangoModelFactory):
    class Meta:
        model = DecisionPoint

    council_proposal = factory.SubFactory(CouncilProposalFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Besluitpunt"


class PartnerCityFactory(DjangoModelFactory):
    class Meta:
        model = PartnerCity

    name = factory.Sequence(lambda n: f"Partnerstad {n}")
    slug = factory.Sequence(lambda n: f"partnerstad-{n}")
    country = "DE"
    kind = LinkKind.PARTNERSHIP


class TwinningAssociationFactory(DjangoModelFactory):
    class Meta:
        model = TwinningAssociation

    partner_city = factory.SubFactory(PartnerCityFactory)
    name = factory.Sequence(lambda n: f"Vereniging {n}")
    status = AssociationStatus.PLANNED
    yearly_budget = Decimal("5000")
    budget_from_year = 2018


class GrantSchemeFactory(DjangoModelFactory):
    class Meta:
        model = GrantScheme

    partner_city = factory.SubFactory(PartnerCityFactory)
    name = factory.Sequence(lambda n: f"Subsidieregeling {n}")
    yearly_ceiling = Decimal("2500")


class GrantAwardFactory(DjangoModelFactory):
    class Meta:
        model = GrantAward

    scheme = factory.SubFactory(GrantSchemeFactory)
    year = 2018
    recipient = factory.Sequence(lambda n: f"Vereniging {n}")
    purpose = "Culturele uitwisseling"
    amount = Decimal("500")
    awarded_on = date(2018, 5, 1)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    partner_city = factory.SubFactory(PartnerCityFactory)
    title = factory.Sequence(lambda n: f"Activiteit {n}")
    kind = ActivityKind.CULTURE
    year = 2018


class BudgetProductFactory(DjangoModelFactory):
    class Meta:
        model = BudgetProduct

    code = factory.Sequence(lambda n: f"product-{n}")
    name = factory.Sequence(lambda n: f"Product {n}")


class ProductBudgetFactory(DjangoModelFactory):
    class Meta:
        model = ProductBudget

    product = factory.SubFactory(BudgetProductFactory)
    year = 2017
    amount = Decimal("100000")


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    product = factory.SubFactory(BudgetProductFactory)
    year = 2017
    name = factory.Sequence(lambda n: f"Regel {n}")
    category = LineCategory.MEMBERSHIP
    recurrence = Recurrence.RECURRING
    amount = Decimal("1000")


class StaffPositionFactory(DjangoModelFactory):
    class Meta:
        model = StaffPosition

    title = factory.Sequence(lambda n: f"Functie {n}")
    fte = Decimal("0.5")
    yearly_cost = Decimal("40000")
    recurrence = Recurrence.RECURRING
    start_year = 2019
    proposal = factory.SubFactory(ProposalFactory)


class SavingsTargetFactory(DjangoModelFactory):
    class Meta:
        model = SavingsTarget

    code = factory.Sequence(lambda n: f"taakstelling-{n}")
    name = factory.Sequence(lambda n: f"Taakstelling {n}")
    amount = Decimal("56610")
    status = TargetStatus.IN_FORCE


def scale_hengelo_data(factor, start=1):
    """Add (factor - 1) copies of the Hengelo records, so that pages show factor x the rows
    (copies `start` to `factor - 1`: a larger scale continues where a smaller one stopped).

    Each copy gets its own council proposal with nine proposals, nine networks with forums,
    sixteen efforts, a partner city with activities, and budget lines; all linked like the
    original, so that an N+1 query shows up in a page's query count.
    """
    themes = list(Theme.objects.all()) or ThemeFactory.create_batch(4)
    yields = list(YieldKind.objects.all()) or [YieldKindFactory()]
    for copy in range(start, factor):
        networks = []
        for index in range(9):
            network = NetworkFactory(name=f"Netwerk {copy}-{index}", slug=f"netwerk-{copy}-{index}")
            network.themes.set(themes[index % len(themes) :: 3])
            ForumFactory(network=network, name=f"Forum {copy}-{index}")
            networks.append(network)
        council_proposal = CouncilProposalFactory(subject=f"Raadsvoorstel kopie {copy}")
        for position in range(1, 7):
            ProcessStepFactory(council_proposal=council_proposal, position=position)
        efforts = []
        # Years stay within 2018-2067 (the models allow up to 2100): from the 51st copy on,
        # a year holds a second set of numbers, 101-116.
        year = 2018 + copy % 50
        for number in range(1, 17):
            effort = EffortFactory(
                year=year,
                number=number + 100 * (copy // 50),
                network=networks[number % 9],
                title=f"Inspanning {copy}-{number}",
            )
            effort.themes.set(themes[number % len(themes) :: 4])
            effort.yield_kinds.set(yields[number % len(yields) :: 5])
            efforts.append(effort)
        for number in range(1, 10):
            proposal = ProposalFactory(
                council_proposal=council_proposal, number=number, title=f"Voorstel {copy}-{number}"
            )
            proposal.themes.set(themes[number % len(themes) :: 3])
            proposal.networks.set(networks[number - 1 : number + 1])
            proposal.efforts.set(efforts[number - 1 : number + 2])
        for number in range(1, 3):
            DecisionPointFactory(council_proposal=council_proposal, number=number)
        city = PartnerCityFactory(name=f"Partnerstad {copy}", slug=f"partnerstad-kopie-{copy}")
        for index in range(2):
            ActivityFactory(partner_city=city, effort=efforts[index], year=year)
        product = BudgetProductFactory(name=f"Product kopie {copy}", code=f"product-kopie-{copy}")
        ProductBudgetFactory(product=product, year=2017)
        for index in range(3):
            BudgetLineFactory(product=product, network=networks[index], partner_city=city)
