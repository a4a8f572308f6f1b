"""Writes of improvement initiatives and lessons learned: one path for every door (pages, admin, demo).

The initiative's workflow: idea -> approved (a program manager; an expected benefit is needed) ->
implemented -> benefit measured (the realized benefit is needed). An idea may instead be rejected,
with a reason. Each step records who did it; the audit log keeps the history of every change.
"""

from datetime import date
from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bpo.core.zones import today_in
from risk.querysets import risk_program_ids

from . import notices
from .choices import InitiativeStatus
from .models import ImprovementInitiative, Lesson

INITIATIVE_FIELDS = (
    "program",
    "contract",
    "title",
    "description",
    "owner",
    "benefit_unit",
    "expected_benefit",
)
LESSON_FIELDS = ("title", "body", "phase", "category", "tags", "program", "source")


def can_create(user) -> bool:
    """Administrators, and the managers or contributors of at least one program."""
    return risk_program_ids(user).exists()


def _save(obj, by, fields=None):
    obj.full_clean()
    with set_actor(by):
        obj.save(update_fields=fields) if fields else obj.save()
    return obj


def _check_program(program, by):
    if program is None or not risk_program_ids(by).filter(pk=program.pk).exists():
        raise ValidationError({"program": _("You cannot record this for that program.")})


def _check_contract(contract, program):
    if contract is not None and contract.program_id != program.pk:
        raise ValidationError({"contract": _("The contract must belong to the initiative's program.")})


@transaction.atomic
def initiative_create(*, by, **fields) -> ImprovementInitiative:
    """Records an idea for one of the programs the user may change."""
    data = {k: fields.get(k) for k in INITIATIVE_FIELDS if k in fields}
    _check_program(data.get("program"), by)
    _check_contract(data.get("contract"), data["program"])
    initiative = _save(ImprovementInitiative(proposed_by=by, status=InitiativeStatus.IDEA, **data), by)
    notices.initiative_proposed(initiative)
    return initiative


@transaction.atomic
def initiative_update(*, initiative: ImprovementInitiative, by, **fields) -> ImprovementInitiative:
    """Edits an open initiative; the expected benefit and its unit are fixed once it is approved (they are
    the promise the realized benefit is measured against). Sending the same value again is accepted."""
    initiative = ImprovementInitiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status in (InitiativeStatus.MEASURED, InitiativeStatus.REJECTED):
        raise ValidationError(_("A closed initiative cannot be changed."))
    program = fields.get("program", initiative.program)
    if program.pk != initiative.program_id:
        raise ValidationError({"program": _("An initiative stays in its program.")})
    for key in INITIATIVE_FIELDS:
        if key not in fields or key == "program":
            continue
        if key == "expected_benefit" and initiative.status != InitiativeStatus.IDEA:
            if fields[key] != initiative.expected_benefit:
                raise ValidationError({key: _("The expected benefit is fixed once the initiative is approved.")})
            continue
        if key == "benefit_unit" and initiative.status != InitiativeStatus.IDEA:
            if (fields[key] or "").strip() != (initiative.benefit_unit or "").strip():
                raise ValidationError({key: _("The benefit unit is fixed once the initiative is approved.")})
            continue
        setattr(initiative, key, fields[key])
    _check_contract(initiative.contract, initiative.program)
    return _save(initiative, by)


def _locked(initiative, expected_status):
    obj = ImprovementInitiative.objects.select_for_update().get(pk=initiative.pk)
    if obj.status != expected_status:
        raise ValidationError(
            _("This initiative is %(status)s; the step needs it %(needed)s.")
            % {"status": obj.get_status_display(), "needed": InitiativeStatus(expected_status).label}
        )
    return obj


def _decider(initiative, by):
    if not ImprovementInitiative.objects.decidable_by(by).filter(pk=initiative.pk).exists():
        raise PermissionDenied(_("Only a manager of the program approves or rejects an initiative."))


@transaction.atomic
def initiative_approve(*, initiative: ImprovementInitiative, by) -> ImprovementInitiative:
    """A program manager approves an idea; the expected benefit must be stated first (more than
    zero: the model's validator, checked by _save, says so when a stored value is not)."""
    _decider(initiative, by)
    obj = _locked(initiative, InitiativeStatus.IDEA)
    if obj.expected_benefit is None or not obj.benefit_unit:
        raise ValidationError(_("State the expected benefit and its unit before approving."))
    obj.status, obj.decided_by, obj.decided_at = InitiativeStatus.APPROVED, by, timezone.now()
    _save(obj, by, ["status", "decided_by", "decided_at"])
    notices.initiative_decided(obj)
    return obj


@transaction.atomic
def initiative_reject(*, initiative: ImprovementInitiative, by, reason: str) -> ImprovementInitiative:
    """A program manager turns an idea down, with the reason."""
    _decider(initiative, by)
    obj = _locked(initiative, InitiativeStatus.IDEA)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for rejecting.")})
    obj.status, obj.decided_by, obj.decided_at = InitiativeStatus.REJECTED, by, timezone.now()
    obj.rejection_reason = reason.strip()
    _save(obj, by, ["status", "decided_by", "decided_at", "rejection_reason"])
    notices.initiative_decided(obj)
    return obj


@transaction.atomic
def initiative_implement(*, initiative: ImprovementInitiative, by, implemented_on: date | None = None):
    """The approved change is in place (today unless a date is given; not in the future)."""
    obj = _locked(initiative, InitiativeStatus.APPROVED)
    today = today_in(initiative.program.time_zone)  # the program's today, not the server's
    when = implemented_on or today
    if when > today:
        raise ValidationError({"implemented_on": _("The date cannot be in the future.")})
    obj.status, obj.implemented_on = InitiativeStatus.IMPLEMENTED, when
    return _save(obj, by, ["status", "implemented_on"])


@transaction.atomic
def initiative_measure(
    *,
    initiative: ImprovementInitiative,
    by,
    realized_benefit: Decimal | None,
    note: str = "",
    measured_on: date | None = None,
) -> ImprovementInitiative:
    """Records the realized benefit (in the expected benefit's unit) and closes the initiative."""
    obj = _locked(initiative, InitiativeStatus.IMPLEMENTED)
    errors = {}
    if realized_benefit is None:
        errors["realized_benefit"] = _("Enter the realized benefit.")
    elif realized_benefit < 0:
        errors["realized_benefit"] = _("The realized benefit cannot be negative.")
    if not (note or "").strip():
        errors["note"] = _("Say how the benefit was measured.")
    when = measured_on or today_in(initiative.program.time_zone)
    if obj.implemented_on and when < obj.implemented_on:
        errors["measured_on"] = _("The benefit is measured after the implementation.")
    if errors:
        raise ValidationError(errors)
    obj.status, obj.realized_benefit, obj.measured_on = InitiativeStatus.MEASURED, realized_benefit, when
    obj.measurement_note = (note or "").strip()
    return _save(obj, by, ["status", "realized_benefit", "measured_on", "measurement_note"])


@transaction.atomic
def lesson_create(*, by, **fields) -> Lesson:
    """Records a lesson learned (a program is optional; when given, the user must work on it)."""
    data = {k: fields.get(k) for k in LESSON_FIELDS if k in fields}
    if not can_create(by):
        raise PermissionDenied
    if data.get("program") is not None:
        _check_program(data["program"], by)
    return _save(Lesson(created_by=by, **data), by)


@transaction.atomic
def lesson_update(*, lesson: Lesson, by, **fields) -> Lesson:
    """Edits a lesson; moving it to another program needs a program the user works on."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    program = fields.get("program", lesson.program)
    if program is not None and (lesson.program_id != program.pk):
        _check_program(program, by)
    for key in LESSON_FIELDS:
        if key in fields:
            setattr(lesson, key, fields[key])
    return _save(lesson, by)
