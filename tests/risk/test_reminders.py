"""Overdue reviews, drills and actions are reminded by the scheduled jobs, never twice for one due date."""

import datetime

from django.utils import timezone

from bpo.core.models import Notification
from risk import services, tasks
from risk.choices import ActionSource
from risk.models import CorrectiveAction, Risk

from .test_register import assess, make_risk


def keys(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("event_key", flat=True))


def test_review_reminder_is_sent_once_per_due_date(cast):
    risk = make_risk(cast, owner=cast.contributor)
    assess(risk, cast.manager, 2, 2, 1, 1)
    today = timezone.localdate()
    Risk.objects.filter(pk=risk.pk).update(next_review_date=today - datetime.timedelta(days=2))
    assert services.risk_remind_reviews(today=today) == 1
    assert services.risk_remind_reviews(today=today) == 0
    tasks.remind_risk_reviews()  # the beat task, the same idempotent service
    assert keys(cast.contributor) == [f"risk:{risk.pk}:review-due:{today - datetime.timedelta(days=2)}"]
    # Reviewed, then due again later: a new due date is a new reminder.
    Risk.objects.filter(pk=risk.pk).update(next_review_date=today + datetime.timedelta(days=3))
    assert services.risk_remind_reviews(today=today) == 1
    assert len(keys(cast.contributor)) == 2


def test_review_not_due_is_not_reminded_and_managers_hear_when_nobody_owns_it(cast):
    risk = make_risk(cast)
    Risk.objects.filter(pk=risk.pk).update(
        owner=None, next_review_date=timezone.localdate() + datetime.timedelta(days=30)
    )
    assert services.risk_remind_reviews(today=timezone.localdate()) == 0
    Risk.objects.filter(pk=risk.pk).update(next_review_date=timezone.localdate())
    assert services.risk_remind_reviews(today=timezone.localdate()) == 1
    assert keys(cast.manager) == [f"risk:{risk.pk}:review-due:{timezone.localdate()}"]


def test_drill_reminder_once_and_not_after_it_ran(cast):
    today = timezone.localdate()
    plan = services.plan_create(
        by=cast.manager, program=cast.program_a, title="Outage", scenario="s", triggers="t", owner=cast.contributor
    )
    drill = services.drill_schedule(plan=plan, by=cast.manager, title="D", scheduled_for=today, objectives=["o"])
    assert services.drill_remind_due(today=today) == 1
    assert tasks.remind_drills() == 0
    objective = drill.objectives.get()
    services.drill_record_run(drill=drill, by=cast.manager, run_on=today, results={objective.pk: ("met", "")})
    services.drill_schedule(
        plan=plan, by=cast.manager, title="Later", scheduled_for=today + datetime.timedelta(60), objectives=["o"]
    )
    assert services.drill_remind_due(today=today + datetime.timedelta(days=1)) == 0


def test_overdue_action_reminded_once_per_due_date(cast):
    today = timezone.localdate()
    risk = make_risk(cast, vendor=cast.vendor_x)
    action = services.action_create(
        by=cast.manager,
        program=cast.program_a,
        source=ActionSource.RISK_REVIEW,
        risk=risk,
        title="Fix",
        problem="p",
        owner=cast.vendor_x_user,
        due_date=today + datetime.timedelta(days=1),
    )
    # Due yesterday: a new action takes due dates from today, so it is backdated.
    CorrectiveAction.objects.filter(pk=action.pk).update(due_date=today - datetime.timedelta(days=1))
    action.refresh_from_db()
    assert services.action_remind_overdue(today=today) == 1
    assert tasks.remind_overdue_actions() == 0
    assert f"capa:{action.pk}:overdue:{action.due_date}" in keys(cast.vendor_x_user)
