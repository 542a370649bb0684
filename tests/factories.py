"""factory_boy factories for the domain models, in one place, and a helper that scales the
Hengelo data. Every person is invented (example.org)."""

import datetime
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone, translation
from factory.django import DjangoModelFactory

from agenda.constants import DatePrecision
from agenda.models import Event
from budget.constants import LineCategory, Recurrence, TargetStatus
from budget.models import BudgetLine, BudgetProduct, ProductBudget, SavingsTarget, StaffPosition
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
from core.constants import Visibility
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
    represented_by = Representation.OWN_MUNICIPALITY
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
    lead = Lead.OWN_MUNICIPALITY
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


# --- the contact registry ---------------------------------------------------------------------


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


# --- the agenda -------------------------------------------------------------------------------


class EventFactory(DjangoModelFactory):
    """A published event in Hengelo ten days from now, two hours long, with a Dutch text."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"evenement-{n}")
    visibility = Visibility.PUBLIC
    date_precision = DatePrecision.TIME
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    venue = "Stadhuis"
    address = "Hazenweg 121"
    city = "Hengelo"
    country = "NL"
    organiser = "Gemeente Hengelo"
    translations = factory.Sequence(
        lambda n: {"nl": {"title": f"Evenement {n}", "text": f"Tekst van evenement {n}."}}
    )

    @classmethod
    def _build(cls, model_class, *args, translations=None, organiser="", **kwargs):
        event = model_class(*args, **kwargs)
        translations = translations or {}
        for language, fields in translations.items():
            event.set_current_language(language)
            # The organiser is translated too: the given one goes to the first language (Dutch
            # when there is Dutch), unless the translations name their own.
            first = language == next(iter(translations))
            if first and organiser and "organiser" not in fields:
                event.organiser = organiser
            for name, value in fields.items():
                setattr(event, name, value)
        event.set_current_language("nl")
        return event

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        event = cls._build(model_class, *args, **kwargs)
        event.save()
        return event

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def three_languages(title, text="Tekst."):
    """Texts in Dutch, German and English, marked per language."""
    return {
        "nl": {"title": f"{title} (nl)", "text": f"{text} (nl)"},
        "de": {"title": f"{title} (de)", "text": f"{text} (de)"},
        "en": {"title": f"{title} (en)", "text": f"{text} (en)"},
    }


def page_of(event):
    """The event's Dutch page path (the test thread keeps the language of its last request)."""
    with translation.override("nl"):
        return event.get_absolute_url()


# --- more rows --------------------------------------------------------------------------------


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
        # Case numbers from the copy, not from the factories' sequences, which start again in
        # every process: the bench grows 10x to 100x in a new one.
        council_proposal = CouncilProposalFactory(
            subject=f"Raadsvoorstel kopie {copy}",
            case_number=f"{4500000 + copy}",
            motion__case_number=f"{3500000 + copy}",
        )
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
