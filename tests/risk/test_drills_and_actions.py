"""Drills are run with a result per objective; findings become corrective actions that are verified."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from risk import services
from risk.models import CorrectiveAction

from .test_register import make_risk


@pytest.fixture
def drill(cast):
    risk = make_risk(cast, vendor=cast.vendor_x)
    plan = services.plan_create(
        by=cast.manager, program=cast.program_a, risk=risk, title="Outage", scenario="s", triggers="t"
    )
    return services.drill_schedule(
        plan=plan,
        by=cast.manager,
        title="Failover",
        scheduled_for=timezone.localdate(),
        objectives=["Fail over in 30 min", "Inform the sponsor", " "],
    )


def run(drill, by, results, findings=()):
    return services.drill_record_run(
        drill=drill, by=by, run_on=timezone.localdate(), results=results, findings=list(findings)
    )


def test_every_objective_needs_a_result(cast, drill):
    first = drill.objectives.first()
    with pytest.raises(ValidationError):
        run(drill, cast.contributor, {first.pk: ("met", "")})


def test_run_records_results_participants_and_findings(cast, drill):
    a, b = drill.objectives.order_by("pk")
    run(
        drill,
        cast.contributor,
        {a.pk: ("met", ""), b.pk: ("not_met", "nobody called")},
        findings=["Call tree is out of date", ""],
    )
    drill.refresh_from_db()
    assert drill.status == "completed"
    assert sorted(drill.objectives.values_list("result", flat=True)) == ["met", "not_met"]
    assert list(drill.findings.values_list("description", flat=True)) == ["Call tree is out of date"]


def test_finding_becomes_one_corrective_action_linked_to_the_risk(cast, drill):
    a, b = drill.objectives.order_by("pk")
    run(drill, cast.contributor, {a.pk: ("met", ""), b.pk: ("partial", "")}, findings=["Headsets missing"])
    finding = drill.findings.get()
    action = services.finding_raise_action(
        finding=finding,
        by=cast.contributor,
        owner=cast.vendor_x_user,
        due_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert action.source == "drill_finding" and action.risk == drill.plan.risk
    assert action.vendor == cast.vendor_x and action.problem == "Headsets missing"
    with pytest.raises(ValidationError):
        services.finding_raise_action(
            finding=finding, by=cast.contributor, owner=cast.manager, due_date=timezone.localdate()
        )


def test_action_moves_open_to_verified_and_verification_needs_notes(cast, drill):
    a, b = drill.objectives.order_by("pk")
    run(drill, cast.manager, {a.pk: ("met", ""), b.pk: ("met", "")}, findings=["x"])
    action = services.finding_raise_action(
        finding=drill.findings.get(), by=cast.manager, owner=cast.contributor, due_date=timezone.localdate()
    )
    with pytest.raises(ValidationError):
        services.action_transition(action=action, to="verified", by=cast.manager)
    services.action_transition(action=action, to="in_progress", by=cast.contributor)
    services.action_transition(action=action, to="done", by=cast.contributor)
    with pytest.raises(ValidationError):
        services.action_transition(action=action, to="verified", by=cast.manager, verification_notes="")
    with pytest.raises(PermissionDenied):
        services.action_transition(action=action, to="verified", by=cast.viewer, verification_notes="ok")
    services.action_transition(action=action, to="verified", by=cast.manager, verification_notes="Re-drilled: fine")
    action = CorrectiveAction.objects.get(pk=action.pk)
    assert action.status == "verified" and action.verified_by == cast.manager and action.done_at


def test_cancelled_drill_cannot_be_run(cast, drill):
    services.drill_cancel(drill=drill, by=cast.manager)
    with pytest.raises(ValidationError):
        run(drill, cast.manager, {})


def test_drill_needs_an_objective(cast, drill):
    with pytest.raises(ValidationError):
        services.drill_schedule(
            plan=drill.plan, by=cast.manager, title="x", scheduled_for=timezone.localdate(), objectives=["  "]
        )


def test_only_users_of_a_vendor_tied_to_the_program_own_its_actions(cast, drill):
    a, b = drill.objectives.order_by("pk")
    run(drill, cast.manager, {a.pk: ("met", ""), b.pk: ("met", "")}, findings=["x"])
    with pytest.raises(ValidationError) as exc:
        services.finding_raise_action(
            finding=drill.findings.get(), by=cast.manager, owner=cast.vendor_y_admin, due_date=timezone.localdate()
        )
    assert "owner" in exc.value.message_dict
