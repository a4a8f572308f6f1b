"""Corrective actions."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.services import notify

from ..choices import ACTION_TRANSITIONS, ActionStatus
from ..models import (
    CorrectiveAction,
)
from ._common import ACTION_FIELDS, _apply, _check_same_program, _require_editable, _require_program

# --- corrective actions -----------------------------------------------------------------


def _check_owner(program, owner):
    """A vendor user may own a program's action only when their vendor is tied to the program."""
    from ..selectors import program_vendor_ids

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
