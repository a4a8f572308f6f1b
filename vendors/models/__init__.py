"""The vendor registry, sourcing events with their sealed proposals, and the evaluation."""

from .evaluation import AwardDecision, DueDiligence, EvaluatorAssignment, PilotKpi, RequirementCheck, Score
from .registry import Vendor, VendorCertification, VendorChangeRequest, VendorContact, VendorDocument
from .sourcing import (
    Criterion,
    EventDocument,
    Invitation,
    Proposal,
    ProposalAttachment,
    Question,
    Requirement,
    SourcingEvent,
)

__all__ = [
    "AwardDecision",
    "Criterion",
    "DueDiligence",
    "EvaluatorAssignment",
    "EventDocument",
    "Invitation",
    "PilotKpi",
    "Proposal",
    "ProposalAttachment",
    "Question",
    "Requirement",
    "RequirementCheck",
    "Score",
    "SourcingEvent",
    "Vendor",
    "VendorCertification",
    "VendorChangeRequest",
    "VendorContact",
    "VendorDocument",
]
