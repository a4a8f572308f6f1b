from django.utils.translation import gettext_lazy as _

from bpo.core.formats import format_month
from bpo.core.lists import Column, iso_date, iso_month, percent


def _variance_css(days) -> str:
    return "num late" if days > 0 else "num"


TASK_COLUMNS = (
    Column("name", _("Task"), order="name", link=True),
    Column("program.code", _("Program")),
    Column("work_package.name", _("Work package")),
    Column("owner", _("Owner")),
    Column("vendor.name", _("Vendor")),
    Column("baseline_start", _("Baseline start"), order="start", fmt=iso_date),
    Column("baseline_finish", _("Baseline finish"), order="finish", fmt=iso_date),
    Column("actual_start", _("Actual start"), fmt=iso_date),
    Column("actual_finish", _("Actual finish"), fmt=iso_date),
    Column("percent_complete", _("Percent complete"), order="percent", fmt=percent, css="num"),
    Column("finish_variance", _("Finish variance (days)"), css=_variance_css),
)

STATUS_REPORT_COLUMNS = (
    Column("program.code", _("Program")),
    Column("contract.number", _("Contract")),
    Column("period", _("Period"), order="period", fmt=lambda value, record=None: format_month(value), export=iso_month),
    Column("status", _("Status")),
    Column("schedule_rag", _("Schedule")),
    Column("cost_rag", _("Cost")),
    Column("quality_rag", _("Quality")),
    Column("risk_rag", _("Risk")),
    Column("overall_rag", _("Overall")),
    Column("submitted_at", _("Submitted")),
)
