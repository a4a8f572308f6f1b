"""Corrective actions (CAPA): raised by staff from any source, proposed automatically from a
breach or a failed audit (once), worked on by their owner (a vendor in the portal), verified by staff."""

import datetime

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bpo.core.history import log_created
from bpo.core.i18n import interpolate
from bpo.core.services import Event, notify, notify_many
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH

from ..choices import ACTION_NOT_ASSIGNED, ACTION_TRANSITIONS, ACTION_WORKING, ActionSource, ActionStatus
from ..models import (
    CorrectiveAction,
)
from ..models.actions import GENERATED_PROBLEMS, lazy_problem, lazy_title
from ._common import (
    ACTION_FIELDS,
    _apply,
    _check_same_program,
    _program_managers,
    _require_editable,
    _require_program,
)

# A proposal's suggested due date: staff change it when they open the action.
PROPOSAL_DUE_DAYS = 30
# A progress note (vendor) or verification notes (staff): echoed in notifications and on the
# action's pages, as long as any recorded reason may be.
NOTE_MAX_LENGTH = DISPUTE_REASON_MAX_LENGTH


def _bounded_note(text, field):
    """The note stripped, its line breaks as one character each (as a browser counts them, and as
    bpo/core/text_fields.py reads a form's text); refused next to `field` when too long."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                field: _("At most %(max)s characters; this note has %(length)s.")
                % {"max": NOTE_MAX_LENGTH, "length": len(text)}
            }
        )
    return text


# --- corrective actions -----------------------------------------------------------------


def _check_owner(program, owner, contract=None):
    """The owner is staff who may see the program, or a user of the vendor of the action's contract
    (without a contract: of a vendor with a contract in the program). Another vendor's user would
    see this program's records in their portal. `selectors.action_owners` lists the same people."""
    from ..selectors import may_see_program, program_vendor_ids

    if owner is None:
        return
    if not owner.is_vendor_user:
        if not may_see_program(owner, program):
            raise ValidationError({"owner": _("Choose a member of this program's staff or a user of its vendor.")})
    elif contract is not None:
        if owner.vendor_id != contract.vendor_id:
            raise ValidationError(
                {
                    "owner": _("Choose program staff or a user of %(vendor)s, the vendor of contract %(contract)s.")
                    % {"vendor": contract.vendor, "contract": contract.number}
                }
            )
    elif owner.vendor_id not in program_vendor_ids(program):
        raise ValidationError({"owner": _("This user's vendor has no contract in the program.")})


def _portal_url(action) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("portal:capa_detail", args=[action.pk])
    except NoReverseMatch:  # the portal's quality pages are not mounted
        return "/portal/"


def _notify_assigned(action):
    owner = action.owner
    if owner is None:
        return
    notify(
        recipients=[owner],
        event_key=f"capa:{action.pk}:assigned:{owner.pk}",
        title=interpolate(_("Corrective action assigned to you: %(title)s"), {"title": lazy_title(action)}),
        url=_portal_url(action) if owner.is_vendor_user else action.get_absolute_url(),
    )


def _action_create(*, by, program, source, owner, **data) -> CorrectiveAction:
    _check_owner(program, owner, data.get("contract"))
    action = CorrectiveAction(program=program, source=source, owner=owner, **data)
    action.vendor_id = owner.vendor_id if owner and owner.is_vendor_user else None
    action.full_clean()
    with set_actor(by):
        action.save()
    _notify_assigned(action)
    return action


def _check_quality_links(program, *, contract=None, audit=None, quality_review=None):
    if contract is not None and contract.program_id != program.pk:
        raise ValidationError({"contract": _("Choose one of this program's records.")})
    if audit is not None and audit.standard.program_id != program.pk:
        raise ValidationError({"audit": _("Choose one of this program's records.")})
    _check_same_program(program, quality_review=quality_review)


@transaction.atomic
def action_create(
    *, by, program, source, risk=None, incident=None, contract=None, audit=None, quality_review=None, **data
) -> CorrectiveAction:
    """Raises a corrective action from a risk review, an incident, a quality review, an audit or a complaint."""
    _require_program(by, program)
    _check_same_program(program, risk=risk, incident=incident)
    _check_quality_links(program, contract=contract, audit=audit, quality_review=quality_review)
    fields = {k: v for k, v in data.items() if k in ACTION_FIELDS}
    if incident is not None and risk is None:
        risk = incident.risk
    if contract is None:
        contract = (audit.contract if audit else None) or (quality_review.contract if quality_review else None)
    if (
        source == ActionSource.AUDIT
        and audit is not None
        and CorrectiveAction.objects.filter(source=ActionSource.AUDIT, audit=audit).exists()
    ):
        raise ValidationError(_("This audit already has its corrective action."))
    return _action_create(
        by=by,
        program=program,
        source=source,
        risk=risk,
        incident=incident,
        contract=contract,
        audit=audit,
        quality_review=quality_review,
        **fields,
    )


def _proposal_defaults(program) -> dict:
    return {
        "program": program,
        "status": ActionStatus.PROPOSED,
        "due_date": timezone.localdate() + datetime.timedelta(days=PROPOSAL_DUE_DAYS),
    }


def _notify_proposed(actions, program) -> None:
    """After commit, the program's managers hear of each new proposal (one batch of notifications)."""
    managers = _program_managers(program)
    events = [
        Event(
            f"capa:{action.pk}:proposed",
            interpolate(_("Corrective action proposed: %(title)s"), {"title": lazy_title(action)}),
            lazy_problem(action),
            action.get_absolute_url(),
        )
        for action in actions
    ]
    transaction.on_commit(lambda: notify_many(recipients=managers, events=events))


def _propose(*, lookup: dict, defaults: dict, program) -> tuple[CorrectiveAction, bool]:
    """get_or_create on the conditional unique key: a second call, or a second worker at once, finds the first."""
    action, created = CorrectiveAction.objects.get_or_create(
        **lookup, defaults={**defaults, **_proposal_defaults(program)}
    )
    if created:
        _notify_proposed([action], program)
    return action, created


def _breach_fields(result) -> dict:
    """The proposal of a BREACH result: its contract, title and problem (stored in the site's
    language, and as their figures: the pages word them in the reader's language)."""
    period = result.period
    contract = period.contract
    sl = result.service_level
    problem_values = {
        "kind": "breach",
        "code": sl.code,
        "name": sl.name,
        "value": str(result.value),
        "expected": str(result.expected),
        "minimum": str(result.minimum),
        "period": period.label,
        "contract": contract.number,
    }
    with translation.override(settings.LANGUAGE_CODE):
        title = str(_("Breach of %(code)s in %(period)s") % {"code": sl.code, "period": period.label})
        problem = str(GENERATED_PROBLEMS["breach"] % problem_values)
    return {
        "contract": contract,
        "title": title[:200],  # the site's language: what searches and sorting read
        "title_values": {"kind": "breach", "code": sl.code, "period": period.label},
        "problem": problem,
        "problem_values": problem_values,
    }


@transaction.atomic
def action_propose_for_breach(*, result) -> tuple[CorrectiveAction, bool]:
    """A BREACH result proposes one corrective action (source "breach"), never a second one:
    re-evaluating, finalizing again after a reopening, or two workers at once find the first."""
    return _propose(
        lookup={"source": ActionSource.BREACH, "result": result},
        defaults=_breach_fields(result),
        program=result.period.contract.program,
    )


@transaction.atomic
def actions_propose_for_breaches(*, results) -> int:
    """`action_propose_for_breach` for many BREACH results at once (the engine finalizing periods),
    set-based: one query for the actions already proposed, one insert of the new ones with their
    audit-log entries, and one batch of notifications per program. Results need their service
    level and period's contract and program loaded. Returns how many actions are new.

    When another worker proposes some of them meanwhile (the unique key refuses the insert), each
    is proposed on its own instead, which finds the other worker's action."""
    results = list(results)
    if not results:
        return 0
    have = set(
        CorrectiveAction.objects.filter(source=ActionSource.BREACH, result__in=[r.pk for r in results]).values_list(
            "result_id", flat=True
        )
    )
    new = [r for r in results if r.pk not in have]
    if not new:
        return 0
    actions = [
        CorrectiveAction(
            source=ActionSource.BREACH,
            result=r,
            **_breach_fields(r),
            **_proposal_defaults(r.period.contract.program),
        )
        for r in new
    ]
    try:
        with transaction.atomic():
            CorrectiveAction.objects.bulk_create(actions)
    except IntegrityError:
        return sum(action_propose_for_breach(result=r)[1] for r in new)
    log_created(actions)
    by_program = {}
    for action in actions:
        by_program.setdefault(action.program_id, (action.program, []))[1].append(action)
    for program, batch in by_program.values():
        _notify_proposed(batch, program)
    return len(actions)


@transaction.atomic
def action_propose_for_audit(*, audit) -> tuple[CorrectiveAction, bool]:
    """A failed audit proposes one corrective action (source "audit"), never a second one."""
    problem_values = {
        "kind": "audit",
        "rate": str(audit.defect_rate.normalize()),
        "level": str(audit.acceptance_level.normalize()),
        "defects": audit.defects,
        "sample": audit.sample_size,
        "start": audit.period_start.isoformat(),
        "end": audit.period_end.isoformat(),
        "findings": audit.findings,  # the auditor's own words, after the generated sentence
    }
    with translation.override(settings.LANGUAGE_CODE):
        title = str(
            _("Failed audit %(ref)s: %(process)s") % {"ref": audit.reference, "process": audit.standard.process}
        )
        problem = str(GENERATED_PROBLEMS["audit"] % problem_values)
        if audit.findings:
            problem = f"{problem}\n{audit.findings}"
    return _propose(
        lookup={"source": ActionSource.AUDIT, "audit": audit},
        defaults={
            "contract": audit.contract,
            "title": title[:200],
            "title_values": {"kind": "audit", "ref": audit.reference, "process": audit.standard.process},
            "problem": problem,
            "problem_values": problem_values,
        },
        program=audit.standard.program,
    )


def _same_text(sent, *shown) -> bool:
    """A textarea sends its lines back with \r\n: the text as shown, unchanged."""
    return sent is not None and sent.replace("\r\n", "\n").strip() in {t.strip() for t in shown}


@transaction.atomic
def action_update(*, action: CorrectiveAction, by, **data) -> CorrectiveAction:
    _require_editable(CorrectiveAction, action, by)
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    if action.title_values and data.get("title") in (action.title, action.display_title):
        data.pop("title")  # the generated title sent back as the form showed it: not an edit
    if action.problem_values and _same_text(data.get("problem"), action.problem, action.display_problem):
        data.pop("problem")
    changed = _apply(action, data, ACTION_FIELDS)
    if "title" in changed and action.title_values:
        action.title_values = {}  # typed by a user: kept as typed, in every language
        changed.append("title_values")
    if "problem" in changed and action.problem_values:
        action.problem_values = {}
        changed.append("problem_values")
    if "owner" in changed:
        _check_owner(action.program, action.owner, action.contract)
        action.vendor_id = action.owner.vendor_id if action.owner and action.owner.is_vendor_user else None
        changed.append("vendor")
    if changed:
        action.full_clean()
        with set_actor(by):
            action.save(update_fields=[*changed, "updated_at"])
        if "owner" in changed and action.status not in ACTION_NOT_ASSIGNED:
            _notify_assigned(action)
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
    verification_notes = _bounded_note(verification_notes, "verification_notes")
    if to == ActionStatus.OPEN and action.owner_id is None:
        raise ValidationError({"owner": _("Name an owner (edit the action) before opening it.")})
    if to == ActionStatus.DISMISSED:
        if not verification_notes.strip():
            raise ValidationError({"verification_notes": _("Say why no action is needed.")})
        action.verification_notes = verification_notes
        fields.append("verification_notes")
    if to == ActionStatus.DONE:
        action.done_at = now
        fields.append("done_at")
    if to == ActionStatus.VERIFIED:
        if not verification_notes.strip():
            raise ValidationError({"verification_notes": _("Say how the action was verified to work.")})
        action.verified_at, action.verified_by, action.verification_notes = now, by, verification_notes
        fields += ["verified_at", "verified_by", "verification_notes"]
    opening = action.status == ActionStatus.PROPOSED and to == ActionStatus.OPEN
    action.status = to
    with set_actor(by):
        action.save(update_fields=fields)
    if opening:
        _notify_assigned(action)
    return action


@transaction.atomic
def action_vendor_progress(*, action: CorrectiveAction, by, note: str = "", ready: bool = False) -> CorrectiveAction:
    """A user of the vendor the action is assigned to reports progress in the portal; `ready`
    marks it done, ready for staff to verify its effectiveness (only staff verify and close)."""
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    if not (by.is_vendor_user and action.vendor_id and by.vendor_id == action.vendor_id):
        raise PermissionDenied
    if action.status in ACTION_NOT_ASSIGNED:
        raise PermissionDenied
    if action.status not in ACTION_WORKING:
        raise ValidationError(_("This corrective action is no longer open for updates."))
    note = _bounded_note(note, "progress_note")
    if not note and ready:
        # The action goes to staff to verify: they need to read what was done.
        raise ValidationError({"progress_note": _("Write what has been done before marking the action ready.")})
    if not note:
        raise ValidationError({"progress_note": _("Write what has been done.")})
    now = timezone.now()
    fields = ["status", "updated_at"]
    if note:
        action.progress_note, action.progress_at = note, now
        fields += ["progress_note", "progress_at"]
    action.status = ActionStatus.DONE if ready else ActionStatus.IN_PROGRESS
    if ready:
        action.done_at = now
        fields.append("done_at")
    with set_actor(by):
        action.save(update_fields=fields)
    if ready:
        url = action.get_absolute_url()
        managers = _program_managers(action.program)
        transaction.on_commit(
            lambda: notify(
                recipients=managers,
                event_key=f"capa:{action.pk}:ready:{int(now.timestamp())}",
                title=interpolate(
                    _("Ready for verification: %(ref)s %(title)s"),
                    {"ref": action.reference, "title": lazy_title(action)},
                ),
                body=action.progress_note,
                url=url,
            )
        )
    return action
