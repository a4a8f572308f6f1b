"""Scheduled dates within bounds (user test 2026-11-27): meetings, training sessions, drills, meeting
action items and plan tasks from the program's start (a drill of a contract's plan: the contract's
start) to 2099-12-31; a new corrective action due from today in its program's time zone to
2099-12-31; a risk's next review up to 2099-12-31. 9999-12-31 and 1900-01-01 were saved (the 9999
meetings sorted to the top of the list, a complaint's action due in 1900 overdue at once). Refused
next to the field on the page, which keeps what was typed, and on the field in the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from delivery.models import Meeting, TrainingSession
from risk import services
from risk.models import CorrectiveAction, Drill, Risk
from tests.contracts.factories import contract_of_a
from tests.delivery.engagement_factories import course_of_a, meeting_of_a
from tests.strategy.test_program_pages import _field_block

from .test_register import make_risk

LAST = "2099-12-31"


def _start_program(cast, day=datetime.date(2026, 1, 1), zone="UTC"):
    cast.program_a.start_date, cast.program_a.time_zone = day, zone
    cast.program_a.save(update_fields=["start_date", "time_zone"])


def _refused(response, field, message, typed):
    assert response.status_code == 200, response.status_code
    block = _field_block(response.content.decode(), field)
    assert "has-error" in block.split(">")[0], block[:1500]
    assert message in block.replace("&#x27;", "'"), block[:1500]
    assert typed in block  # what was typed stays


PROGRAM_RANGE = "Enter a date from the program's start (2026-01-01) to 2099-12-31."


@pytest.mark.parametrize("typed", ["9999-12-31T23:59", "1900-01-01T10:00", "2025-12-31T10:00"])
def test_a_meeting_is_held_from_the_programs_start_to_2099(cast, client, typed):
    _start_program(cast)
    client.force_login(cast.manager)
    data = {"program": cast.program_a.pk, "kind": "steering", "title": "Far away", "starts_at": typed}
    _refused(client.post(reverse("delivery:meeting_create"), data), "starts_at", PROGRAM_RANGE, typed)
    assert not Meeting.objects.filter(title="Far away").exists()
    ok = client.post(reverse("delivery:meeting_create"), {**data, "starts_at": "2099-12-31T23:59"})
    assert ok.status_code == 302


@pytest.mark.parametrize("typed", ["9999-12-31T09:00", "1900-01-01T09:00"])
def test_a_training_session_is_held_from_the_programs_start_to_2099(cast, client, typed):
    _start_program(cast)
    course = course_of_a(cast)
    client.force_login(cast.manager)
    data = {"starts_at": typed, "trainer": "Apex IT", "status": "scheduled"}
    _refused(client.post(reverse("delivery:session_create", args=[course.pk]), data), "starts_at", PROGRAM_RANGE, typed)
    assert not TrainingSession.objects.exists()


def test_a_meeting_action_item_is_due_within_the_program(cast, client):
    _start_program(cast)
    meeting = meeting_of_a(cast)
    client.force_login(cast.manager)
    url = reverse("delivery:action_item_create", args=[meeting.pk])
    data = {"title": "Far", "owner": cast.contributor.pk, "due_date": "9999-12-31"}
    _refused(client.post(url, data), "due_date", PROGRAM_RANGE, "9999-12-31")


def _complaint(cast, due):
    return {
        "program": cast.program_a.pk,
        "contract": contract_of_a(cast).pk,
        "title": "Refund took 40 days",
        "problem": "Escalated to the CEO office",
        "owner": cast.contributor.pk,
        "due_date": due,
    }


@pytest.mark.parametrize("typed", ["1900-01-01", "9999-12-31", "yesterday"])
def test_a_complaints_action_is_due_from_today_to_2099(cast, client, typed):
    _start_program(cast, zone="Asia/Shanghai")
    today = timezone.now().astimezone(datetime.timezone(datetime.timedelta(hours=8))).date()
    if typed == "yesterday":
        typed = (today - datetime.timedelta(days=1)).isoformat()
    client.force_login(cast.manager)
    message = f"Enter a due date from today ({today.isoformat()}) to 2099-12-31."
    response = client.post(reverse("performance:quality_complaint_action"), _complaint(cast, typed))
    _refused(response, "due_date", message, typed)
    assert not CorrectiveAction.objects.exists()
    ok = client.post(reverse("performance:quality_complaint_action"), _complaint(cast, today.isoformat()))
    assert ok.status_code == 302


def test_the_service_refuses_a_corrective_actions_due_date_out_of_range_on_the_field(cast):
    risk = make_risk(cast)
    common = {"program": cast.program_a, "source": "risk_review", "risk": risk, "problem": "p"}
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            by=cast.manager, title="Far", owner=cast.contributor, due_date=datetime.date(9999, 12, 31), **common
        )
    assert list(refused.value.message_dict) == ["due_date"]
    # A saved action stays editable once overdue, but not moved out of range.
    action = services.action_create(
        by=cast.manager, title="Fix", owner=cast.contributor, due_date=datetime.date(2099, 1, 1), **common
    )
    CorrectiveAction.objects.filter(pk=action.pk).update(due_date=datetime.date(2026, 1, 1))
    services.action_update(action=action, by=cast.manager, title="Renamed")
    with pytest.raises(ValidationError) as refused:
        services.action_update(action=action, by=cast.manager, due_date=datetime.date(9999, 12, 31))
    assert list(refused.value.message_dict) == ["due_date"]


def test_a_drill_is_scheduled_up_to_2099_and_from_its_contracts_start(cast, client):
    _start_program(cast)
    plan = services.plan_create(by=cast.manager, program=cast.program_a, title="Site down", scenario="s", triggers="t")
    client.force_login(cast.manager)
    data = {"title": "Failover", "scheduled_for": "9999-12-31", "objectives": "Calls flow"}
    _refused(
        client.post(reverse("risk:drill_create", args=[plan.pk]), data), "scheduled_for", PROGRAM_RANGE, "9999-12-31"
    )
    contract = contract_of_a(cast)
    exit_plan = services.plan_create(
        by=cast.manager, program=cast.program_a, contract=contract, title="Exit", scenario="s", triggers="t"
    )
    before = (contract.start_date - datetime.timedelta(days=1)).isoformat()
    message = f"Enter a date from the contract's start ({contract.start_date.isoformat()}) to 2099-12-31."
    response = client.post(reverse("risk:drill_create", args=[exit_plan.pk]), {**data, "scheduled_for": before})
    _refused(response, "scheduled_for", message, before)
    assert not Drill.objects.exists()
    ok = client.post(reverse("risk:drill_create", args=[plan.pk]), {**data, "scheduled_for": LAST})
    assert ok.status_code == 302


def test_a_risks_next_review_is_at_most_2099(cast, client):
    client.force_login(cast.manager)
    data = {
        "program": cast.program_a.pk,
        "title": "Typhoon",
        "category": "continuity",
        "event": "Site closed",
        "treatment": "mitigate",
        "review_frequency": "quarterly",
        "status": "open",
        "next_review_date": "9999-12-31",
    }
    message = "Enter a date from 2000-01-01 to 2099-12-31."
    _refused(client.post(reverse("risk:risk_create"), data), "next_review_date", message, "9999-12-31")
    assert not Risk.objects.exists()
    api = client.post(reverse("risk-list"), data, content_type="application/json")
    assert api.status_code == 400 and [e["attr"] for e in api.json()["errors"]] == ["next_review_date"]
    risk = make_risk(cast)
    patch = client.patch(
        reverse("risk-detail", args=[risk.pk]), {"next_review_date": "9999-12-31"}, content_type="application/json"
    )
    assert patch.status_code == 400 and "next_review_date" in str(patch.json())
