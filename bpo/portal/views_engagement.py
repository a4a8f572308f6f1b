"""The vendor's action items, training sessions and support requests.

Everything starts from the models' `visible_to(user)`, which for a vendor user keeps only
its own vendor's rows: a record of another vendor answers 404, like one that does not exist.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Case, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.zones import due_before_today_q, today_in
from delivery import meetings, support, training
from delivery.choices_engagement import ActionItemStatus
from delivery.forms_engagement import CloseForm, SupportRequestForm
from delivery.models import ActionItem, Attendance, SupportRequest, TrainingSession

from .exports import portal_export
from .status_filter import filter_by_status
from .views import _vendor_user, portal_login_required

ACTION_ITEM_COLUMNS = [
    (_("Reference"), "reference"),
    (_("Title"), "title"),
    (_("Meeting"), "meeting.title"),
    (_("Program"), "program.name"),
    (_("Owner"), "owner"),
    (_("Due date"), "due_date"),
    (_("Status"), "status"),
]
SESSION_COLUMNS = [
    (_("Course"), "course.title"),
    (_("Program"), "course.program.name"),
    (_("Date and time"), "starts_at"),
    (_("Trainer"), "trainer"),
    (_("Status"), "status"),
]
SUPPORT_COLUMNS = [
    (_("Reference"), "reference"),
    (_("Title"), "title"),
    (_("Program"), "program.name"),
    (_("Category"), "category"),
    (_("Priority"), "priority"),
    (_("Status"), "status"),
    (_("Requester"), "requester"),
    (_("Opened"), "opened_at"),
]


@portal_login_required
def action_items(request):
    """The vendor's action items, open ones first; `?status=` filters."""
    user = _vendor_user(request)
    late = Q(status=ActionItemStatus.OPEN) & due_before_today_q("due_date")  # the program's today
    items = (
        ActionItem.objects.visible_to(user)
        .select_related("meeting", "owner", "program")
        .annotate(is_overdue=Case(When(late, then=Value(True)), default=Value(False), output_field=BooleanField()))
    )
    # An unknown status shows its error and no rows (page and export), never every row.
    items, status_filter = filter_by_status(request, items.order_by("-status", "due_date", "pk"), ActionItemStatus)
    if export := portal_export(request, "action-items", items, ACTION_ITEM_COLUMNS, sheet=_("Action items")):
        return export
    return render(
        request,
        "portal/engagement/action_items.html",
        {"items": items, "status_filter": status_filter},
    )


@portal_login_required
def action_item_detail(request, pk):
    """One action item; a user of the owner's vendor marks it done with a note."""
    user = _vendor_user(request)
    item = get_object_or_404(ActionItem.objects.visible_to(user).select_related("meeting", "owner", "program"), pk=pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                meetings.action_item_complete(item=item, by=user, note=form.cleaned_data["note"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Action item marked done."))
                return redirect("portal:action_item_detail", pk=item.pk)
    return render(
        request,
        "portal/engagement/action_item_detail.html",
        {
            "item": item,
            "form": form if item.status == ActionItemStatus.OPEN else None,
            "today": today_in(item.program.time_zone),
        },
    )


@portal_login_required
def training_sessions(request):
    """Sessions the vendor's users attend, with its own team's completion rate."""
    user = _vendor_user(request)
    sessions = TrainingSession.objects.visible_to(user).select_related("course__program")
    if export := portal_export(request, "training-sessions", sessions, SESSION_COLUMNS, sheet=_("Training")):
        return export
    mine = Attendance.objects.visible_to(user)
    return render(
        request,
        "portal/engagement/training.html",
        {"sessions": sessions, "rates": training.completion_rates(mine)},
    )


@portal_login_required
def training_session(request, pk):
    """One session: only the vendor's own attendees, their attendance and scores."""
    user = _vendor_user(request)
    session = get_object_or_404(TrainingSession.objects.visible_to(user).select_related("course__program"), pk=pk)
    attendances = Attendance.objects.visible_to(user).filter(session=session).select_related("user")
    return render(request, "portal/engagement/training_session.html", {"session": session, "attendances": attendances})


@portal_login_required
def support_requests(request):
    user = _vendor_user(request)
    requests = SupportRequest.objects.visible_to(user).select_related("program", "requester")
    if export := portal_export(request, "support-requests", requests, SUPPORT_COLUMNS, sheet=_("Support requests")):
        return export
    return render(
        request,
        "portal/engagement/support_list.html",
        {"requests": requests, "can_raise": support.requestable_programs(user).exists()},
    )


@portal_login_required
def support_create(request):
    """A vendor user raises a request in a program where its vendor has a contract."""
    user = _vendor_user(request)
    form = SupportRequestForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            req = support.support_request_create(by=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied:
            form.add_error("program", _("Choose one of your programs."))
        else:
            messages.success(request, _("Support request raised."))
            return redirect("portal:support_detail", pk=req.pk)
    return render(request, "portal/engagement/support_form.html", {"form": form})


@portal_login_required
def support_detail(request, pk):
    """Follows one of the vendor's requests; it may withdraw (cancel) an open one."""
    user = _vendor_user(request)
    req = get_object_or_404(SupportRequest.objects.visible_to(user).select_related("program", "requester"), pk=pk)
    can_cancel = bool(support.allowed_moves(user, req))
    return render(request, "portal/engagement/support_detail.html", {"req": req, "can_cancel": can_cancel})


@portal_login_required
@require_POST
def support_cancel(request, pk):
    """Withdraws one of the vendor's open requests."""
    user = _vendor_user(request)
    req = get_object_or_404(SupportRequest.objects.visible_to(user), pk=pk)
    support.support_request_transition(request=req, by=user, to="cancelled")
    return redirect("portal:support_detail", pk=req.pk)
