"""Pages of the contact registry.

People, interactions, opportunities, the access log and the erasure records are for the
accountmanager and administrators only (the contacts.view_person and related permissions).
Other roles see organisations and the EU-grant expertise; the public sees the organisations
marked as public partners and which programmes the municipality knows.
"""

from .expertise import GrantExpertiseListView
from .importing import ImportView
from .interactions import (
    FollowUpDoneView,
    FollowUpListView,
    InteractionCreateView,
    InteractionDetailView,
    InteractionExportView,
    InteractionListView,
    InteractionUpdateView,
)
from .opportunities import (
    OpportunityCreateView,
    OpportunityDetailView,
    OpportunityExportView,
    OpportunityListView,
    OpportunityUpdateView,
)
from .organisations import (
    OrganisationCreateView,
    OrganisationDetailView,
    OrganisationExportView,
    OrganisationListView,
    OrganisationUpdateView,
)
from .people import (
    ConfirmReviewView,
    PersonCreateView,
    PersonDetailView,
    PersonEraseView,
    PersonExportDataView,
    PersonExportView,
    PersonListView,
    PersonOptionsView,
    PersonUpdateView,
    ReviewListView,
)
from .privacy import AccessLogListView, ErasureListView

__all__ = [
    "OrganisationListView",
    "OrganisationExportView",
    "OrganisationDetailView",
    "OrganisationCreateView",
    "OrganisationUpdateView",
    "PersonListView",
    "PersonExportView",
    "PersonDetailView",
    "PersonCreateView",
    "PersonUpdateView",
    "PersonOptionsView",
    "PersonExportDataView",
    "PersonEraseView",
    "ReviewListView",
    "ConfirmReviewView",
    "InteractionListView",
    "InteractionExportView",
    "InteractionDetailView",
    "InteractionCreateView",
    "InteractionUpdateView",
    "FollowUpDoneView",
    "FollowUpListView",
    "OpportunityListView",
    "OpportunityExportView",
    "OpportunityDetailView",
    "OpportunityCreateView",
    "OpportunityUpdateView",
    "GrantExpertiseListView",
    "AccessLogListView",
    "ErasureListView",
    "ImportView",
]
