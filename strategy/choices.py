from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")  # goals, scope, budget and the case for outsourcing
    SOURCING = "sourcing", _("Sourcing")  # selecting the provider
    CONTRACTING = "contracting", _("Contracting")  # negotiating and signing
    TRANSITION = "transition", _("Transition")  # knowledge transfer, parallel run, go-live
    STEADY_STATE = "steady_state", _("Steady state")  # running and measuring the service
    RENEWAL_EXIT = "renewal_exit", _("Renewal or exit")  # renewing, re-sourcing or bringing back in-house


class ApprovalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # fully editable
    SUBMITTED = "submitted", _("Submitted")  # waiting for the sponsor's approval
    APPROVED = "approved", _("Approved")  # approved; changes go through a new revision


# The order of the lifecycle; the gate of a phase leads to the next one.
PHASE_ORDER = [p.value for p in Phase]


class BudgetCategory(models.TextChoices):
    VENDOR_FEES = "vendor_fees", _("Vendor fees")  # what the provider charges
    TRANSITION = "transition", _("Transition")  # one-off costs of moving the work
    INTERNAL_STAFF = "internal_staff", _("Internal staff")  # the retained organisation
    TECHNOLOGY = "technology", _("Technology")  # systems, licences, connectivity
    TRAINING = "training", _("Training")  # training of staff and provider
    CONTINGENCY = "contingency", _("Contingency reserve")  # held back for risks
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Raci(models.TextChoices):
    RESPONSIBLE = "R", _("Responsible")  # does the work
    ACCOUNTABLE = "A", _("Accountable")  # answers for the result, signs off
    CONSULTED = "C", _("Consulted")  # asked before decisions
    INFORMED = "I", _("Informed")  # told after decisions
