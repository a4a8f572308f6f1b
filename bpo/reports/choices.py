"""Kinds of report, their formats and the states of a request."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    PROGRAM_STATUS = "program_status", _("Program status")
    VENDOR_PERFORMANCE = "vendor_performance", _("Vendor performance")
    FINANCE = "finance", _("Finance")
    RISK_REGISTER = "risk_register", _("Risk register")
    CONTRACT_SUMMARY = "contract_summary", _("Contract summary")
    CONTRACT_REGISTER = "contract_register", _("Contract register")  # every contract I see, by program
    SLA_RESULTS = "sla_results", _("SLA results")  # a table (XLSX or CSV), no PDF
    LIST_EXPORT = "list_export", _("List export")  # a large list page export, run as a task


# The kinds a user picks on the request form (a list export starts from its list page).
REQUESTABLE = [(k, label) for k, label in ReportKind.choices if k != ReportKind.LIST_EXPORT]


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    CSV = "csv", "CSV"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class HolidayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")  # a public holiday: not a working day, even on a weekday
    WORKING_DAY = "working_day", _("Make-up working day")  # 调休: a Saturday or Sunday that is worked


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly (first working day)")
    WEEKLY = "weekly", _("Weekly (Monday)")


# Which parameter each kind needs (None: optional scope over everything the requester sees).
REQUIRED_SCOPE = {
    ReportKind.PROGRAM_STATUS: "program",
    ReportKind.VENDOR_PERFORMANCE: "vendor",
    ReportKind.FINANCE: None,
    ReportKind.RISK_REGISTER: None,
    ReportKind.CONTRACT_SUMMARY: "contract",
    ReportKind.CONTRACT_REGISTER: None,
    ReportKind.SLA_RESULTS: None,
    ReportKind.LIST_EXPORT: None,
}
# The scope fields each kind reads; the others are dropped from a request.
SCOPE_FIELDS = {
    ReportKind.PROGRAM_STATUS: ("program",),
    ReportKind.VENDOR_PERFORMANCE: ("vendor",),
    ReportKind.FINANCE: ("program",),
    ReportKind.RISK_REGISTER: ("program",),
    ReportKind.CONTRACT_SUMMARY: ("contract",),
    ReportKind.CONTRACT_REGISTER: ("program",),
    ReportKind.SLA_RESULTS: ("program", "contract"),
}
# Formats offered per kind: finance and the contract register also as a workbook.
FORMATS = {
    ReportKind.FINANCE: (ReportFormat.PDF, ReportFormat.XLSX),
    ReportKind.CONTRACT_REGISTER: (ReportFormat.PDF, ReportFormat.XLSX),
    ReportKind.SLA_RESULTS: (ReportFormat.XLSX, ReportFormat.CSV),
    ReportKind.LIST_EXPORT: (ReportFormat.CSV, ReportFormat.XLSX),
}


def formats_of(kind) -> tuple:
    """The formats a kind is prepared in, its default first (PDF when FORMATS does not list the kind)."""
    return FORMATS.get(kind, (ReportFormat.PDF,))
