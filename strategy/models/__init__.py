"""The program and its charter (objectives, scope, budget, milestones, stakeholders, resources)."""

from .charter import (
    BudgetLine,
    CharterRevision,
    Milestone,
    Objective,
    PhaseGate,
    ResourceAllocation,
    ScopeItem,
    Stakeholder,
)
from .program import Program

__all__ = [
    "BudgetLine",
    "CharterRevision",
    "Milestone",
    "Objective",
    "PhaseGate",
    "Program",
    "ResourceAllocation",
    "ScopeItem",
    "Stakeholder",
]
