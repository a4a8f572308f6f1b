from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column

TASK_COLUMNS = (
    Column("name", _("Task"), order="name", link=True),
    Column("program.code", _("Program")),
    Column("work_package.name", _("Work package")),
    Column("owner", _("Owner")),
    Column("vendor.name", _("Vendor")),
    Column("baseline_start", _("Baseline start"), order="start"),
    Column("baseline_finish", _("Baseline finish"), order="finish"),
    Column("actual_start", _("Actual start")),
    Column("actual_finish", _("Actual finish")),
    Column("percent_complete", _("Percent complete"), order="percent"),
    Column("finish_variance", _("Finish variance (days)")),
)

STATUS_REPORT_COLUMNS = (
    Column("program.code", _("Program")),
    Column("contract.number", _("Contract")),
    Column("period", _("Period"), order="period"),
    Column("status", _("Status")),
    Column("schedule_rag", _("Schedule")),
    Column("cost_rag", _("Cost")),
    Column("quality_rag", _("Quality")),
    Column("risk_rag", _("Risk")),
    Column("overall_rag", _("Overall")),
    Column("submitted_at", _("Submitted")),
)
