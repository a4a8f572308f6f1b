from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")  # results refresh as data arrives
    FINALIZED = "finalized", _("Finalized")  # frozen; changes only after a recorded reopening


class ResultState(models.TextChoices):
    MET = "met", _("Met")  # at or better than the expected level
    MINOR = "minor", _("Minor")  # between the minimum and the expected level: no credit
    BREACH = "breach", _("Breach")  # worse than the minimum level: an SLA earns a credit
    INSUFFICIENT = "insufficient", _("Insufficient data")  # fewer samples than the minimum: no credit, flagged


class CreditStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")  # its period is not final yet
    PENDING = "pending", _("Pending earn-back")  # final; waits for the next N periods
    APPLIED = "applied", _("Applied")  # deducted from the next approved invoice
    EARNED_BACK = "earned_back", _("Earned back")  # met in all of the next N periods: not deducted
