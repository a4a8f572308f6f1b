"""Risk records on the cast's program A (risk shared with vendor X), built once per cast."""

import datetime

from django.utils import timezone

from risk import services
from risk.choices import ActionSource
from risk.models import Risk


def tie_vendor(program, vendor):
    from .test_register import tie_vendor as tie

    return tie(program, vendor)


def risk_world(cast):
    """A risk (assessed, shared with vendor X) with an indicator, a plan with steps, a run drill
    with a finding, an incident with the plan activated, and corrective actions (one for vendor X)."""
    world = getattr(cast, "_risk_world", None)
    if world is not None:
        return world
    by = cast.manager
    today = timezone.localdate()
    # Vendor X holds a contract in program A: a risk may be about it and its users may own actions.
    tie_vendor(cast.program_a, cast.vendor_x)
    risk = services.risk_create(
        by=by,
        program=cast.program_a,
        vendor=cast.vendor_x,
        title="Agent attrition",
        category="operational",
        event="Agents leave faster than they can be hired",
        shared_with_vendor=True,
    )
    review = services.risk_assess(
        risk=risk, by=by, inherent_likelihood=4, inherent_impact=4, residual_likelihood=3, residual_impact=3
    )
    kri = services.kri_create(
        risk=risk, by=by, name="Monthly attrition", unit="%", warning_threshold=5, limit_threshold=8
    )
    plan = services.plan_create(
        by=by, program=cast.program_a, risk=risk, title="Site outage", scenario="Main site down", triggers="No power"
    )
    services.plan_set_steps(
        plan=plan,
        by=by,
        steps=[
            {"who": "Vendor ops lead", "action": "Move calls to backup site", "within_minutes": 30},
            {"who": "Program manager", "action": "Inform the sponsor", "within_minutes": 60},
        ],
    )
    drill = services.drill_schedule(
        plan=plan, by=by, title="Failover drill", scheduled_for=today, objectives=["Calls flow within 30 min"]
    )
    objective = drill.objectives.get()
    services.drill_record_run(
        drill=drill,
        by=by,
        run_on=today,
        results={objective.pk: ("partial", "took 45 min")},
        findings=["Backup site headsets missing"],
    )
    finding = drill.findings.get()
    incident = services.incident_create(
        by=by,
        program=cast.program_a,
        risk=risk,
        title="Power cut",
        description="Site A lost power",
        severity="sev2",
        occurred_at=timezone.now(),
    )
    items = services.incident_activate_plan(incident=incident, plan=plan, by=by)
    vendor_action = services.action_create(
        by=by,
        program=cast.program_a,
        source=ActionSource.RISK_REVIEW,
        risk=risk,
        title="Hire a retention lead",
        problem="Attrition above limit",
        owner=cast.vendor_x_user,
        due_date=today + datetime.timedelta(days=30),
    )
    staff_action = services.finding_raise_action(
        finding=finding, by=by, owner=cast.contributor, due_date=today + datetime.timedelta(days=14)
    )
    world = {
        "risk": Risk.objects.get(pk=risk.pk),
        "review": review,
        "kri": kri,
        "plan": plan,
        "drill": drill,
        "finding": finding,
        "incident": incident,
        "item": items[0],
        "vendor_action": vendor_action,
        "staff_action": staff_action,
    }
    cast._risk_world = world
    return world


def pk_of(key):
    return lambda c: {"pk": risk_world(c)[key].pk}
