from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BatchSource(models.TextChoices):
    PORTAL_FORM = "form", _("Portal form")  # one sample typed in the portal
    CSV = "csv", _("CSV upload")  # a file uploaded in the portal
    API = "api", _("API")  # a bulk POST to /api/v1/samples/bulk/


class ImportStatus(models.TextChoices):
    """The states of a large CSV import that runs as a background task (delivery/imports.py)."""

    QUEUED = "queued", _("Queued")  # the file is stored; its task has not started yet
    RUNNING = (
        "running",
        pgettext_lazy("measurement import", "Running"),
    )  # a worker is reading, checking or saving the rows
    DONE = "done", _("Done")  # final: every row saved in one transaction (see its batch)
    FAILED = "failed", _("Failed")  # final: nothing saved; the bad rows or the reason are kept


class InvoiceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")  # sent by the vendor, waiting for finance
    VALIDATED = "validated", _("Validated")  # finance checked the lines; not yet approved
    APPROVED = "approved", _("Approved")  # final: an actual against the budget; credits deducted
    DISPUTED = "disputed", _("Disputed")  # finance refused it with a reason; the vendor sends a new one


class InvoiceLineKind(models.TextChoices):
    """What an invoice line charges: stored, so its label reads in the reader's language."""

    RATE_CARD = "rate_card", _("Rate card item")  # a rate card item x quantity; its text is the item
    MONTHLY_FEE = "monthly_fee", _("Monthly fee")  # the contract's monthly fee; no stored text


# Invoices not yet approved or disputed: money committed against the budget.
INVOICE_OPEN = (InvoiceStatus.SUBMITTED, InvoiceStatus.VALIDATED)
# Invoices that hold their month's monthly fee: all but a disputed one (final: the vendor sends a
# corrected invoice under a new number, which may carry the fee again).
INVOICE_COUNTED = (*INVOICE_OPEN, InvoiceStatus.APPROVED)
