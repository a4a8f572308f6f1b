"""Services of training: courses, sessions, enrolment, attendance and scores, completion rates."""

from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext_lazy as _

from bpo.core.zones import date_in_zone, today_in

from .choices_engagement import SessionStatus
from .meetings import _apply, check_participants, require_editor
from .models import Attendance, Course, TrainingSession

COURSE_FIELDS = ("title", "category", "description", "pass_score")
SESSION_FIELDS = ("starts_at", "trainer", "location", "status", "notes")


def session_has_come(session: TrainingSession) -> bool:
    """The session's date (in its program's time zone) is today or past: only then is it held."""
    zone = session.course.program.time_zone
    return date_in_zone(session.starts_at, zone) <= today_in(zone)


def _check_held(session: TrainingSession) -> None:
    if session.status == SessionStatus.HELD and session.starts_at and not session_has_come(session):
        raise ValidationError({"status": _("A session is held only once its date has come.")})


def _check_recorded_attendance(session: TrainingSession, changed) -> None:
    """A session whose attendance is recorded took place: it stays held, on a date that has come
    (user test: moved back to scheduled on a later date, it showed attendees of a future session)."""
    if not session.attendances.filter(attended__isnull=False).exists():
        return
    message = _("Its attendance is recorded: clear the attendance first to move or reschedule the session.")
    if "status" in changed and session.status != SessionStatus.HELD:
        raise ValidationError({"status": message})
    if "starts_at" in changed and session.starts_at and not session_has_come(session):
        raise ValidationError({"starts_at": message})


@transaction.atomic
def course_create(*, by, program, **data) -> Course:
    require_editor(by, program)
    course = Course(program=program, **{k: v for k, v in data.items() if k in COURSE_FIELDS})
    course.full_clean()
    with set_actor(by):
        course.save()
    return course


@transaction.atomic
def course_update(*, course: Course, by, **data) -> Course:
    require_editor(by, course.program)
    course = Course.objects.select_for_update().get(pk=course.pk)
    changed = _apply(course, data, COURSE_FIELDS)
    if changed:
        course.full_clean()
        with set_actor(by):
            course.save(update_fields=changed)
    return course


@transaction.atomic
def session_create(*, course: Course, by, attendees=(), **data) -> TrainingSession:
    """Schedules a session of the course and enrols its attendees."""
    require_editor(by, course.program)
    session = TrainingSession(course=course, **{k: v for k, v in data.items() if k in SESSION_FIELDS})
    _check_held(session)
    session.full_clean()
    with set_actor(by):
        session.save()
    session_enrol(session=session, by=by, users=attendees)
    return session


@transaction.atomic
def session_update(*, session: TrainingSession, by, **data) -> TrainingSession:
    require_editor(by, session.course.program)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    changed = _apply(session, data, SESSION_FIELDS)
    if changed:
        _check_held(session)
        _check_recorded_attendance(session, changed)
        session.full_clean()
        with set_actor(by):
            session.save(update_fields=changed)
    return session


def check_attendees(program, users) -> None:
    """Staff enrolled may see the program (risk.selectors.program_staff, as a meeting's attendees):
    an evaluator-only member or an outsider would be listed on a session whose page answers them
    404. A vendor user only when their vendor has a contract in the program (check_participants,
    as for an action item's owner). Checked for those enrolled now, so an older session keeps its
    attendees."""
    from risk.selectors import program_staff

    staff = [u for u in users if u is not None and not u.is_vendor_user]
    if staff:
        allowed = set(program_staff([program.pk]).filter(pk__in=[u.pk for u in staff]).values_list("pk", flat=True))
        if any(u.pk not in allowed for u in staff):
            raise ValidationError({"attendees": _("Choose people who may see this session's program.")})
    check_participants(program, users, "attendees")


@transaction.atomic
def session_enrol(*, session: TrainingSession, by, users) -> int:
    """Adds attendees (staff who may see the program, or users of its contract vendors:
    check_attendees); enrolling twice is a no-op."""
    program = session.course.program
    require_editor(by, program)
    users = list(users)
    already = set(session.attendances.filter(user__in=users).values_list("user_id", flat=True))
    check_attendees(program, [u for u in users if u.pk not in already])
    rows = [
        Attendance(session=session, user=u, vendor_id=u.vendor_id if u.is_vendor_user else None)
        for u in users
        if u.pk not in already
    ]
    # ignore_conflicts: two people enrolling the same attendee at once do not fail.
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def attendance_record(*, session: TrainingSession, by, rows: dict[int, tuple[bool | None, Decimal | None]]) -> int:
    """Records, per attendance id, whether the attendee came and their assessment score (0-100).

    A score needs presence. Recording attendance marks a scheduled session held, so it
    counts in the completion rates; a session whose date (in the program's time zone) has not
    come yet has no attendance. A refused row's errors are keyed `row_<attendance id>`.
    One UPDATE for all the rows (bulk_update)."""
    require_editor(by, session.course.program)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("A cancelled session has no attendance."))
    if not session_has_come(session):
        raise ValidationError(_("This session has not taken place yet: record its attendance from its date on."))
    attendances = {a.pk: a for a in session.attendances.filter(pk__in=list(rows))}
    errors = {}
    for pk, (attended, score) in rows.items():
        att = attendances.get(pk)
        if att is None:
            continue
        if score is not None and not (Decimal("0") <= score <= Decimal("100")):
            errors.setdefault(f"row_{pk}", []).append(_("%(user)s: a score is between 0 and 100.") % {"user": att.user})
        if score is not None and attended is not True:
            errors.setdefault(f"row_{pk}", []).append(
                _("%(user)s: only an attendee who came has a score.") % {"user": att.user}
            )
        att.attended, att.score = attended, score
    if errors:
        raise ValidationError(errors)
    with set_actor(by):
        Attendance.objects.bulk_update(list(attendances.values()), ["attended", "score"])
        if session.status == SessionStatus.SCHEDULED:
            session.status = SessionStatus.HELD
            session.save(update_fields=["status"])
    return len(attendances)


def completed_q() -> Q:
    """An attendance completes its course: present, and at or above the pass score when the course has one."""
    return Q(attended=True) & (
        Q(session__course__pass_score__isnull=True) | Q(score__gte=F("session__course__pass_score"))
    )


def completion_rates(attendances) -> list[dict]:
    """Completion per team over the given (already scoped) attendances of held sessions.

    One row for staff (vendor None) and one per vendor: enrolled, attended, completed,
    the completion rate (completed / enrolled, in %) and the average score, all counted in
    one aggregate query."""
    rows = (
        attendances.filter(session__status=SessionStatus.HELD)
        .order_by()
        .values("vendor_id", "vendor__name")
        .annotate(
            enrolled=Count("pk"),
            present=Count("pk", filter=Q(attended=True)),
            completed=Count("pk", filter=completed_q()),
            average_score=Avg("score"),
        )
        .order_by(F("vendor__name").asc(nulls_first=True))
    )
    out = []
    for r in rows:
        rate = (Decimal(r["completed"]) * 100 / r["enrolled"]).quantize(Decimal("0.1")) if r["enrolled"] else None
        out.append(
            {
                "vendor_id": r["vendor_id"],
                "team": r["vendor__name"] or _("Staff"),
                "enrolled": r["enrolled"],
                "attended": r["present"],
                "completed": r["completed"],
                "rate": rate,
                "average_score": round(r["average_score"], 1) if r["average_score"] is not None else None,
            }
        )
    return out
