"""The columns of the risk app's list pages (and their exports)."""

from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column
from bpo.core.zones import format_in_zone

RISK_COLUMNS = (
    Column("reference", _("Reference"), order="reference", link=True),
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program"), order="program"),
    Column("category", _("Category"), order="category"),
    Column("vendor", _("Vendor")),
    Column("inherent_score", _("Inherent score"), order="inherent_score"),
    Column("inherent_level", _("Inherent level")),
    Column("residual_score", _("Residual score"), order="residual_score"),
    Column("residual_level", _("Residual level")),
    Column("owner", _("Owner")),
    Column("treatment", _("Treatment")),
    Column("next_review_date", _("Next review"), order="next_review_date"),
    Column("status", _("Status"), order="status"),
    Column("shared_with_vendor", _("Shared with the vendor")),
)

PLAN_COLUMNS = (
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program"), order="program"),
    Column("risk", _("Risk")),
    Column("vendor", _("Vendor")),
    Column("backup_vendor", _("Backup vendor")),
    Column("recovery_time_hours", _("RTO (hours)")),
    Column("owner", _("Owner")),
)

DRILL_COLUMNS = (
    Column("title", _("Title"), order="title", link=True),
    Column("plan", _("Plan")),
    Column("plan.program.code", _("Program")),
    Column("scheduled_for", _("Scheduled for"), order="scheduled_for"),
    Column("run_on", _("Run on"), order="run_on"),
    Column("status", _("Status"), order="status"),
)


def _in_program_zone(value, incident) -> str:
    """2026-11-27 09:30 (Asia/Shanghai): an incident's time in its program's zone (bpo/core/zones.py)."""
    return format_in_zone(value, incident.program.time_zone)


INCIDENT_COLUMNS = (
    Column("reference", _("Reference"), order="reference", link=True),
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program")),
    Column("severity", _("Severity"), order="severity"),
    Column("status", _("Status"), order="status"),
    Column("occurred_at", _("Occurred"), order="occurred_at", fmt=_in_program_zone),
    Column("risk", _("Risk")),
    Column("plan", _("Plan activated")),
)

ACTION_COLUMNS = (
    Column("reference", _("Reference"), order="reference", link=True),
    Column("display_title", _("Title"), order="title", link=True),
    Column("program.code", _("Program")),
    Column("source", _("Source")),
    Column("contract.number", _("Contract")),
    Column("owner", _("Owner")),
    Column("vendor", _("Vendor")),
    Column("due_date", _("Due date"), order="due_date"),
    Column("status", _("Status"), order="status"),
)
