"""Report pages: my reports (with schedules), ask for one, follow its progress, download it.

Download rule: a report's file holds what its requester could see, so only the requester
(and administrators, who see every record) may list, open and download it; anyone else
gets 404, as for a record that does not exist.
"""

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bpo.core.access import get_visible_or_404

from . import services
from .choices import ReportStatus
from .forms import ReportForm, ScheduleForm
from .models import ReportRequest, ReportSchedule
from .zones import report_zone


def _staff(request):
    if request.user.is_vendor_user:
        raise PermissionDenied
    return request.user


def _add_errors(form, exc):
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@login_required
def report_list(request):
    """The reports the user asked for (administrators: everyone's), newest first, and their schedules."""
    user = _staff(request)
    rows = ReportRequest.objects.visible_to(user).select_related(
        "requested_by", "program", "contract__program", "vendor"
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    for report in page.object_list:  # times in the report's zone, named (program or server zone)
        report.zone = report_zone(report)
    schedules = ReportSchedule.objects.visible_to(user).select_related("program", "contract", "vendor")
    return render(
        request,
        "reports/list.html",
        {
            "page_obj": page,
            "reports": page.object_list,
            "schedules": schedules,
            "schedule_form": ScheduleForm(user=user),
        },
    )


@login_required
def report_new(request):
    """Ask for a report. Other pages link here with ?kind=...&program=... to prefill it.

    An htmx GET (the report form's or the schedule form's kind changed) gets only the format
    field, offering that kind's formats."""
    user = _staff(request)
    if request.htmx and request.method == "GET":
        form_class = ScheduleForm if request.GET.get("form") == "schedule" else ReportForm
        form = form_class(initial={"kind": request.GET.get("kind"), "fmt": request.GET.get("fmt")}, user=user)
        return render(request, "reports/_field.html", {"field": form["fmt"]})
    if request.method == "POST":
        form = ReportForm(request.POST, user=user)
        if form.is_valid():
            try:
                report = services.report_request(by=user, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:  # its page says it is being prepared, until it is ready (no message left behind)
                return redirect(report)
    else:
        form = ReportForm(initial=request.GET.dict(), user=user)
    return render(request, "reports/new.html", {"form": form})


@login_required
def report_detail(request, pk):
    user = _staff(request)
    report = get_visible_or_404(ReportRequest, user, pk=pk)
    return render(request, "reports/detail.html", {"report": report, "zone": report_zone(report)})


@login_required
def report_status(request, pk):
    """The progress fragment that the detail page polls every 2 seconds while the report runs."""
    user = _staff(request)
    report = get_visible_or_404(ReportRequest, user, pk=pk)
    return render(request, "reports/_status.html", {"report": report, "zone": report_zone(report)})


@login_required
def report_download(request, pk):
    user = _staff(request)
    report = get_visible_or_404(ReportRequest, user, pk=pk)
    if report.status != ReportStatus.DONE or not report.file:
        raise Http404
    try:
        handle = default_storage.open(report.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = PurePath(report.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


@login_required
@require_POST
def schedule_create(request):
    user = _staff(request)
    form = ScheduleForm(request.POST, user=user)
    if form.is_valid():
        try:
            services.schedule_create(by=user, **form.cleaned_data)
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.success(request, _("Report scheduled."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("reports:list")


@login_required
@require_POST
def schedule_delete(request, pk):
    user = _staff(request)
    schedule = get_visible_or_404(ReportSchedule, user, pk=pk)
    services.schedule_delete(by=user, schedule=schedule)
    messages.success(request, _("Schedule removed."))
    return redirect("reports:list")
