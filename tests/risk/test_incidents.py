"""Incidents: the activated plan's steps become a checklist due at activation + each step's time."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from risk import services

from .test_register import make_risk

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def plan(cast):
    plan = services.plan_create(by=cast.manager, program=cast.program_a, title="Site down", scenario="s", triggers="t")
    services.plan_set_steps(
        plan=plan,
        by=cast.manager,
        steps=[
            {"who": "Vendor", "action": "Fail over", "within_minutes": 30},
            {"who": "PM", "action": "Tell the sponsor", "within_minutes": 120},
        ],
    )
    return plan


@pytest.fixture
def incident(cast):
    return services.incident_create(
        by=cast.contributor,
        program=cast.program_a,
        risk=make_risk(cast),
        title="Power cut",
        description="d",
        severity="sev1",
        occurred_at=T0,
    )


def test_checklist_items_are_due_at_activation_plus_step_time(cast, plan, incident):
    at = T0 + datetime.timedelta(minutes=10)
    items = services.incident_activate_plan(incident=incident, plan=plan, by=cast.contributor, at=at)
    assert [(i.order, i.who, i.due_at) for i in items] == [
        (1, "Vendor", at + datetime.timedelta(minutes=30)),
        (2, "PM", at + datetime.timedelta(minutes=120)),
    ]
    incident.refresh_from_db()
    assert incident.plan == plan and incident.plan_activated_at == at


def test_ticking_a_step_records_who_and_when_and_lateness(cast, plan, incident):
    at = T0
    first, second = services.incident_activate_plan(incident=incident, plan=plan, by=cast.manager, at=at)
    services.checklist_item_complete(item=first, by=cast.contributor, at=at + datetime.timedelta(minutes=20))
    services.checklist_item_complete(item=second, by=cast.manager, at=at + datetime.timedelta(minutes=150))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.done_by == cast.contributor and not first.late
    assert second.late
    with pytest.raises(ValidationError):
        services.checklist_item_complete(item=first, by=cast.manager)
    timeline = [e.entry for e in incident.events.order_by("at", "pk")]
    assert timeline[0] == "Incident recorded."
    assert "Contingency plan activated" in timeline[1]
    assert timeline[2].startswith("Step 1 done")


def test_a_plan_is_activated_once_and_only_from_the_same_program(cast, plan, incident):
    other = services.plan_create(by=cast.outsider, program=cast.program_b, title="B", scenario="s", triggers="t")
    with pytest.raises(ValidationError):
        services.incident_activate_plan(incident=incident, plan=other, by=cast.manager)
    services.incident_activate_plan(incident=incident, plan=plan, by=cast.manager)
    with pytest.raises(ValidationError):
        services.incident_activate_plan(incident=incident, plan=plan, by=cast.manager)


def test_post_incident_review_closes_with_lessons_learned(cast, incident):
    with pytest.raises(ValidationError):
        services.incident_record_review(
            incident=incident, by=cast.manager, review_summary="x", root_cause="y", lessons_learned=" "
        )
    services.incident_record_review(
        incident=incident,
        by=cast.manager,
        review_summary="Grid failure",
        root_cause="No UPS",
        lessons_learned="Test the UPS monthly",
    )
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.reviewed_by == cast.manager and incident.resolved_at


def test_steps_are_renumbered_in_order(cast, plan):
    services.plan_set_steps(plan=plan, by=cast.manager, steps=[{"who": "A", "action": "a", "within_minutes": 5}])
    assert [(s.order, s.who) for s in plan.steps.all()] == [(1, "A")]


def test_reviewed_incidents_feed_searchable_lessons_learned(cast, incident):
    from risk.selectors import incident_lessons

    services.incident_record_review(
        incident=incident,
        by=cast.manager,
        review_summary="s",
        root_cause="No UPS at the site",
        lessons_learned="Test the UPS monthly",
    )
    assert list(incident_lessons(cast.viewer, q="ups")) == [incident]
    assert list(incident_lessons(cast.viewer, q="flood")) == []
    assert list(incident_lessons(cast.outsider)) == []
