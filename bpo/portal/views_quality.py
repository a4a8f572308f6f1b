"""The vendor's corrective actions: those assigned to one of its users (never a proposal, never
another vendor's). The vendor writes progress and marks an action ready; staff verify and close it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from risk.choices import ACTION_WORKING, ActionStatus
from risk.models import CorrectiveAction
from risk.services.actions import NOTE_MAX_LENGTH

from .exports import portal_export
from .status_filter import filter_by_status
from .views import _vendor_user, portal_login_required

ACTION_COLUMNS = [
    (gettext_lazy("Reference"), "reference"),
    (gettext_lazy("Title"), "display_title"),
    (gettext_lazy("Contract"), "contract.number"),
    (gettext_lazy("Owner"), "owner"),
    (gettext_lazy("Due date"), "due_date"),
    (gettext_lazy("Status"), "status"),
]


def _actions(user):
    return CorrectiveAction.objects.for_vendor(user.vendor_id).select_related("owner", "contract", "program")


@portal_login_required
def capa_list(request):
    user = _vendor_user(request)
    # Proposed and dismissed actions are never the vendor's (CorrectiveAction.for_vendor): not
    # offered, and unknown like any other status: an error and no rows, never every row.
    offered = [s for s in ActionStatus if s.value not in ("proposed", "dismissed")]
    actions, status_filter = filter_by_status(request, _actions(user).order_by("status", "due_date", "pk"), offered)
    if export := portal_export(request, "corrective-actions", actions, ACTION_COLUMNS, sheet=_("Corrective actions")):
        return export
    return render(
        request,
        "portal/quality/capa_list.html",
        {
            "actions": actions,
            "status_filter": status_filter,
        },
    )


def _detail(request, action, **context):
    return render(
        request,
        "portal/quality/capa_detail.html",
        {"action": action, "can_work": action.status in ACTION_WORKING, "note_max_length": NOTE_MAX_LENGTH, **context},
    )


@portal_login_required
def capa_detail(request, pk):
    user = _vendor_user(request)
    return _detail(request, get_object_or_404(_actions(user), pk=pk))


@portal_login_required
@require_POST
def capa_progress(request, pk):
    from risk.services import action_vendor_progress

    user = _vendor_user(request)
    action = get_object_or_404(_actions(user), pk=pk)
    ready = request.POST.get("ready") == "1"
    note = request.POST.get("progress_note", "")
    try:
        action_vendor_progress(action=action, by=user, note=note, ready=ready)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            messages.error(request, " ".join(exc.messages))
            return redirect("portal:capa_detail", pk=action.pk)
        # Told next to the note, with what was typed kept.
        return _detail(
            request, action, note_errors=exc.message_dict.get("progress_note", []), typed_note=note, typed_ready=ready
        )
    else:
        messages.success(request, _("Marked ready for verification.") if ready else _("Progress saved."))
    return redirect("portal:capa_detail", pk=action.pk)
