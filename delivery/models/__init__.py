"""The delivery models, one module per concern; every model is re-exported here."""

from .burn import BurnStamp
from .cost import MONEY, CostEntry, CreditDeduction, Invoice, InvoiceLine
from .engagement import ActionItem, Communication, Meeting
from .measurements import MeasurementBatch, MeasurementImport, Sample
from .plan import Task, TaskUpdate, TransitionItem, WorkPackage
from .status import StatusReport
from .training import Attendance, Course, SupportRequest, TrainingSession

__all__ = [
    "ActionItem",
    "Attendance",
    "BurnStamp",
    "Communication",
    "Course",
    "Meeting",
    "SupportRequest",
    "TrainingSession",
    "MONEY",
    "CostEntry",
    "CreditDeduction",
    "Invoice",
    "InvoiceLine",
    "MeasurementBatch",
    "MeasurementImport",
    "Sample",
    "StatusReport",
    "Task",
    "TaskUpdate",
    "TransitionItem",
    "WorkPackage",
]
