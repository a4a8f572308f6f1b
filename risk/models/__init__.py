"""The risk app's records: the register, continuity (plans and drills), incidents and corrective actions."""

from .actions import CorrectiveAction
from .continuity import ContingencyPlan, Drill, DrillFinding, DrillObjective, ResponseStep
from .incidents import ChecklistItem, Incident, IncidentEvent
from .register import KeyRiskIndicator, KriReading, Risk, RiskReview

__all__ = [
    "ChecklistItem",
    "ContingencyPlan",
    "CorrectiveAction",
    "Drill",
    "DrillFinding",
    "DrillObjective",
    "Incident",
    "IncidentEvent",
    "KeyRiskIndicator",
    "KriReading",
    "ResponseStep",
    "Risk",
    "RiskReview",
]
