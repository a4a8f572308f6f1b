"""Contingency plans and drills."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import schedule_errors

from ..choices import ActionSource, DrillStatus
from ..models import (
    ContingencyPlan,
    CorrectiveAction,
    Drill,
    DrillFinding,
    DrillObjective,
    ResponseStep,
)
from ._common import PLAN_FIELDS, _apply, _check_same_program, _require_editable, _require_program, program_today
from .actions import _action_create

# --- contingency plans ------------------------------------------------------------------


@transaction.atomic
def plan_create(*, by, **data) -> ContingencyPlan:
    _require_program(by, data.get("program"))
    plan = ContingencyPlan(**{k: v for k, v in data.items() if k in PLAN_FIELDS})
    _check_same_program(plan.program, risk=plan.risk, contract=plan.contract)
    plan.full_clean()
    with set_actor(by):
        plan.save()
    return plan


@transaction.atomic
def plan_update(*, plan: ContingencyPlan, by, **data) -> ContingencyPlan:
    _require_editable(ContingencyPlan, plan, by)
    plan = ContingencyPlan.objects.select_for_update().get(pk=plan.pk)
    if "program" in data and data["program"] != plan.program:
        _require_program(by, data["program"])
    changed = _apply(plan, data, PLAN_FIELDS)
    _check_same_program(plan.program, risk=plan.risk, contract=plan.contract)
    if changed:
        plan.full_clean()
        with set_actor(by):
            plan.save(update_fields=[*changed, "updated_at"])
    return plan


@transaction.atomic
def plan_set_steps(*, plan: ContingencyPlan, by, steps: list[dict]) -> list[ResponseStep]:
    """Replaces the plan's response steps with `steps` (dicts of who, action, within_minutes), numbered in order."""
    _require_editable(ContingencyPlan, plan, by)
    with set_actor(by):
        plan.steps.all().delete()
        created = []
        for number, step in enumerate(steps, start=1):
            obj = ResponseStep(
                plan=plan, order=number, who=step["who"], action=step["action"], within_minutes=step["within_minutes"]
            )
            obj.full_clean()
            obj.save()
            created.append(obj)
    return created


# --- drills -----------------------------------------------------------------------------


@transaction.atomic
def drill_schedule(*, plan: ContingencyPlan, by, title: str, scheduled_for, objectives: list[str]) -> Drill:
    """Schedules an exercise of a plan with its objectives."""
    _require_editable(ContingencyPlan, plan, by)
    objectives = [o.strip() for o in objectives if o.strip()]
    errors = {}
    if not objectives:
        errors["objectives"] = _("Give the drill at least one objective.")
    # From the start of the plan's contract (its program's, without one) to LAST_DATE.
    if plan.contract_id:
        errors.update(schedule_errors(plan.contract.start_date, of="contract", scheduled_for=scheduled_for))
    else:
        errors.update(schedule_errors(plan.program.start_date, scheduled_for=scheduled_for))
    if errors:
        raise ValidationError(errors)
    with set_actor(by):
        drill = Drill(plan=plan, title=title, scheduled_for=scheduled_for)
        drill.full_clean()
        drill.save()
        DrillObjective.objects.bulk_create([DrillObjective(drill=drill, description=o[:300]) for o in objectives])
    return drill


@transaction.atomic
def drill_record_run(
    *,
    drill: Drill,
    by,
    run_on,
    results: dict,
    participants=(),
    other_participants: str = "",
    summary: str = "",
    findings: list[str] = (),
) -> Drill:
    """Records that the drill ran: the result (and notes) per objective, who took part and the findings.

    `results` maps objective id -> (result, notes). Every objective needs a result.
    """
    _require_editable(Drill, drill, by)
    drill = Drill.objects.select_for_update().get(pk=drill.pk)
    if drill.status == DrillStatus.CANCELLED:
        raise ValidationError(_("A cancelled drill cannot be run."))
    program = drill.plan.program
    if run_on > program_today(program):
        raise ValidationError({"run_on": _("A drill cannot be recorded before it has run.")})
    if program.start_date and run_on < program.start_date:
        raise ValidationError(
            {
                "run_on": _("A drill cannot have run before the program started (%(day)s).")
                % {"day": program.start_date.isoformat()}
            }
        )
    objectives = list(drill.objectives.all())
    missing = [o for o in objectives if not (results.get(o.pk) or ("", ""))[0]]
    if missing:
        raise ValidationError(_("Record a result for every objective."))
    _check_participants(drill, participants)
    with set_actor(by):
        for objective in objectives:
            objective.result, objective.notes = results[objective.pk]
            objective.full_clean()
        DrillObjective.objects.bulk_update(objectives, ["result", "notes"])
        drill.status = DrillStatus.COMPLETED
        drill.run_on = run_on
        drill.other_participants = other_participants
        drill.summary = summary
        drill.save(update_fields=["status", "run_on", "other_participants", "summary"])
        drill.participants.set(participants)
        for text in findings:
            if text.strip():
                DrillFinding.objects.create(drill=drill, description=text.strip())
    return drill


def _check_participants(drill: Drill, participants) -> None:
    """Participants newly recorded may see the drill's program (its staff, `selectors.program_staff`):
    a member of another program only would otherwise be named on a record they cannot open."""
    from ..selectors import program_staff

    new = {getattr(p, "pk", p) for p in participants} - set(drill.participants.values_list("pk", flat=True))
    allowed = set(program_staff([drill.plan.program_id]).filter(pk__in=new).values_list("pk", flat=True))
    if new - allowed:
        raise ValidationError({"participants": _("Choose people who may see this drill's program.")})


@transaction.atomic
def drill_cancel(*, drill: Drill, by) -> Drill:
    _require_editable(Drill, drill, by)
    if drill.status != DrillStatus.SCHEDULED:
        raise ValidationError(_("Only a scheduled drill can be cancelled."))
    drill.status = DrillStatus.CANCELLED
    with set_actor(by):
        drill.save(update_fields=["status"])
    return drill


@transaction.atomic
def finding_raise_action(*, finding: DrillFinding, by, owner, due_date, title: str = "", **data) -> CorrectiveAction:
    """Turns a drill finding into a corrective action (at most one per finding)."""
    _require_editable(DrillFinding, finding, by)
    if CorrectiveAction.objects.filter(drill_finding=finding).exists():
        raise ValidationError(_("This finding already has a corrective action."))
    plan = finding.drill.plan
    return _action_create(
        by=by,
        program=plan.program,
        source=ActionSource.DRILL_FINDING,
        risk=plan.risk,
        drill_finding=finding,
        title=title or finding.description[:200],
        problem=data.pop("problem", "") or finding.description,
        owner=owner,
        due_date=due_date,
        **data,
    )
