"""Services of technical support requests: raise, assign, work, resolve; resolution time in SQL."""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.i18n import interpolate
from bpo.core.scoping import CONTENT
from bpo.core.services import notify

from .choices_engagement import SUPPORT_ACTIVE, SupportCategory, SupportStatus
from .invoicing import DISPUTE_REASON_MAX_LENGTH
from .meetings import _apply, can_edit_program
from .models import SupportRequest

RESOLUTION_MAX_LENGTH = DISPUTE_REASON_MAX_LENGTH  # as long as a recorded reason may be
REQUEST_FIELDS = ("title", "description", "category", "priority")
STAFF_FIELDS = (*REQUEST_FIELDS, "assignee")

# The one table of moves. Program staff make any of them; a vendor user only the VENDOR_MOVES
# among them, on its own request (so it cancels its request while it is open or in progress).
TRANSITIONS = {
    SupportStatus.OPEN: (SupportStatus.IN_PROGRESS, SupportStatus.RESOLVED, SupportStatus.CANCELLED),
    SupportStatus.IN_PROGRESS: (SupportStatus.RESOLVED, SupportStatus.CANCELLED, SupportStatus.OPEN),
    SupportStatus.RESOLVED: (SupportStatus.IN_PROGRESS,),  # reopened: it was not fixed after all
    SupportStatus.CANCELLED: (),
}
VENDOR_MOVES = (SupportStatus.CANCELLED,)


def requestable_programs(user):
    """The programs a user may raise a request in: staff the programs whose records they read
    (finance and legal as members only: a request they raised elsewhere they could not read), a
    vendor user the programs where its vendor has a contract it can see."""
    from contracts.models import Contract
    from strategy.models import Program

    if not user.is_authenticated or not user.is_active:
        return Program.objects.none()
    if user.is_vendor_user:
        return Program.objects.filter(pk__in=Contract.objects.visible_to(user).values("program_id"))
    return Program.objects.reading(user, CONTENT)


def _managers(program):
    from bpo.accounts.choices import ProgramRole

    return [m.user for m in program.memberships.filter(role=ProgramRole.MANAGER).select_related("user")]


def _url_for(req, user):
    return reverse("portal:support_detail", args=[req.pk]) if user.is_vendor_user else req.get_absolute_url()


@transaction.atomic
def support_request_create(*, by, program, **data) -> SupportRequest:
    """Raises a request; the program's managers are told."""
    if program is None or not requestable_programs(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    req = SupportRequest(
        program=program,
        requester=by,
        vendor_id=by.vendor_id if by.is_vendor_user else None,
        **{k: v for k, v in data.items() if k in REQUEST_FIELDS},
    )
    req.full_clean()
    with set_actor(by):
        req.save()
    notify(
        recipients=[u for u in _managers(program) if u.pk != by.pk],
        event_key=f"support:{req.pk}:raised",
        title=interpolate(_("Support request raised: %(title)s"), {"title": req.title}),
        body=interpolate(
            _("%(priority)s priority, by %(user)s."), {"priority": req.get_priority_display(), "user": by}
        ),
        url=req.get_absolute_url(),
    )
    return req


@transaction.atomic
def support_request_update(*, request: SupportRequest, by, **data) -> SupportRequest:
    """Program staff change the title, category, priority or assignee (a staff user)."""
    if not can_edit_program(by, request.program):
        raise PermissionDenied
    req = SupportRequest.objects.select_for_update().get(pk=request.pk)
    changed = _apply(req, data, STAFF_FIELDS)
    if "assignee" in changed and req.assignee is not None and req.assignee.is_vendor_user:
        raise ValidationError({"assignee": _("Requests are assigned to staff users.")})
    if changed:
        req.full_clean()
        with set_actor(by):
            req.save(update_fields=[*changed, "updated_at"])
        if "assignee" in changed and req.assignee is not None and req.assignee.pk != by.pk:
            notify(
                recipients=[req.assignee],
                event_key=f"support:{req.pk}:assigned:{req.assignee.pk}",
                title=interpolate(_("Support request assigned to you: %(title)s"), {"title": req.title}),
                url=req.get_absolute_url(),
            )
    return req


def _moves_requests(user, req: SupportRequest) -> bool:
    """Whether the user moves this request at all: the program's staff who edit it, or a user of
    the vendor that raised it."""
    if user.is_vendor_user:
        return req.vendor_id is not None and req.vendor_id == user.vendor_id
    return can_edit_program(user, req.program)


def allowed_moves(user, req: SupportRequest) -> tuple:
    """The statuses this user may move the request to: the table's moves from its status that
    the user's side makes (see TRANSITIONS)."""
    if not _moves_requests(user, req):
        return ()
    moves = TRANSITIONS[SupportStatus(req.status)]
    return tuple(m for m in moves if m in VENDOR_MOVES) if user.is_vendor_user else moves


@transaction.atomic
def support_request_transition(*, request: SupportRequest, by, to: str, resolution: str = "") -> SupportRequest:
    """Moves the request; resolving needs a resolution and fixes the resolution time,
    reopening clears it. The requester is told when it is resolved."""
    req = SupportRequest.objects.select_for_update().select_related("requester").get(pk=request.pk)
    allowed = allowed_moves(by, req)
    if to not in allowed:
        if not _moves_requests(by, req):
            raise PermissionDenied  # a request at its end (cancelled) is told by the table below
        names = {"a": req.get_status_display(), "b": SupportStatus(to).label if to in SupportStatus.values else to}
        if to in TRANSITIONS[SupportStatus(req.status)]:  # a move of the table, but not this user's side's
            raise ValidationError(_("Only the program's staff move a request to %(b)s.") % names)
        raise ValidationError(_("A request cannot go from %(a)s to %(b)s.") % names)
    fields = ["status", "updated_at"]
    if to == SupportStatus.RESOLVED:
        if not resolution.strip():
            raise ValidationError({"resolution": _("Say how it was resolved.")})
        if len(resolution.strip()) > RESOLUTION_MAX_LENGTH:
            raise ValidationError(
                {
                    "resolution": _("At most %(max)s characters; this resolution has %(length)s.")
                    % {"max": RESOLUTION_MAX_LENGTH, "length": len(resolution.strip())}
                }
            )
        req.resolved_at, req.resolution = timezone.now(), resolution.strip()
        fields += ["resolved_at", "resolution"]
    elif req.resolved_at is not None:
        req.resolved_at = None
        fields.append("resolved_at")
    if to == SupportStatus.IN_PROGRESS and req.assignee_id is None and not by.is_vendor_user:
        req.assignee = by
        fields.append("assignee")
    req.status = to
    with set_actor(by):
        req.save(update_fields=fields)
    if to == SupportStatus.RESOLVED and req.requester.pk != by.pk:
        notify(
            recipients=[req.requester],
            event_key=f"support:{req.pk}:resolved:{req.resolved_at:%Y%m%d%H%M%S}",
            title=interpolate(_("Support request resolved: %(title)s"), {"title": req.title}),
            body=req.resolution,
            url=_url_for(req, req.requester),
        )
    return req


def resolution_stats(requests) -> list[dict]:
    """Per category over the given (already scoped) requests: how many, how many still open,
    and the average resolution time of the resolved ones, in one aggregate query."""
    rows = (
        requests.with_resolved_in()
        .order_by()
        .values("category")
        .annotate(
            total=Count("pk"),
            active=Count("pk", filter=Q(status__in=SUPPORT_ACTIVE)),
            resolved=Count("pk", filter=Q(status=SupportStatus.RESOLVED)),
            average=Avg("resolved_in", filter=Q(status=SupportStatus.RESOLVED)),
        )
        .order_by("category")
    )
    out = []
    for row in rows:
        average = row["average"]
        row["label"] = SupportCategory(row["category"]).label
        row["average_hours"] = round(average.total_seconds() / 3600, 1) if average is not None else None
        out.append(row)
    return out
