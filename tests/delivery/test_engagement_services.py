"""Meetings, action items, communications, training and support: the rules of the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bpo.core.models import Notification
from delivery import meetings, support, training
from delivery.models import ActionItem, Attendance, Communication, SupportRequest, TrainingSession

from .engagement_factories import (
    action_item_of_x,
    communication_of_a,
    meeting_of_a,
    session_of_a,
    support_request_of_x,
    vendor_y_contract,
)

D = datetime.date


def test_action_item_owner_gets_notified_and_vendor_copied(cast):
    item = action_item_of_x(cast)
    assert item.vendor_id == cast.vendor_x.pk and item.program_id == cast.program_a.pk
    assert Notification.objects.filter(recipient=cast.vendor_x_user, event_key=f"action-item:{item.pk}:assigned")


def test_vendor_without_contract_in_program_cannot_own_or_attend(cast):
    meeting = meeting_of_a(cast)
    with pytest.raises(ValidationError):
        meetings.action_item_create(
            meeting=meeting, by=cast.manager, title="x", owner=cast.vendor_y_admin, due_date=D(2026, 3, 1)
        )
    with pytest.raises(ValidationError):
        meetings.meeting_update(meeting=meeting, by=cast.manager, attendees=[cast.vendor_y_admin])


def test_only_program_editors_create_meetings(cast):
    for user in (cast.viewer, cast.outsider, cast.finance, cast.vendor_x_admin):
        with pytest.raises(PermissionDenied):
            meeting_of_a(cast, title=f"by {user}") if user is None else meetings.meeting_create(
                by=user, program=cast.program_a, kind="qbr", title="QBR", starts_at=timezone.now()
            )
    assert meetings.meeting_create(
        by=cast.contributor, program=cast.program_a, kind="qbr", title="QBR", starts_at=timezone.now()
    )


def test_overdue_reminder_is_sent_at_most_once_per_day(cast):
    item = action_item_of_x(cast, due_date=D(2026, 3, 9))
    assert meetings.action_item_remind_overdue(today=D(2026, 3, 9)) == 0  # due today: not overdue yet
    assert meetings.action_item_remind_overdue(today=D(2026, 3, 10)) == 1
    assert meetings.action_item_remind_overdue(today=D(2026, 3, 10)) == 0  # second run, same day
    assert meetings.action_item_remind_overdue(today=D(2026, 3, 11)) == 1  # the next day: once more
    keys = set(Notification.objects.filter(recipient=cast.vendor_x_user).values_list("event_key", flat=True))
    assert {f"action-item:{item.pk}:overdue:2026-03-10", f"action-item:{item.pk}:overdue:2026-03-11"} <= keys
    note = Notification.objects.get(event_key=f"action-item:{item.pk}:overdue:2026-03-10")
    assert note.url == f"/portal/action-items/{item.pk}/"
    meetings.action_item_complete(item=item, by=cast.vendor_x_user, note="Sent")
    assert meetings.action_item_remind_overdue(today=D(2026, 3, 12)) == 0  # done items are not reminded


def test_vendor_colleague_marks_done_with_note_other_vendor_cannot(cast):
    item = action_item_of_x(cast)
    with pytest.raises(PermissionDenied):
        meetings.action_item_complete(item=item, by=cast.vendor_y_admin, note="x")
    with pytest.raises(ValidationError):
        meetings.action_item_complete(item=item, by=cast.vendor_x_admin, note="  ")
    item = meetings.action_item_complete(item=item, by=cast.vendor_x_admin, note="Plan sent on Friday")
    assert item.status == "done" and item.completed_by == cast.vendor_x_admin
    assert Notification.objects.filter(recipient=cast.manager, event_key=f"action-item:{item.pk}:done").exists()
    with pytest.raises(ValidationError):
        meetings.action_item_complete(item=item, by=cast.manager, note="again")


def test_vendor_sees_only_its_own_action_items(cast):
    vendor_y_contract(cast)
    item = action_item_of_x(cast)
    assert list(ActionItem.objects.visible_to(cast.vendor_x_admin)) == [item]
    assert not ActionItem.objects.visible_to(cast.vendor_y_admin).exists()
    assert not ActionItem.objects.visible_to(cast.outsider).exists()
    assert ActionItem.objects.visible_to(cast.viewer).exists()


def test_communication_next_due_follows_frequency_and_mark_sent(cast):
    comm = communication_of_a(cast, frequency="monthly", last_sent_on=D(2026, 1, 31))
    assert comm.next_due_on == D(2026, 2, 28)
    assert list(Communication.objects.overdue(D(2026, 3, 1))) == [comm]
    assert not Communication.objects.overdue(D(2026, 2, 28)).exists()
    comm = meetings.communication_mark_sent(communication=comm, by=cast.contributor, sent_on=D(2026, 3, 1))
    assert comm.next_due_on == D(2026, 4, 1) and comm.last_sent_on == D(2026, 3, 1)
    comm = meetings.communication_update(communication=comm, by=cast.manager, frequency="quarterly")
    assert comm.next_due_on == D(2026, 6, 1)
    comm = meetings.communication_update(communication=comm, by=cast.manager, frequency="ad_hoc")
    assert comm.next_due_on is None
    weekly = communication_of_a(cast, frequency="weekly", last_sent_on=D(2026, 3, 2))
    assert weekly.next_due_on == D(2026, 3, 9)
    never = communication_of_a(cast, last_sent_on=None)
    assert never.next_due_on == timezone.localdate()
    with pytest.raises(ValidationError):
        meetings.communication_mark_sent(
            communication=weekly, by=cast.manager, sent_on=timezone.localdate() + datetime.timedelta(days=1)
        )
    with pytest.raises(ValidationError):
        communication_of_a(cast, owner=cast.vendor_x_user)
    with pytest.raises(PermissionDenied):
        meetings.communication_mark_sent(communication=weekly, by=cast.viewer)


def test_communication_overdue_reminded_once_per_due_date(cast):
    communication_of_a(cast, frequency="monthly", last_sent_on=D(2026, 1, 31))
    assert meetings.communication_remind_overdue(today=D(2026, 3, 1)) == 1
    assert meetings.communication_remind_overdue(today=D(2026, 3, 2)) == 0


def test_completion_rate_per_team(cast):
    from tests.factories import UserFactory

    other_x = UserFactory(username="vx-2", role="vendor_contributor", vendor=cast.vendor_x)
    session = session_of_a(cast, attendees=[cast.contributor, cast.viewer, cast.vendor_x_user, other_x])
    rows = {a.user_id: a.pk for a in session.attendances.all()}
    training.attendance_record(
        session=session,
        by=cast.manager,
        rows={
            rows[cast.contributor.pk]: (True, Decimal("80")),  # completed (pass 70)
            rows[cast.viewer.pk]: (False, None),
            rows[cast.vendor_x_user.pk]: (True, Decimal("65")),  # attended, below the pass score
            rows[other_x.pk]: (True, Decimal("90")),  # completed
        },
    )
    session.refresh_from_db()
    assert session.status == "held"
    scheduled = session_of_a(cast, attendees=[cast.manager], course=session.course)  # not held: not counted
    assert scheduled.status == "scheduled"
    rates = training.completion_rates(Attendance.objects.visible_to(cast.manager))
    assert [(r["team"], r["enrolled"], r["attended"], r["completed"], r["rate"]) for r in rates] == [
        ("Staff", 2, 1, 1, Decimal("50.0")),
        ("Vendor X", 2, 2, 1, Decimal("50.0")),
    ]
    assert rates[1]["average_score"] == Decimal("77.5")
    # A vendor reads only its own team's row
    assert [r["team"] for r in training.completion_rates(Attendance.objects.visible_to(cast.vendor_x_user))] == [
        "Vendor X"
    ]


def test_attendance_validation(cast):
    session = session_of_a(cast)
    att = session.attendances.get(user=cast.contributor)
    with pytest.raises(ValidationError):
        training.attendance_record(session=session, by=cast.manager, rows={att.pk: (True, Decimal("101"))})
    with pytest.raises(ValidationError):
        training.attendance_record(session=session, by=cast.manager, rows={att.pk: (False, Decimal("50"))})
    with pytest.raises(PermissionDenied):
        training.attendance_record(session=session, by=cast.viewer, rows={att.pk: (True, None)})
    assert training.session_enrol(session=session, by=cast.manager, users=[cast.contributor, cast.viewer]) == 1
    assert session.attendances.filter(user=cast.contributor).count() == 1


def test_vendor_sees_only_sessions_its_users_attend(cast):
    vendor_y_contract(cast)
    with_x = session_of_a(cast)
    staff_only = session_of_a(cast, attendees=[cast.contributor], course=with_x.course)
    assert list(TrainingSession.objects.visible_to(cast.vendor_x_admin)) == [with_x]
    assert not TrainingSession.objects.visible_to(cast.vendor_y_admin).exists()
    assert set(TrainingSession.objects.visible_to(cast.viewer)) == {with_x, staff_only}
    assert not TrainingSession.objects.visible_to(cast.outsider).exists()


def test_support_resolution_time_and_stats(cast):
    req = support_request_of_x(cast)
    assert req.vendor_id == cast.vendor_x.pk and req.requester == cast.vendor_x_user
    assert Notification.objects.filter(recipient=cast.manager, event_key=f"support:{req.pk}:raised").exists()
    SupportRequest.objects.filter(pk=req.pk).update(opened_at=timezone.now() - datetime.timedelta(hours=5))
    req = support.support_request_transition(request=req, by=cast.contributor, to="in_progress")
    assert req.assignee == cast.contributor
    with pytest.raises(ValidationError):
        support.support_request_transition(request=req, by=cast.contributor, to="resolved")
    req = support.support_request_transition(request=req, by=cast.contributor, to="resolved", resolution="Unlocked")
    assert round(req.resolution_time.total_seconds() / 3600) == 5
    annotated = SupportRequest.objects.with_resolved_in().get(pk=req.pk)
    assert round(annotated.resolved_in.total_seconds() / 3600) == 5
    assert Notification.objects.filter(
        recipient=cast.vendor_x_user, event_key__startswith=f"support:{req.pk}:resolved"
    ).exists()
    support_request_of_x(cast, category="data_management")
    stats = {s["category"]: s for s in support.resolution_stats(SupportRequest.objects.visible_to(cast.manager))}
    assert (
        stats["system_access"]["resolved"] == 1 and round(stats["system_access"]["average"].total_seconds() / 3600) == 5
    )
    assert stats["data_management"]["active"] == 1 and stats["data_management"]["average"] is None


def test_support_vendor_rules(cast):
    vendor_y_contract(cast)
    with pytest.raises(PermissionDenied):  # vendor Y has no contract in program A
        support.support_request_create(
            by=cast.vendor_y_admin, program=cast.program_a, title="x", description="x", category="system_access"
        )
    req = support_request_of_x(cast)
    assert list(SupportRequest.objects.visible_to(cast.vendor_x_admin)) == [req]
    assert not SupportRequest.objects.visible_to(cast.vendor_y_admin).exists()
    with pytest.raises(ValidationError):  # a vendor may only withdraw its request
        support.support_request_transition(request=req, by=cast.vendor_x_user, to="resolved", resolution="x")
    with pytest.raises(PermissionDenied):
        support.support_request_transition(request=req, by=cast.vendor_y_admin, to="cancelled")
    with pytest.raises(ValidationError):
        support.support_request_update(request=req, by=cast.manager, assignee=cast.vendor_x_user)
    req = support.support_request_transition(request=req, by=cast.vendor_x_admin, to="cancelled")
    assert req.status == "cancelled"


def test_beat_job_reminds_once_a_day(cast):
    from bpo.celery import build_schedule
    from delivery import tasks

    assert "delivery-remind-overdue-action-items" in build_schedule()
    action_item_of_x(cast, due_date=timezone.localdate() - datetime.timedelta(days=2))
    assert tasks.remind_overdue_action_items() == 1
    assert tasks.remind_overdue_action_items() == 0  # the second run of the day
    communication_of_a(cast, frequency="weekly", last_sent_on=timezone.localdate() - datetime.timedelta(days=30))
    assert tasks.remind_overdue_communications() == 1
    assert tasks.remind_overdue_communications() == 0
