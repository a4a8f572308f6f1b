"""The vendor's side of the plan and status reports: it sees and updates only the tasks assigned
to its vendor (actual dates, percent complete, a comment), and drafts and submits its own
status report per contract and month. Everything goes through the delivery services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from bpo.core.locking import opened_version
from bpo.core.records import save_checked
from delivery import plan_services, status_report
from delivery.forms_plan import ContractPeriodForm, ProgressForm, add_service_errors
from delivery.models import StatusReport, Task
from delivery.views_status import report_page

from .exports import portal_export
from .views import _vendor_user, portal_login_required

TASK_COLUMNS = [
    (_("Task"), "name"),
    (_("Work package"), "work_package.name"),
    (_("Program"), "program.code"),
    (_("Owner"), "owner"),
    (_("Baseline start"), "baseline_start"),
    (_("Baseline finish"), "baseline_finish"),
    (_("Actual start"), "actual_start"),
    (_("Actual finish"), "actual_finish"),
    (_("Percent complete"), "percent_complete"),
]
STATUS_REPORT_COLUMNS = [
    (_("Report"), str),
    (_("Contract"), "contract.number"),
    (_("Period"), lambda r: r.period.strftime("%Y-%m")),
    (_("Status"), "status"),
    (_("Schedule"), "schedule_rag"),
    (_("Cost"), "cost_rag"),
    (_("Quality"), "quality_rag"),
    (_("Risk"), "risk_rag"),
    (_("Overall"), "overall_rag"),
]


@portal_login_required
def tasks(request):
    """The vendor's tasks, across programs, open ones first."""
    user = _vendor_user(request)
    rows = (
        Task.objects.visible_to(user)
        .select_related("program", "work_package", "owner", "contract")
        .order_by("actual_finish", "baseline_finish", "pk")
    )
    if export := portal_export(request, "tasks", rows, TASK_COLUMNS, sheet=_("Plan tasks")):
        return export
    return render(request, "portal/delivery/tasks.html", {"tasks": rows})


@portal_login_required
def task_update(request, pk):
    user = _vendor_user(request)
    task = get_object_or_404(Task.objects.visible_to(user).select_related("program", "work_package"), pk=pk)
    # Locked like the staff task page (bpo.core.locking): a tab opened before someone else's
    # update is refused with what was typed kept, never saved over the newer figure.
    version = opened_version(request, task)
    record_changed = False
    form = ProgressForm(
        request.POST or None,
        initial={
            "actual_start": task.actual_start,
            "actual_finish": task.actual_finish,
            "percent_complete": task.percent_complete,
        },
    )
    if request.method == "POST" and form.is_valid():
        checked = save_checked(
            request, form, task, lambda: plan_services.task_progress(task=task, by=user, **form.cleaned_data)
        )
        record_changed = checked.record_changed
        if checked.saved:
            messages.success(request, _("Progress recorded."))
            return redirect("portal:tasks")
    return render(
        request,
        "portal/delivery/task_update.html",
        {
            "task": task,
            "form": form,
            "record_version": version,
            "record_changed": record_changed,
            "predecessors": task.depends_on.order_by("baseline_start"),
            "updates": task.updates.select_related("by")[:20],
        },
    )


@portal_login_required
def status_reports(request):
    """The vendor's own reports, and a form to draft the next one for a contract: the month
    offered is the selected contract's first month without a report (status_report.suggested_period)."""
    user = _vendor_user(request)
    contracts = status_report.reportable_contracts(user).order_by("number")
    reports = StatusReport.objects.visible_to(user).select_related("program", "contract")
    if request.method == "GET" and (
        export := portal_export(request, "status-reports", reports, STATUS_REPORT_COLUMNS, sheet=_("Status reports"))
    ):
        return export
    choices = list(contracts.select_related("program"))  # the program's time zone: its month
    suggestions = status_report.suggested_periods(choices)
    selected = _as_int(request.POST.get("contract") if request.method == "POST" else request.GET.get("contract"))
    if selected not in suggestions:
        selected = choices[0].pk if choices else None
    suggested = suggestions.get(selected)
    form = ContractPeriodForm(
        request.POST or None,
        contracts=contracts,
        months={str(pk): month.strftime("%Y-%m") if month else "" for pk, month in suggestions.items()},
        initial={"contract": selected, "period": suggested.strftime("%Y-%m") if suggested else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = status_report.status_report_create(
                contract=form.cleaned_data["contract"], period=form.cleaned_data["period"], by=user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Draft created with the figures of the month."))
            return redirect("portal:status_report_detail", pk=report.pk)
    return render(
        request,
        "portal/delivery/status_reports.html",
        {
            "reports": reports,
            "contracts": choices,
            "form": form,
        },
    )


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@portal_login_required
def status_report_detail(request, pk):
    user = _vendor_user(request)
    report = get_object_or_404(StatusReport.objects.visible_to(user).select_related("contract", "program"), pk=pk)
    return report_page(request, report, "portal/delivery/status_report_detail.html")
