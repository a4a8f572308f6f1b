"""Status values and scales of the risk app, each with what it means."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    OPERATIONAL = "operational", pgettext_lazy("risk category", "Operational")
    FINANCIAL = "financial", pgettext_lazy("risk category", "Financial")
    LEGAL = "legal", pgettext_lazy("risk category", "Legal and compliance")
    DATA = "data", pgettext_lazy("risk category", "Data security and privacy")
    VENDOR_DEPENDENCY = "vendor_dependency", pgettext_lazy("risk category", "Vendor dependency")
    REPUTATIONAL = "reputational", pgettext_lazy("risk category", "Reputational")
    STRATEGIC = "strategic", pgettext_lazy("risk category", "Strategic")
    CONTINUITY = "continuity", pgettext_lazy("risk category", "Business continuity")


class Level(models.TextChoices):
    """Bands of score = likelihood x impact (DOMAIN.md). 17-19 cannot occur as products of 1..5."""

    LOW = "low", _("Low")  # 1-4
    MEDIUM = "medium", _("Medium")  # 5-9
    HIGH = "high", _("High")  # 10-16
    CRITICAL = "critical", _("Critical")  # 20-25


class Treatment(models.TextChoices):
    MITIGATE = "mitigate", _("Mitigate")  # reduce likelihood or impact with controls
    TRANSFER = "transfer", _("Transfer")  # insurance, contract clauses, the vendor carries it
    AVOID = "avoid", _("Avoid")  # stop the activity that causes it
    ACCEPT = "accept", _("Accept")  # tolerate it within appetite, keep watching


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")  # on the register, reviewed on its frequency
    CLOSED = "closed", _("Closed")  # no longer relevant; kept for history


class ReviewFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Every six months")
    ANNUAL = "annual", _("Annually")


# Months between reviews, per frequency.
REVIEW_MONTHS = {
    ReviewFrequency.MONTHLY: 1,
    ReviewFrequency.QUARTERLY: 3,
    ReviewFrequency.SEMIANNUAL: 6,
    ReviewFrequency.ANNUAL: 12,
}


class Direction(models.TextChoices):
    HIGHER_IS_WORSE = "higher_worse", _("Higher is worse")  # e.g. attrition %, backlog
    LOWER_IS_WORSE = "lower_worse", _("Lower is worse")  # e.g. SLA attainment %


class DrillStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")  # planned; reminded before it is due
    COMPLETED = "completed", _("Completed")  # run, with results and findings
    CANCELLED = "cancelled", _("Cancelled")  # will not run; no more reminders


class ObjectiveResult(models.TextChoices):
    MET = "met", _("Met")
    PARTIAL = "partial", _("Partially met")
    NOT_MET = "not_met", _("Not met")


class Severity(models.TextChoices):
    CRITICAL = "sev1", _("Critical (Sev 1)")  # service down or data lost; executive attention
    MAJOR = "sev2", _("Major (Sev 2)")  # significant degradation of a key process
    MODERATE = "sev3", _("Moderate (Sev 3)")  # limited impact, workaround available
    MINOR = "sev4", _("Minor (Sev 4)")  # little or no customer impact


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")  # being handled
    RESOLVED = "resolved", _("Resolved")  # service restored; the post-incident review is pending
    CLOSED = "closed", _("Closed")  # post-incident review done


class ActionSource(models.TextChoices):
    DRILL_FINDING = "drill_finding", _("Drill finding")
    INCIDENT = "incident", _("Incident")
    RISK_REVIEW = "risk_review", _("Risk review")
    BREACH = "breach", _("Service-level breach")  # proposed once per BREACH result when its period is finalized
    AUDIT = "audit", _("Quality audit")  # proposed once per failed audit
    QUALITY_REVIEW = "quality_review", _("Quality review")  # raised from a finding of a periodic quality review
    COMPLAINT = "complaint", _("Complaint")  # raised by staff from a customer or business complaint


class ActionStatus(models.TextChoices):
    PROPOSED = (
        "proposed",
        _("Proposed"),
    )  # raised automatically (breach, failed audit); staff name an owner and open it, or dismiss it
    DISMISSED = "dismissed", _("Dismissed")  # staff decided a proposal needs no action (the reason is in the notes)
    OPEN = "open", _("Open")  # raised, not started
    IN_PROGRESS = "in_progress", _("In progress")  # the owner works on it
    DONE = "done", _("Done")  # the owner says it is done; staff still verify effectiveness
    VERIFIED = "verified", _("Verified")  # staff checked it works; closed


# Allowed status moves of a corrective action.
ACTION_TRANSITIONS = {
    ActionStatus.PROPOSED: (ActionStatus.OPEN, ActionStatus.DISMISSED),
    ActionStatus.DISMISSED: (),
    ActionStatus.OPEN: (ActionStatus.IN_PROGRESS, ActionStatus.DONE),
    ActionStatus.IN_PROGRESS: (ActionStatus.DONE,),
    ActionStatus.DONE: (ActionStatus.VERIFIED, ActionStatus.IN_PROGRESS),
    ActionStatus.VERIFIED: (),
}
# What the owner (or their vendor in the portal) still works on.
ACTION_WORKING = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
# Not shown in the vendor portal: a proposal is not assigned yet, a dismissed one never was.
ACTION_NOT_ASSIGNED = (ActionStatus.PROPOSED, ActionStatus.DISMISSED)
