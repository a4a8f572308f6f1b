"""States and categories of improvement initiatives and lessons learned."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("Idea")  # proposed; editable; waits for a program manager's approval
    APPROVED = "approved", _("Approved")  # a program manager approved it: the work may start
    IMPLEMENTED = "implemented", _("Implemented")  # done; the benefit is being measured
    MEASURED = "measured", _("Benefit measured")  # the realized benefit is recorded; closed
    REJECTED = "rejected", _("Rejected")  # not pursued, with the reason; closed


INITIATIVE_OPEN = (InitiativeStatus.IDEA, InitiativeStatus.APPROVED, InitiativeStatus.IMPLEMENTED)


class LessonCategory(models.TextChoices):
    GOVERNANCE = "governance", _("Governance")
    COMMERCIAL = "commercial", _("Commercial and contract")
    FINANCE = "finance", _("Finance")
    PEOPLE = "people", _("People and change")
    PROCESS = "process", _("Process")
    TECHNOLOGY = "technology", _("Technology")
    QUALITY = "quality", _("Quality and service levels")
    RISK = "risk", _("Risk and continuity")
    VENDOR = "vendor", _("Vendor relationship")
    OTHER = "other", _("Other")
