"""The council's documents and what became of them; one module per part, all importable here."""

from .commitments import Commitment, CommitmentQuerySet
from .council import (
    CouncilProposal,
    CouncilProposalQuerySet,
    DecisionPoint,
    Motion,
    ProcessStep,
    Proposal,
    ProposalQuerySet,
    case_number_validator,
)
from .decisions import Decision, DecisionQuerySet, PointOutcome, Submission
from .exports import DocumentExport, DocumentExportQuerySet

__all__ = [
    "Commitment",
    "CommitmentQuerySet",
    "CouncilProposal",
    "CouncilProposalQuerySet",
    "Decision",
    "DecisionPoint",
    "DecisionQuerySet",
    "DocumentExport",
    "DocumentExportQuerySet",
    "Motion",
    "PointOutcome",
    "ProcessStep",
    "Proposal",
    "ProposalQuerySet",
    "Submission",
    "case_number_validator",
]
