"""Status values and kinds of the contracts app. Each state says what it means."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractType(models.TextChoices):
    MSA = "msa", _("Master services agreement")  # the umbrella terms
    SOW = "sow", _("Statement of work")  # a piece of work under an MSA


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # fully editable by the program's managers
    LEGAL_REVIEW = "legal_review", _("Legal review")  # waiting for the legal reviewer's decision
    FINANCIAL_REVIEW = "financial_review", _("Financial review")  # legal approved; waiting for finance
    APPROVED = "approved", _("Approved")  # both reviews approved; may be signed
    SIGNED = "signed", _("Signed")  # signed by both parties, not yet in force
    ACTIVE = "active", _("Active")  # in force: service levels are measured and credited
    EXPIRED = "expired", _("Expired")  # ended at its end date
    TERMINATED = "terminated", _("Terminated")  # ended early
    RENEWED = "renewed", _("Renewed")  # replaced by its renewal


# Once signed, the terms change only through an approved change request (an amendment).
TERMS_LOCKED = (
    ContractStatus.SIGNED,
    ContractStatus.ACTIVE,
    ContractStatus.EXPIRED,
    ContractStatus.TERMINATED,
    ContractStatus.RENEWED,
)
# A contract in force takes change requests; a terminated, expired or renewed (replaced) one does not
# (Contract.takes_change_requests: the service, the staff page and the portal ask it).
TAKES_CHANGES = (ContractStatus.SIGNED, ContractStatus.ACTIVE)
# A vendor sees a contract once both reviews approved it (the terms are settled).
VENDOR_VISIBLE = (ContractStatus.APPROVED, *TERMS_LOCKED)
# Service levels are evaluated from signature on.
MEASURED = TERMS_LOCKED
# Editable in the staff UI (terms and service levels) only while a draft.
EDITABLE = (ContractStatus.DRAFT,)


class ReviewKind(models.TextChoices):
    LEGAL = "legal", _("Legal review")
    FINANCIAL = "financial", _("Financial review")


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")  # moves the contract to the next step
    REJECTED = "rejected", _("Rejected")  # sends it back to draft with the reasons


class ServiceLevelKind(models.TextChoices):
    SLA = "sla", _("SLA (carries credits)")
    KPI = "kpi", _("KPI (tracked only)")


class Measure(models.TextChoices):
    PERCENT_WITHIN = "percent_within", _("Percent of samples within a threshold")
    AVERAGE = "average", _("Average")
    SUM = "sum", _("Sum")
    COUNT = "count", _("Count of samples")
    MIN = "min", _("Minimum")
    MAX = "max", _("Maximum")
    PERCENTILE = "percentile", _("Percentile")
    REPORTED = "reported", _("Reported period value")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    WEEKLY = "weekly", _("Weekly")
    QUARTERLY = "quarterly", _("Quarterly")


class Party(models.TextChoices):
    CLIENT = "client", _("Client")  # us
    VENDOR = "vendor", _("Vendor")  # the service provider


class ObligationCategory(models.TextChoices):
    RIGHT = "right", _("Right")
    DELIVERABLE = "deliverable", _("Deliverable")
    REPORTING = "reporting", _("Reporting")
    COMPLIANCE = "compliance", _("Compliance")


class Recurrence(models.TextChoices):
    NONE = "none", _("Once")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("Open")  # not yet met for its current due date
    DONE = "done", _("Done")  # met, with evidence
    WAIVED = "waived", _("Waived")  # no longer required


class ChangeStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")  # raised, waiting for an impact assessment
    ASSESSED = "assessed", _("Assessed")  # impact on cost, schedule and scope recorded
    APPROVED = "approved", _("Approved")  # applied as an amendment (a new version of the terms)
    REJECTED = "rejected", _("Rejected")  # closed without change
    # approved, then withdrawn before its effective date: it never took effect (the reason in
    # decision_comments, the day it would have in effective_date)
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VersionReason(models.TextChoices):
    SIGNATURE = "signature", _("Signature")  # version 1: the terms as signed
    AMENDMENT = "amendment", _("Amendment")  # an approved change request applied to the terms
    # The end date extended by the renewal term: by the end-of-term job (no user) or by a manager
    # (the user who renewed); ContractVersion.renewal_kind says which.
    RENEWAL = "renewal", _("Renewal")


class RenewalKind(models.TextChoices):
    """How a renewal happened (Contract.last_renewal_kind, ContractVersion.renewal_kind)."""

    AUTOMATIC = "automatic", _("Automatic renewal")  # the scheduled end-of-term job, with auto-renewal
    MANUAL = "manual", _("Manual renewal")  # a program manager clicked "Renew for the renewal term"


class DisputeLevel(models.IntegerChoices):
    OPERATIONAL = 1, _("Operational")
    MANAGEMENT = 2, _("Management")
    EXECUTIVE = 3, _("Executive")
    MEDIATION = 4, _("Mediation / arbitration")


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("Open")  # being worked at its current level
    RESOLVED = "resolved", _("Resolved")  # closed with a recorded resolution
