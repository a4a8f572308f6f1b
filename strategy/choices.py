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
