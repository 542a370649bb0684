"""The contact registry (proposal 6): organisations, their people, interactions, opportunities
passed on to colleagues, EU-grant expertise (proposal 3), and the AVG records around them."""

from .base import validate_country, validate_phone
from .colleagues import Colleague, Department, GrantExpertise, GrantProgramme
from .interactions import Interaction, InteractionQuerySet
from .opportunities import STATUSES_NEEDING_SOMEONE, Opportunity, OpportunityQuerySet
from .organisations import PARTNER_ORDER, PARTNERS_PER_PAGE, Organisation, OrganisationQuerySet
from .people import REVIEW_PERIOD, Language, Person, PersonQuerySet, default_review_on
from .privacy import AccessLog, ErasureRecord

__all__ = [
    "PARTNERS_PER_PAGE",
    "PARTNER_ORDER",
    "REVIEW_PERIOD",
    "STATUSES_NEEDING_SOMEONE",
    "AccessLog",
    "Colleague",
    "Department",
    "ErasureRecord",
    "GrantExpertise",
    "GrantProgramme",
    "Interaction",
    "InteractionQuerySet",
    "Language",
    "Opportunity",
    "OpportunityQuerySet",
    "Organisation",
    "OrganisationQuerySet",
    "Person",
    "PersonQuerySet",
    "default_review_on",
    "validate_country",
    "validate_phone",
]
