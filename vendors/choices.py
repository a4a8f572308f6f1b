from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic")  # critical to the business, long partnership
    TACTICAL = "tactical", _("Tactical")  # important, replaceable with effort
    OPERATIONAL = "operational", _("Operational")  # runs a defined operation
    COMMODITY = "commodity", _("Commodity")  # easily replaced


class VendorStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")  # known, not yet assessed
    QUALIFIED = "qualified", _("Qualified")  # passed pre-qualification, may be invited
    APPROVED = "approved", _("Approved")  # approved supplier, may be awarded
    ACTIVE = "active", _("Active")  # delivering under a contract
    SUSPENDED = "suspended", _("Suspended")  # no new work while an issue is resolved
    EXITED = "exited", _("Exited")  # relationship ended
