"""Incidents: timeline, plan activation checklist, post-incident review."""

import datetime

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import date_range_errors

from ..choices import IncidentStatus
from ..models import (
    ChecklistItem,
    ContingencyPlan,
    Incident,
    IncidentEvent,
)
from ._common import INCIDENT_FIELDS, _apply, _check_same_program, _require_editable, _require_program

# --- incidents --------------------------------------------------------------------------


@transaction.atomic
def incident_create(*, by, **data) -> Incident:
    _require_program(by, data.get("program"))
    incident = Incident(**{k: v for k, v in data.items() if k in INCIDENT_FIELDS})
    _check_same_program(incident.program, risk=incident.risk)
    if incident.status != IncidentStatus.OPEN and incident.resolved_at is None:
        incident.resolved_at = timezone.now()
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
    elif incident.status == IncidentStatus.OPEN and "status" in changed and "resolved_at" not in changed:
        incident.resolved_at = None  # reopened: being handled again
        changed.append("resolved_at")
    if changed:
        incident.full_clean()
        with set_actor(by):
            incident.save(update_fields=list(dict.fromkeys(changed)))
    return incident


@transaction.atomic
def incident_add_event(*, incident: Incident, by, entry: str, at=None) -> IncidentEvent:
    """A line of the timeline: at most EVENT_MAX_LENGTH characters, at a time between the incident's
    occurrence and now (empty: now)."""
    from ..models.incidents import EVENT_MAX_LENGTH

    _require_editable(Incident, incident, by)
    entry = entry.strip()
    errors = {}
    if not entry:
        errors["entry"] = _("Say what happened.")
    elif len(entry) > EVENT_MAX_LENGTH:
        errors["entry"] = _("Keep a timeline entry to %(max)s characters (this one has %(n)s).") % {
            "max": EVENT_MAX_LENGTH,
            "n": len(entry),
        }
    now = timezone.now()
    at = at or now
    if at > now:
        errors["at"] = _("A timeline entry cannot be in the future.")
    elif at < incident.occurred_at:
        errors["at"] = _("A timeline entry cannot be before the incident occurred.")
    if errors:
        raise ValidationError(errors)
    return IncidentEvent.objects.create(incident=incident, at=at, entry=entry, by=by)


@transaction.atomic
def incident_activate_plan(*, incident: Incident, plan: ContingencyPlan, by, at=None) -> list[ChecklistItem]:
    """Activates a contingency plan for the incident: each response step becomes a checklist
    item due at the activation time plus the step's time. A plan is activated once.

    The activation time (empty: now) is bounded like a timeline entry's: within
    FIRST_DATE..LAST_DATE, not in the future, not before the incident occurred (the plan responds
    to it); refused on the field `at` before anything is saved."""
    _require_editable(Incident, incident, by)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.plan_id:
        raise ValidationError(_("A contingency plan is already activated for this incident."))
    if plan.program_id != incident.program_id:
        raise ValidationError({"plan": _("Choose one of this program's records.")})
    steps = list(plan.steps.order_by("order"))
    if not steps:
        raise ValidationError({"plan": _("This plan has no response steps yet.")})
    now = timezone.now()
    at = at or now
    if errors := date_range_errors(at=at.date()):
        raise ValidationError(errors)
    if at > now:
        raise ValidationError({"at": _("A plan cannot be activated in the future.")})
    if at < incident.occurred_at:
        raise ValidationError({"at": _("A plan cannot be activated before the incident occurred.")})
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
    now = timezone.now()
    at = at or now
    # As a timeline entry's time: within FIRST_DATE..LAST_DATE, not in the future, not before the
    # plan was activated (the step's due time is counted from then).
    if errors := date_range_errors(done_at=at.date()):
        raise ValidationError(errors)
    if at > now:
        raise ValidationError({"done_at": _("A step cannot be done in the future.")})
    activated = Incident.objects.filter(pk=item.incident_id).values_list("plan_activated_at", flat=True).first()
    if activated is not None and at < activated:
        raise ValidationError({"done_at": _("A step cannot be done before its plan was activated.")})
    item.done_at, item.done_by = at, by
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
