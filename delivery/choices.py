from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchSource(models.TextChoices):
    PORTAL_FORM = "form", _("Portal form")  # one sample typed in the portal
    CSV = "csv", _("CSV upload")  # a file uploaded in the portal
    API = "api", _("API")  # a bulk POST to /api/v1/samples/bulk/


class InvoiceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")  # sent by the vendor, waiting for finance
    VALIDATED = "validated", _("Validated")  # finance checked the lines; not yet approved
    APPROVED = "approved", _("Approved")  # final: an actual against the budget; credits deducted
    DISPUTED = "disputed", _("Disputed")  # finance refused it with a reason; the vendor sends a new one


# Invoices not yet approved or disputed: money committed against the budget.
INVOICE_OPEN = (InvoiceStatus.SUBMITTED, InvoiceStatus.VALIDATED)
