from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Tier(models.TextChoices):
    STRATEGIC = "strategic", pgettext_lazy("vendor tier", "Strategic")  # critical to the business, long partnership
    TACTICAL = "tactical", pgettext_lazy("vendor tier", "Tactical")  # important, replaceable with effort
    OPERATIONAL = "operational", pgettext_lazy("vendor tier", "Operational")  # runs a defined operation
    COMMODITY = "commodity", pgettext_lazy("vendor tier", "Commodity")  # easily replaced


class VendorStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")  # known, not yet assessed
    QUALIFIED = "qualified", _("Qualified")  # passed pre-qualification, may be invited
    APPROVED = "approved", _("Approved")  # approved supplier, may be awarded
    ACTIVE = "active", _("Active")  # delivering under a contract
    SUSPENDED = "suspended", _("Suspended")  # no new work while an issue is resolved
    EXITED = "exited", _("Exited")  # relationship ended


class DocumentKind(models.TextChoices):
    INSURANCE = "insurance", _("Insurance certificate")
    FINANCIAL = "financial", _("Financial statement")
    LICENCE = "licence", _("Business licence")
    POLICY = "policy", _("Policy")
    OTHER = "other", _("Other")


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")  # waiting for staff
    APPROVED = "approved", _("Approved")  # applied to the registry
    REJECTED = "rejected", _("Rejected")  # not applied; the note says why


class EventKind(models.TextChoices):
    RFI = "rfi", _("Request for information")
    RFP = "rfp", _("Request for proposal")
    TENDER = "tender", _("Tender")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # being prepared; invited vendors do not see it yet
    PUBLISHED = "published", _("Published")  # open to the invited vendors until the submission deadline
    AWARDED = "awarded", _("Awarded")  # the award decision is approved
    CANCELLED = "cancelled", _("Cancelled")  # closed without an award


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # saved by the vendor, not submitted: staff never see it
    SUBMITTED = "submitted", _("Submitted")  # in before the deadline; may be revised until then


class DiligenceKind(models.TextChoices):
    SITE_VISIT = "site_visit", _("Site visit")
    REFERENCE = "reference", _("Reference check")
    FINANCIAL = "financial", _("Financial check")
    PILOT = "pilot", _("Pilot run")
    CULTURAL_FIT = "cultural_fit", _("Cultural-fit assessment")
