"""The scheduled reminders select what is due (or overdue) by the date in each record's program's
time zone, not the server's: at 17:30 UTC on 26 November it is the 27th in Shanghai. A Shanghai
record due on the 26th is overdue, a UTC one due that day is only due; "within a week" ends on
4 December in Shanghai and 3 December in UTC. Each runs as the beat task runs it (no `today`),
once per item (per day for action items, the day being the program's)."""

import re
from datetime import UTC, date, datetime
from unittest import mock

import pytest

from bpo.core.models import Notification
from contracts import services as contract_services
from contracts.models import Obligation
from delivery import meetings
from delivery.models import ActionItem, Communication, Meeting
from risk import services as risk_services
from risk.models import ContingencyPlan, CorrectiveAction, Drill, Risk
from strategy.models import Program
from tests.contracts.factories import ContractFactory

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai
DUE = date(2026, 11, 26)


@pytest.fixture
def zoned(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")
    cast.program_a.refresh_from_db()
    cast.program_b.refresh_from_db()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast


def _titles(user, prefix):
    return sorted(
        Notification.objects.filter(recipient=user, event_key__startswith=prefix).values_list("title", flat=True)
    )


def _keys(user, prefix):
    return sorted(
        Notification.objects.filter(recipient=user, event_key__startswith=prefix).values_list("event_key", flat=True)
    )


def test_risk_reviews_drills_and_actions_by_each_programs_date(zoned):
    cast = zoned
    for program, name in ((cast.program_a, "Shanghai"), (cast.program_b, "UTC")):
        for day in (DUE, date(2026, 12, 4)):
            risk = Risk.objects.create(
                program=program, title=f"{name} {day.day}", category="operational", event="e", owner=cast.contributor
            )
            Risk.objects.filter(pk=risk.pk).update(next_review_date=day)
        plan = ContingencyPlan.objects.create(
            program=program, title=f"{name} plan", scenario="s", triggers="t", owner=cast.contributor
        )
        Drill.objects.create(plan=plan, title=f"{name} drill", scheduled_for=DUE)
        CorrectiveAction.objects.create(
            program=program,
            source="risk_review",
            title=f"{name} action",
            problem="p",
            owner=cast.contributor,
            due_date=DUE,
            status="open",
        )
    assert risk_services.risk_remind_reviews() == 3  # not UTC's 4 December: beyond its week
    assert [re.sub(r"R-\d+ ", "", t) for t in _titles(cast.contributor, "risk:")] == [
        "Risk review due: Shanghai 4",
        "Risk review due: UTC 26",
        "Risk review overdue: Shanghai 26",
    ]
    assert risk_services.drill_remind_due() == 2
    assert _titles(cast.contributor, "drill:") == ["Drill due: UTC drill", "Drill overdue: Shanghai drill"]
    assert risk_services.action_remind_overdue() == 1
    assert _titles(cast.contributor, "capa:") == ["Corrective action overdue: Shanghai action"]
    # once per item and due date
    assert (risk_services.risk_remind_reviews(), risk_services.drill_remind_due()) == (0, 0)
    assert risk_services.action_remind_overdue() == 0


def test_action_items_and_communications_by_each_programs_date(zoned):
    cast = zoned
    items = {}
    for program, name in ((cast.program_a, "Shanghai"), (cast.program_b, "UTC")):
        meeting = Meeting.objects.create(
            program=program, kind="weekly_ops", title="Ops", starts_at=NOW, created_by=cast.admin
        )
        items[name] = ActionItem.objects.create(
            meeting=meeting, program=program, title=f"{name} item", owner=cast.manager, due_date=DUE, status="open"
        )
        comm = Communication.objects.create(
            program=program,
            audience=f"{name} sponsors",
            content="c",
            frequency="weekly",
            channel="email",
            owner=cast.manager,
        )
        Communication.objects.filter(pk=comm.pk).update(next_due_on=DUE)
    assert meetings.action_item_remind_overdue() == 1
    assert meetings.action_item_remind_overdue() == 0  # the same day (Shanghai's 27th)
    # the key holds the program's date, the 27th, not the server's 26th
    assert _keys(cast.manager, "action-item:") == [f"action-item:{items['Shanghai'].pk}:overdue:2026-11-27"]
    assert meetings.communication_remind_overdue() == 1
    assert meetings.communication_remind_overdue() == 0
    assert _titles(cast.manager, "communication:") == ["Communication overdue: Shanghai sponsors"]


def test_obligations_by_each_programs_date(zoned):
    cast = zoned
    for program, name in ((cast.program_a, "Shanghai"), (cast.program_b, "UTC")):
        contract = ContractFactory(program=program, vendor=cast.vendor_x, number=f"C-{name}", status="active")
        for day in (DUE, date(2026, 12, 4)):
            Obligation.objects.create(
                contract=contract,
                party="vendor",
                category="reporting",
                title=f"{name} {day.day}",
                due_date=day,
                status="open",
                owner=cast.manager,
            )
    assert contract_services.obligation_reminders() == 3  # not UTC's 4 December: beyond its week
    assert contract_services.obligation_reminders() == 0
    assert _titles(cast.manager, "obligation:") == [
        "Coming due: Shanghai 4 (due 2026-12-04)",
        "Coming due: UTC 26 (due 2026-11-26)",
        "Overdue: Shanghai 26 (due 2026-11-26)",
    ]
