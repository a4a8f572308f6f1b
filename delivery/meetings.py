"""Services of meetings, action items and the communication plan (and their reminders).

Writes come in by the staff pages, the portal and the API alike; each checks who may act.
"""

import datetime

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors
from bpo.core.i18n import interpolate
from bpo.core.services import notify
from bpo.core.zones import date_in_zone, today_in

from .choices_engagement import FREQUENCY_DAYS, FREQUENCY_MONTHS, ActionItemStatus
from .models import ActionItem, Communication, Meeting
from .querysets_engagement import editable_program_ids

MEETING_FIELDS = ("kind", "title", "starts_at", "location", "agenda", "minutes", "decisions")
ACTION_ITEM_FIELDS = ("title", "description", "owner", "due_date")
COMMUNICATION_FIELDS = ("audience", "content", "frequency", "channel", "owner", "last_sent_on", "active")


# --- who may act ------------------------------------------------------------------------


def can_edit_program(user, program) -> bool:
    """Administrators and the program's managers and contributors edit its delivery records."""
    return program is not None and editable_program_ids(user).filter(pk=program.pk).exists()


def require_editor(by, program):
    if not can_edit_program(by, program):
        raise PermissionDenied


def program_vendor_ids(program) -> set[int]:
    """The vendors with a contract in the program: their users may attend and own action items."""
    from contracts.models import Contract

    return set(Contract.objects.filter(program=program).values_list("vendor_id", flat=True))


def check_participants(program, users, field: str):
    """Staff users are always allowed; a vendor user only when their vendor has a contract in the program."""
    allowed = None
    for user in users:
        if user is None or not user.is_vendor_user:
            continue
        if allowed is None:
            allowed = program_vendor_ids(program)
        if user.vendor_id not in allowed:
            raise ValidationError(
                {field: _("%(user)s works for a vendor without a contract in this program.") % {"user": user}}
            )


def check_action_owner(program, owner) -> None:
    """An action item's owner may see the program: staff who read it (risk.selectors.may_see_program,
    as for a corrective action's owner), or a user of a vendor with a contract in the program.
    Anyone else would be told the item's title and find a 404 behind the link."""
    from risk.selectors import may_see_program

    if owner is not None and not owner.is_vendor_user and not may_see_program(owner, program):
        raise ValidationError({"owner": _("Choose a member of this program's staff or a user of its vendor.")})
    check_participants(program, [owner], "owner")


def check_attendees(program, attendees, before=()) -> None:
    """A meeting's staff attendees may see the program (risk.selectors.may_see_program, as a risk's
    owner): an evaluator-only member or an outsider would find the meeting answering 404. Checked
    for the attendees added (`before`: the ids attending already), so an older meeting stays editable;
    vendor users as check_participants says."""
    from risk.selectors import program_staff

    before = set(before)
    added = [u for u in attendees if u is not None and not u.is_vendor_user and u.pk not in before]
    if added:
        allowed = set(program_staff([program.pk]).filter(pk__in=[u.pk for u in added]).values_list("pk", flat=True))
        if any(u.pk not in allowed for u in added):
            raise ValidationError({"attendees": _("Choose people who may see this meeting's program.")})
    check_participants(program, attendees, "attendees")


def _apply(obj, data: dict, fields) -> list[str]:
    changed = []
    for name, value in data.items():
        if name in fields and getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def action_item_url(item: ActionItem, user) -> str:
    """Where the item opens for this user: the portal for vendor users, the staff page otherwise."""
    if user.is_vendor_user:
        return reverse("portal:action_item_detail", args=[item.pk])
    return item.get_absolute_url()


# --- meetings ---------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, by, program, attendees=(), **data) -> Meeting:
    """Schedules a meeting of the program, with its agenda and attendees."""
    require_editor(by, program)
    attendees = list(attendees)
    check_attendees(program, attendees)
    meeting = Meeting(program=program, created_by=by, **{k: v for k, v in data.items() if k in MEETING_FIELDS})
    meeting.full_clean()
    with set_actor(by):
        meeting.save()
        meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, attendees=None, **data) -> Meeting:
    """Changes the agenda, records minutes and decisions, or changes who attends."""
    require_editor(by, meeting.program)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    changed = _apply(meeting, data, MEETING_FIELDS)
    with set_actor(by):
        if changed:
            meeting.full_clean()
            meeting.save(update_fields=[*changed, "updated_at"])
        if attendees is not None:
            attendees = list(attendees)
            check_attendees(meeting.program, attendees, meeting.attendees.values_list("pk", flat=True))
            meeting.attendees.set(attendees)
    return meeting


# --- action items -----------------------------------------------------------------------


@transaction.atomic
def action_item_create(*, meeting: Meeting, by, title, owner, due_date, description="") -> ActionItem:
    """Records an action item of a meeting and tells its owner."""
    require_editor(by, meeting.program)
    check_action_owner(meeting.program, owner)
    if not owner.is_active:
        raise ValidationError({"owner": _("Choose an active user.")})
    item = ActionItem(
        meeting=meeting,
        program_id=meeting.program_id,
        title=title,
        description=description,
        owner=owner,
        vendor_id=owner.vendor_id if owner.is_vendor_user else None,
        due_date=due_date,
    )
    item.full_clean()
    with set_actor(by):
        item.save()
    notify(
        recipients=[owner],
        event_key=f"action-item:{item.pk}:assigned",
        title=interpolate(_("Action item assigned to you: %(title)s"), {"title": item.title}),
        body=interpolate(_("Due on %(date)s."), {"date": item.due_date.isoformat()}),
        url=action_item_url(item, owner),
    )
    return item


@transaction.atomic
def action_item_update(*, item: ActionItem, by, **data) -> ActionItem:
    """Changes an open item's title, description, owner or due date (program staff only)."""
    require_editor(by, item.program)
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ActionItemStatus.OPEN:
        raise ValidationError(_("Only an open action item can be changed."))
    changed = _apply(item, data, ACTION_ITEM_FIELDS)
    if "owner" in changed:
        check_action_owner(item.program, item.owner)
        item.vendor_id = item.owner.vendor_id if item.owner.is_vendor_user else None
        changed.append("vendor")
    if changed:
        item.full_clean()
        with set_actor(by):
            item.save(update_fields=[*changed, "updated_at"])
    return item


def can_complete(user, item: ActionItem) -> bool:
    """The owner, a user of the owner's vendor, or an editor of the program closes an item."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.pk == item.owner_id:
        return True
    if user.is_vendor_user:
        return item.vendor_id is not None and user.vendor_id == item.vendor_id
    return can_edit_program(user, item.program)


@transaction.atomic
def action_item_complete(*, item: ActionItem, by, note: str) -> ActionItem:
    """Marks an open action item done with a note saying what was done; tells the meeting's organiser."""
    if not can_complete(by, item):
        raise PermissionDenied
    item = ActionItem.objects.select_for_update().select_related("meeting__created_by").get(pk=item.pk)
    if item.status != ActionItemStatus.OPEN:
        raise ValidationError(_("This action item is already closed."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what was done.")})
    item.status = ActionItemStatus.DONE
    item.completed_at, item.completed_by, item.completion_note = timezone.now(), by, note.strip()
    with set_actor(by):
        item.save(update_fields=["status", "completed_at", "completed_by", "completion_note", "updated_at"])
    organiser = item.meeting.created_by
    if organiser.pk != by.pk:
        notify(
            recipients=[organiser],
            event_key=f"action-item:{item.pk}:done",
            title=interpolate(_("Action item done: %(title)s"), {"title": item.title}),
            body=item.completion_note,
            url=item.get_absolute_url(),
        )
    return item


@transaction.atomic
def action_item_cancel(*, item: ActionItem, by, note: str = "") -> ActionItem:
    """Cancels an open action item that is no longer needed (program staff only)."""
    require_editor(by, item.program)
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ActionItemStatus.OPEN:
        raise ValidationError(_("This action item is already closed."))
    item.status = ActionItemStatus.CANCELLED
    item.completed_at, item.completed_by, item.completion_note = timezone.now(), by, (note or "").strip()
    with set_actor(by):
        item.save(update_fields=["status", "completed_at", "completed_by", "completion_note", "updated_at"])
    return item


def action_item_remind_overdue(*, today: datetime.date | None = None) -> int:
    """Reminds the owner of each open action item due before today in its program's time zone,
    at most once a day: the event key holds that day's date (the program's), so a second run the
    same day notifies nobody. `today`: that date in every zone instead (tests)."""
    sent = 0
    items = ActionItem.objects.overdue(today).select_related("owner", "program")
    for item in items.iterator(chunk_size=500):
        day = today or today_in(item.program.time_zone)
        sent += len(
            notify(
                recipients=[item.owner],
                event_key=f"action-item:{item.pk}:overdue:{day.isoformat()}",
                title=interpolate(_("Action item overdue: %(title)s"), {"title": item.title}),
                body=interpolate(_("It was due on %(date)s."), {"date": item.due_date.isoformat()}),
                url=action_item_url(item, item.owner),
            )
        )
    return sent


# --- the communication plan -------------------------------------------------------------


def next_due(frequency: str, last_sent_on: datetime.date | None, start: datetime.date) -> datetime.date | None:
    """When a communication is due next: the last sending plus its frequency; never sent,
    it is due from `start` (the day it entered the plan). Ad hoc communications have no due date."""
    if frequency in FREQUENCY_DAYS:
        step = relativedelta(days=FREQUENCY_DAYS[frequency])
    elif frequency in FREQUENCY_MONTHS:
        step = relativedelta(months=FREQUENCY_MONTHS[frequency])
    else:
        return None
    return last_sent_on + step if last_sent_on else start


def _schedule(comm: Communication) -> None:
    # The day it entered the plan, in the program's time zone.
    zone_name = comm.program.time_zone
    start = date_in_zone(comm.created_at, zone_name) if comm.created_at else today_in(zone_name)
    comm.next_due_on = next_due(comm.frequency, comm.last_sent_on, start)


def _check_owner_staff(owner):
    if owner is not None and owner.is_vendor_user:
        raise ValidationError({"owner": _("The owner of a communication is a staff user.")})


@transaction.atomic
def communication_create(*, by, program, **data) -> Communication:
    """Adds a line to the program's communication plan; its next due date is computed."""
    require_editor(by, program)
    comm = Communication(program=program, **{k: v for k, v in data.items() if k in COMMUNICATION_FIELDS})
    _check_owner_staff(comm.owner if comm.owner_id else None)
    _schedule(comm)
    comm.full_clean()
    with set_actor(by):
        comm.save()
    return comm


@transaction.atomic
def communication_update(*, communication: Communication, by, **data) -> Communication:
    require_editor(by, communication.program)
    comm = Communication.objects.select_for_update().get(pk=communication.pk)
    changed = _apply(comm, data, COMMUNICATION_FIELDS)
    if "owner" in changed:
        _check_owner_staff(comm.owner)
    if changed:
        _schedule(comm)
        comm.full_clean()
        with set_actor(by):
            comm.save(update_fields=[*changed, "next_due_on", "updated_at"])
    return comm


@transaction.atomic
def communication_mark_sent(*, communication: Communication, by, sent_on: datetime.date | None = None) -> Communication:
    """Records that the communication went out (today unless said), which moves its next due date."""
    require_editor(by, communication.program)
    comm = Communication.objects.select_for_update(of=("self",)).select_related("program").get(pk=communication.pk)
    today = today_in(comm.program.time_zone)  # the program's today, not the server's
    sent_on = sent_on or today
    if sent_on > today:
        raise ValidationError({"sent_on": _("A communication cannot be sent in the future.")})
    if errors := date_range_errors(sent_on=sent_on):
        raise ValidationError(errors)
    comm.last_sent_on = sent_on
    _schedule(comm)
    with set_actor(by):
        comm.save(update_fields=["last_sent_on", "next_due_on", "updated_at"])
    return comm


def communication_remind_overdue(*, today: datetime.date | None = None) -> int:
    """Tells the owner of each communication due before today in its program's time zone, once
    per due date (`today`: that date in every zone instead)."""
    sent = 0
    for comm in Communication.objects.overdue(today).select_related("owner", "program").iterator(chunk_size=500):
        sent += len(
            notify(
                recipients=[comm.owner],
                event_key=f"communication:{comm.pk}:due:{comm.next_due_on.isoformat()}",
                title=interpolate(_("Communication overdue: %(what)s"), {"what": comm.audience}),
                body=interpolate(_("It was due on %(date)s."), {"date": comm.next_due_on.isoformat()}),
                url=comm.get_absolute_url(),
            )
        )
    return sent
