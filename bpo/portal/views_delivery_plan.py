"""The vendor's side of the plan and status reports: it sees and updates only the tasks assigned
to its vendor (actual dates, percent complete, a comment), and drafts and submits its own
status report per contract and month. Everything goes through the delivery services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from delivery import plan_services, status_report
from delivery.forms_plan import PeriodForm, ProgressForm, add_service_errors
from delivery.models import StatusReport, Task
from delivery.views_status import report_page

from .views import _vendor_user, portal_login_required


@portal_login_required
def tasks(request):
    """The vendor's tasks, across programs, open ones first."""
    user = _vendor_user(request)
    rows = (
        Task.objects.visible_to(user)
        .select_related("program", "work_package", "owner", "contract")
        .order_by("actual_finish", "baseline_finish", "pk")
    )
    return render(request, "portal/delivery/tasks.html", {"tasks": rows})


@portal_login_required
def task_update(request, pk):
    user = _vendor_user(request)
    task = get_object_or_404(Task.objects.visible_to(user).select_related("program", "work_package"), pk=pk)
    form = ProgressForm(
        request.POST or None,
        initial={
            "actual_start": task.actual_start,
            "actual_finish": task.actual_finish,
            "percent_complete": task.percent_complete,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.task_progress(task=task, by=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("portal:tasks")
    return render(
        request,
        "portal/delivery/task_update.html",
        {
            "task": task,
            "form": form,
            "predecessors": task.depends_on.order_by("baseline_start"),
            "updates": task.updates.select_related("by")[:20],
        },
    )


@portal_login_required
def status_reports(request):
    """The vendor's own reports, and a form to draft the next one for a contract."""
    user = _vendor_user(request)
    contracts = status_report.reportable_contracts(user).order_by("number")
    form = PeriodForm(request.POST or None, initial={"period": status_report.previous_month().strftime("%Y-%m")})
    if request.method == "POST":
        contract = get_object_or_404(contracts, pk=request.POST.get("contract") or 0)
        if form.is_valid():
            try:
                report = status_report.status_report_create(
                    contract=contract, period=form.cleaned_data["period"], by=user
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
            "reports": StatusReport.objects.visible_to(user).select_related("program", "contract"),
            "contracts": contracts,
            "form": form,
        },
    )


@portal_login_required
def status_report_detail(request, pk):
    user = _vendor_user(request)
    report = get_object_or_404(StatusReport.objects.visible_to(user).select_related("contract", "program"), pk=pk)
    return report_page(request, report, "portal/delivery/status_report_detail.html")
