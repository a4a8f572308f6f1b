"""Writes to the risk records. Every door (page, API, task) comes through here.

Each change checks that `by` may make it (the queryset's `editable_by`), validates, records
the actor for the audit log, and notifies only through `bpo.core.services.notify`, whose
event keys make every reminder and alert fire once.
"""

import datetime

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.services import notify

from .choices import ACTION_TRANSITIONS, REVIEW_MONTHS, ActionSource, ActionStatus, DrillStatus, IncidentStatus
from .models import (
    ChecklistItem,
    ContingencyPlan,
    CorrectiveAction,
    Drill,
    DrillFinding,
    DrillObjective,
    Incident,
    IncidentEvent,
    KeyRiskIndicator,
    KriReading,
    ResponseStep,
    Risk,
    RiskReview,
)
from .querysets import risk_program_ids
from .scoring import risk_level, risk_score

RISK_FIELDS = (
    "program",
    "contract",
    "vendor",
    "title",
    "category",
    "cause",
    "event",
    "effect",
    "controls",
    "owner",
    "treatment",
    "treatment_plan",
    "review_frequency",
    "next_review_date",
    "status",
    "shared_with_vendor",
)
PLAN_FIELDS = (
    "program",
    "contract",
    "risk",
    "vendor",
    "title",
    "scenario",
    "triggers",
    "backup_vendor",
    "resources",
    "communication_tree",
    "recovery_time_hours",
    "recovery_point_hours",
    "recovery_targets",
    "exit_plan",
    "owner",
)
INCIDENT_FIELDS = (
    "program",
    "risk",
    "vendor",
    "title",
    "description",
    "severity",
    "status",
    "occurred_at",
    "resolved_at",
)
ACTION_FIELDS = ("title", "problem", "root_cause", "action_plan", "owner", "due_date")


# --- access helpers ---------------------------------------------------------------------


def can_create_in_any_program(user) -> bool:
    """Administrators, and managers or contributors of at least one program."""
    return risk_program_ids(user).exists()


def _require_program(by, program):
    if program is None or not risk_program_ids(by).filter(pk=program.pk).exists():
        raise PermissionDenied


def _require_editable(model, obj, by):
    if not model.objects.editable_by(by).filter(pk=obj.pk).exists():
        raise PermissionDenied


def _apply(obj, data, fields) -> list[str]:
    changed = []
    for field, value in data.items():
        if field in fields and getattr(obj, field) != value:
            setattr(obj, field, value)
            changed.append(field)
    return changed


def _check_same_program(program, **related):
    """A linked risk or plan must belong to the same program."""
    for name, obj in related.items():
        if obj is not None and obj.program_id != program.pk:
            raise ValidationError({name: _("Choose one of this program's records.")})


def _program_managers(program):
    from bpo.accounts.choices import ProgramRole

    return [m.user for m in program.memberships.filter(role=ProgramRole.MANAGER).select_related("user")]


# --- the register -----------------------------------------------------------------------


@transaction.atomic
def risk_create(*, by, **data) -> Risk:
    """Adds a risk to a program's register, unassessed until its first review."""
    _require_program(by, data.get("program"))
    risk = Risk(**{k: v for k, v in data.items() if k in RISK_FIELDS})
    if risk.owner_id is None:
        risk.owner = by
    if risk.contract_id and not risk.vendor_id:
        risk.vendor_id = risk.contract.vendor_id
    risk.full_clean()
    with set_actor(by):
        risk.save()
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, by, **data) -> Risk:
    """Changes a risk's description, owner or treatment; scores change only through `risk_assess`."""
    _require_editable(Risk, risk, by)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if "program" in data and data["program"] != risk.program:
        _require_program(by, data["program"])
    changed = _apply(risk, data, RISK_FIELDS)
    if "contract" in changed and risk.contract_id and not risk.vendor_id:
        risk.vendor_id = risk.contract.vendor_id
        changed.append("vendor")
    if changed:
        risk.full_clean()
        with set_actor(by):
            risk.save(update_fields=[*changed, "updated_at"])
    return risk


def next_review_after(day: datetime.date, frequency: str) -> datetime.date:
    return day + relativedelta(months=REVIEW_MONTHS[frequency])


@transaction.atomic
def risk_assess(
    *,
    risk: Risk,
    by,
    inherent_likelihood: int,
    inherent_impact: int,
    residual_likelihood: int,
    residual_impact: int,
    notes: str = "",
    next_review_date: datetime.date | None = None,
) -> RiskReview:
    """Scores a risk (inherent and residual) and keeps the assessment in its history.

    The residual score cannot exceed the inherent one: controls do not make a risk worse.
    The next review defaults to today plus the risk's review frequency.
    """
    _require_editable(Risk, risk, by)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    inherent = risk_score(inherent_likelihood, inherent_impact)
    residual = risk_score(residual_likelihood, residual_impact)
    if residual > inherent:
        raise ValidationError(
            {
                "residual_impact": _("The residual score (%(r)s) cannot exceed the inherent score (%(i)s).")
                % {
                    "r": residual,
                    "i": inherent,
                }
            }
        )
    now = timezone.now()
    today = timezone.localdate(now)
    if next_review_date is None:
        next_review_date = next_review_after(today, risk.review_frequency)
    elif next_review_date < today:
        raise ValidationError({"next_review_date": _("The next review cannot be in the past.")})
    risk.inherent_likelihood, risk.inherent_impact = inherent_likelihood, inherent_impact
    risk.residual_likelihood, risk.residual_impact = residual_likelihood, residual_impact
    risk.assessed_at = now
    risk.next_review_date = next_review_date
    risk.review_reason = ""
    with set_actor(by):
        risk.save(
            update_fields=[
                "inherent_likelihood",
                "inherent_impact",
                "residual_likelihood",
                "residual_impact",
                "assessed_at",
                "next_review_date",
                "review_reason",
                "updated_at",
            ]
        )
        return RiskReview.objects.create(
            risk=risk,
            reviewed_at=now,
            reviewed_by=by,
            inherent_likelihood=inherent_likelihood,
            inherent_impact=inherent_impact,
            inherent_score=inherent,
            inherent_level=risk_level(inherent),
            residual_likelihood=residual_likelihood,
            residual_impact=residual_impact,
            residual_score=residual,
            residual_level=risk_level(residual),
            notes=notes,
            next_review_date=next_review_date,
        )


# --- key risk indicators ----------------------------------------------------------------


@transaction.atomic
def kri_create(*, risk: Risk, by, **data) -> KeyRiskIndicator:
    _require_editable(Risk, risk, by)
    fields = ("name", "unit", "direction", "service_level", "warning_threshold", "limit_threshold")
    kri = KeyRiskIndicator(risk=risk, **{k: v for k, v in data.items() if k in fields})
    kri.full_clean()
    with set_actor(by):
        kri.save()
    return kri


@transaction.atomic
def kri_record_reading(*, indicator: KeyRiskIndicator, period: datetime.date, value, by=None) -> KriReading:
    """Records (or corrects) the indicator's value for a period.

    A breach flags the risk for review — its next review becomes today, with the reason and
    a suggested likelihood one step higher — and notifies the risk owner. Both happen once
    per breach (indicator and period): re-entering the same period never fires again.
    `by=None` is a system feed (the service-level engine, later); a person must be an editor.
    """
    if by is not None:
        _require_editable(KeyRiskIndicator, indicator, by)
    return _upsert_reading(indicator=indicator, period=period, value=value, status=indicator.status_of(value), by=by)


def _upsert_reading(*, indicator, period, value, status, by=None, source_result=None) -> KriReading:
    """One reading per indicator and period; the first breach of that period flags the risk (once)."""
    reading, _created = KriReading.objects.select_for_update().get_or_create(
        indicator=indicator, period=period, defaults={"value": value, "recorded_by": by, "status": status}
    )
    reading.value, reading.recorded_by, reading.status = value, by, status
    if source_result is not None:
        reading.source_result = source_result
    fire = status == "breach" and reading.flagged_at is None
    if fire:
        reading.flagged_at = timezone.now()
    reading.save()
    if fire:
        _flag_risk_for_review(indicator=indicator, reading=reading)
    return reading


# The service-level engine's result states, as an indicator status.
RESULT_STATUS = {"breach": "breach", "minor": "warning", "met": "ok"}


@transaction.atomic
def service_level_result_recorded(*, result) -> list[KriReading]:
    """Feeds one service-level result (performance.Result) to the indicators linked to its
    service level: a BREACH flags each linked risk for review and notifies its owner, once per
    breach (indicator and period), however often the result is re-evaluated. Results with
    insufficient data are ignored. The performance engine may call this after evaluating; the
    scheduled `kri_sync_service_level_breaches` catches up on any it did not."""
    status = RESULT_STATUS.get(result.state)
    if status is None:
        return []
    indicators = KeyRiskIndicator.objects.filter(service_level_id=result.service_level_id, risk__status="open")
    return [
        _upsert_reading(
            indicator=kri, period=result.period.start, value=result.value, status=status, source_result=result
        )
        for kri in indicators.select_related("risk")
    ]


def kri_sync_service_level_breaches() -> int:
    """Finds BREACH results of linked service levels that have not flagged their indicator yet
    and feeds them through `service_level_result_recorded`. Idempotent; returns how many fired."""
    from performance.models import Result

    linked = KeyRiskIndicator.objects.filter(service_level__isnull=False, risk__status="open")
    flagged = set(
        KriReading.objects.filter(indicator__in=linked, flagged_at__isnull=False).values_list(
            "indicator__service_level_id", "period"
        )
    )
    before = KriReading.objects.filter(flagged_at__isnull=False).count()
    breaches = Result.objects.filter(state="breach", service_level__in=linked.values("service_level")).select_related(
        "period"
    )
    for result in breaches:
        if (result.service_level_id, result.period.start) in flagged:
            continue
        service_level_result_recorded(result=result)
    return KriReading.objects.filter(flagged_at__isnull=False).count() - before


def _breach_key(reading) -> str:
    return f"kri:{reading.indicator_id}:breach:{reading.period.isoformat()}"


def _flag_risk_for_review(*, indicator, reading):
    risk = Risk.objects.select_for_update().get(pk=indicator.risk_id)
    today = timezone.localdate()
    current = risk.residual_likelihood or risk.inherent_likelihood
    suggested = min(5, (current or 0) + 1) if current else None
    reason = _("%(kri)s breached for %(period)s (%(value)s).") % {
        "kri": indicator.name,
        "period": reading.period.isoformat(),
        "value": reading.value.normalize() if reading.value is not None else "—",
    }
    if suggested:
        reason = f"{reason} " + _("Suggested likelihood: %(n)s.") % {"n": suggested}
    risk.review_reason = str(reason)[:300]
    if risk.next_review_date is None or risk.next_review_date > today:
        risk.next_review_date = today
    risk.save(update_fields=["review_reason", "next_review_date", "updated_at"])
    recipients = [risk.owner] if risk.owner_id else _program_managers(risk.program)
    notify(
        recipients=recipients,
        event_key=_breach_key(reading),
        title=_("Indicator breach: %(kri)s on %(risk)s") % {"kri": indicator.name, "risk": risk.reference},
        body=reason,
        url=risk.get_absolute_url(),
    )


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
    if not objectives:
        raise ValidationError({"objectives": _("Give the drill at least one objective.")})
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
    if run_on > timezone.localdate():
        raise ValidationError({"run_on": _("A drill cannot be recorded before it has run.")})
    objectives = list(drill.objectives.all())
    missing = [o for o in objectives if not (results.get(o.pk) or ("", ""))[0]]
    if missing:
        raise ValidationError(_("Record a result for every objective."))
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


# --- incidents --------------------------------------------------------------------------


@transaction.atomic
def incident_create(*, by, **data) -> Incident:
    _require_program(by, data.get("program"))
    incident = Incident(**{k: v for k, v in data.items() if k in INCIDENT_FIELDS})
    _check_same_program(incident.program, risk=incident.risk)
    incident.full_clean()
    with set_actor(by):
        incident.save()
        IncidentEvent.objects.create(
            incident=incident, at=incident.occurred_at, entry=str(_("Incident recorded.")), by=by
        )
    return incident


@transaction.atomic
def incident_update(*, incident: Incident, by, **data) -> Incident:
    _require_editable(Incident, incident, by)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if "program" in data and data["program"] != incident.program:
        _require_program(by, data["program"])
    changed = _apply(incident, data, INCIDENT_FIELDS)
    _check_same_program(incident.program, risk=incident.risk)
    if incident.status != IncidentStatus.OPEN and incident.resolved_at is None:
        incident.resolved_at = timezone.now()
        changed.append("resolved_at")
    if changed:
        incident.full_clean()
        with set_actor(by):
            incident.save(update_fields=list(dict.fromkeys(changed)))
    return incident


@transaction.atomic
def incident_add_event(*, incident: Incident, by, entry: str, at=None) -> IncidentEvent:
    _require_editable(Incident, incident, by)
    if not entry.strip():
        raise ValidationError({"entry": _("Say what happened.")})
    return IncidentEvent.objects.create(incident=incident, at=at or timezone.now(), entry=entry.strip(), by=by)


@transaction.atomic
def incident_activate_plan(*, incident: Incident, plan: ContingencyPlan, by, at=None) -> list[ChecklistItem]:
    """Activates a contingency plan for the incident: each response step becomes a checklist
    item due at the activation time plus the step's time. A plan is activated once."""
    _require_editable(Incident, incident, by)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.plan_id:
        raise ValidationError(_("A contingency plan is already activated for this incident."))
    if plan.program_id != incident.program_id:
        raise ValidationError({"plan": _("Choose one of this program's records.")})
    steps = list(plan.steps.order_by("order"))
    if not steps:
        raise ValidationError({"plan": _("This plan has no response steps yet.")})
    at = at or timezone.now()
    incident.plan, incident.plan_activated_at = plan, at
    with set_actor(by):
        incident.save(update_fields=["plan", "plan_activated_at"])
        items = ChecklistItem.objects.bulk_create(
            [
                ChecklistItem(
                    incident=incident,
                    step=s,
                    order=s.order,
                    who=s.who,
                    action=s.action,
                    due_at=at + datetime.timedelta(minutes=s.within_minutes),
                )
                for s in steps
            ]
        )
        IncidentEvent.objects.create(
            incident=incident, at=at, entry=str(_("Contingency plan activated: %(plan)s") % {"plan": plan.title}), by=by
        )
    return items


@transaction.atomic
def checklist_item_complete(*, item: ChecklistItem, by, at=None) -> ChecklistItem:
    """Ticks a checklist item off with who and when (once)."""
    _require_editable(ChecklistItem, item, by)
    item = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    if item.done_at:
        raise ValidationError(_("This step is already done."))
    item.done_at, item.done_by = at or timezone.now(), by
    item.save(update_fields=["done_at", "done_by"])
    IncidentEvent.objects.create(
        incident_id=item.incident_id,
        at=item.done_at,
        entry=str(_("Step %(n)s done: %(what)s") % {"n": item.order, "what": item.action[:200]}),
        by=by,
    )
    return item


@transaction.atomic
def incident_record_review(*, incident: Incident, by, review_summary: str, root_cause: str, lessons_learned: str):
    """The post-incident review: closes the incident and keeps its lessons learned."""
    _require_editable(Incident, incident, by)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if not lessons_learned.strip():
        raise ValidationError({"lessons_learned": _("Write down what the program learned.")})
    now = timezone.now()
    incident.review_summary, incident.root_cause, incident.lessons_learned = review_summary, root_cause, lessons_learned
    incident.reviewed_at, incident.reviewed_by, incident.status = now, by, IncidentStatus.CLOSED
    if incident.resolved_at is None:
        incident.resolved_at = now
    with set_actor(by):
        incident.save(
            update_fields=[
                "review_summary",
                "root_cause",
                "lessons_learned",
                "reviewed_at",
                "reviewed_by",
                "status",
                "resolved_at",
            ]
        )
    return incident


# --- corrective actions -----------------------------------------------------------------


def _check_owner(program, owner):
    """A vendor user may own a program's action only when their vendor is tied to the program."""
    from .selectors import program_vendor_ids

    if owner is not None and owner.is_vendor_user and owner.vendor_id not in program_vendor_ids(program):
        raise ValidationError({"owner": _("This vendor has no contract, risk or plan in the program.")})


def _action_create(*, by, program, source, owner, **data) -> CorrectiveAction:
    _check_owner(program, owner)
    action = CorrectiveAction(program=program, source=source, owner=owner, **data)
    action.vendor_id = owner.vendor_id if owner and owner.is_vendor_user else None
    action.full_clean()
    with set_actor(by):
        action.save()
    notify(
        recipients=[owner],
        event_key=f"capa:{action.pk}:assigned",
        title=_("Corrective action assigned to you: %(title)s") % {"title": action.title},
        url="/portal/" if owner.is_vendor_user else action.get_absolute_url(),
    )
    return action


@transaction.atomic
def action_create(*, by, program, source, risk=None, incident=None, **data) -> CorrectiveAction:
    """Raises a corrective action from a risk review or an incident."""
    _require_program(by, program)
    _check_same_program(program, risk=risk, incident=incident)
    fields = {k: v for k, v in data.items() if k in ACTION_FIELDS}
    if incident is not None and risk is None:
        risk = incident.risk
    return _action_create(by=by, program=program, source=source, risk=risk, incident=incident, **fields)


@transaction.atomic
def action_update(*, action: CorrectiveAction, by, **data) -> CorrectiveAction:
    _require_editable(CorrectiveAction, action, by)
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    changed = _apply(action, data, ACTION_FIELDS)
    if "owner" in changed:
        _check_owner(action.program, action.owner)
        action.vendor_id = action.owner.vendor_id if action.owner.is_vendor_user else None
        changed.append("vendor")
    if changed:
        action.full_clean()
        with set_actor(by):
            action.save(update_fields=[*changed, "updated_at"])
    return action


@transaction.atomic
def action_transition(*, action: CorrectiveAction, to: str, by, verification_notes: str = "") -> CorrectiveAction:
    """Moves a corrective action along open -> in progress -> done -> verified.

    Verification of effectiveness is a staff step with notes; a done action may be sent
    back to in progress when it did not work.
    """
    _require_editable(CorrectiveAction, action, by)
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    if to not in ACTION_TRANSITIONS[ActionStatus(action.status)]:
        raise ValidationError(
            _("A corrective action cannot go from %(a)s to %(b)s.")
            % {"a": action.get_status_display(), "b": ActionStatus(to).label}
        )
    fields = ["status", "updated_at"]
    now = timezone.now()
    if to == ActionStatus.DONE:
        action.done_at = now
        fields.append("done_at")
    if to == ActionStatus.VERIFIED:
        if not verification_notes.strip():
            raise ValidationError({"verification_notes": _("Say how the action was verified to work.")})
        action.verified_at, action.verified_by, action.verification_notes = now, by, verification_notes
        fields += ["verified_at", "verified_by", "verification_notes"]
    action.status = to
    with set_actor(by):
        action.save(update_fields=fields)
    return action


# --- reminders (called by the scheduled jobs) -------------------------------------------

REMIND_DAYS_AHEAD = 7


def risk_remind_reviews(*, today: datetime.date) -> int:
    """Tells each open risk's owner (or the program managers) that its review is due within
    a week or overdue. The key holds the due date: once per risk and due date."""
    sent = 0
    horizon = today + datetime.timedelta(days=REMIND_DAYS_AHEAD)
    risks = Risk.objects.open().filter(next_review_date__lte=horizon).select_related("owner", "program")
    for risk in risks:
        recipients = [risk.owner] if risk.owner_id else _program_managers(risk.program)
        overdue = risk.next_review_date < today
        sent += len(
            notify(
                recipients=recipients,
                event_key=f"risk:{risk.pk}:review-due:{risk.next_review_date.isoformat()}",
                title=(_("Risk review overdue: %(risk)s") if overdue else _("Risk review due: %(risk)s"))
                % {"risk": risk},
                body=_("Review due on %(date)s.") % {"date": risk.next_review_date.isoformat()},
                url=risk.get_absolute_url(),
            )
        )
    return sent


def drill_remind_due(*, today: datetime.date) -> int:
    """Reminds the plan owner of a drill due within a week or overdue, once per drill and date."""
    sent = 0
    horizon = today + datetime.timedelta(days=REMIND_DAYS_AHEAD)
    drills = Drill.objects.filter(status=DrillStatus.SCHEDULED, scheduled_for__lte=horizon).select_related(
        "plan__owner", "plan__program"
    )
    for drill in drills:
        plan = drill.plan
        recipients = [plan.owner] if plan.owner_id else _program_managers(plan.program)
        sent += len(
            notify(
                recipients=recipients,
                event_key=f"drill:{drill.pk}:due:{drill.scheduled_for.isoformat()}",
                title=(_("Drill overdue: %(drill)s") if drill.scheduled_for < today else _("Drill due: %(drill)s"))
                % {"drill": drill.title},
                body=_("Scheduled for %(date)s.") % {"date": drill.scheduled_for.isoformat()},
                url=drill.get_absolute_url(),
            )
        )
    return sent


def action_remind_overdue(*, today: datetime.date) -> int:
    """Reminds owners of corrective actions past their due date, once per action and due date."""
    sent = 0
    actions = CorrectiveAction.objects.filter(
        status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS], due_date__lt=today
    ).select_related("owner")
    for action in actions:
        sent += len(
            notify(
                recipients=[action.owner],
                event_key=f"capa:{action.pk}:overdue:{action.due_date.isoformat()}",
                title=_("Corrective action overdue: %(title)s") % {"title": action.title},
                body=_("It was due on %(date)s.") % {"date": action.due_date.isoformat()},
                url="/portal/" if action.owner.is_vendor_user else action.get_absolute_url(),
            )
        )
    return sent
