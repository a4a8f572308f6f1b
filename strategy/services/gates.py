"""The lifecycle gates: what each gate needs, and passing it (met, or overridden with a reason)."""

from auditlog.context import set_actor
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH, dispute_reason_too_long

from ..choices import PHASE_ORDER, ApprovalStatus, Phase
from ..models import PhaseGate, Program

SIGNED_STATUSES = ("signed", "active", "expired", "terminated", "renewed")


def _model(app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def with_gate_readiness(programs):
    """The programs with what the gates ask of the other apps read as Exists() in their own query
    (an approved award, a signed contract, unassessed risks, mandatory transition items and the
    open ones), so that `gate_checklist` needs no query of its own for them. Each subquery is the
    rule the checklist would run (`unassessed_risks`, `open_mandatory_items`) for that program."""
    annotations = {}
    outer = OuterRef("pk")
    AwardDecision = _model("vendors", "AwardDecision")
    if AwardDecision is not None:
        annotations["gate_award_decided"] = Exists(
            AwardDecision.objects.filter(event__program=outer, approved_at__isnull=False)
        )
    Contract = _model("contracts", "Contract")
    if Contract is not None:
        annotations["gate_contract_signed"] = Exists(Contract.objects.filter(program=outer, status__in=SIGNED_STATUSES))
    from delivery.models import TransitionItem
    from delivery.plan_services import open_mandatory_items
    from risk.selectors import unassessed_risks

    annotations["gate_risks_waiting"] = Exists(unassessed_risks(outer))
    annotations["gate_transition_mandatory"] = Exists(TransitionItem.objects.filter(program=outer, mandatory=True))
    annotations["gate_transition_open"] = Exists(open_mandatory_items(outer))
    return programs.annotate(**annotations)


def _read(program, flag):
    """The flag `with_gate_readiness` put on the program, or None when it was read without it."""
    return getattr(program, flag, None)


def _award_decided(program) -> bool:
    known = _read(program, "gate_award_decided")
    if known is not None:
        return known
    AwardDecision = _model("vendors", "AwardDecision")
    if AwardDecision is None:
        return False
    return AwardDecision.objects.filter(event__program=program, approved_at__isnull=False).exists()


def _contract_signed(program):
    """True/False from the contracts app, or None while that app has no contracts yet."""
    known = _read(program, "gate_contract_signed")
    if known is not None:
        return known
    Contract = _model("contracts", "Contract")
    if Contract is None:
        return None
    return Contract.objects.filter(program=program, status__in=SIGNED_STATUSES).exists()


def _transition_ready(program) -> dict:
    """The transition checklist of the delivery app is the transition gate: met when the
    program has mandatory items and every one is done. The label names the open ones (the
    first five), so the gate says what go-live still waits for."""
    from delivery.plan_services import open_mandatory_items

    has_mandatory = _read(program, "gate_transition_mandatory")
    if has_mandatory is None:
        has_mandatory = program.transition_items.filter(mandatory=True).exists()
    if not has_mandatory:
        return {"label": _("Add the go-live items to the transition checklist (at least one mandatory)"), "met": False}
    if _read(program, "gate_transition_open") is False:
        waiting = []
    else:
        waiting = list(open_mandatory_items(program).values_list("title", flat=True)[:6])
    if not waiting:
        return {"label": _("Every mandatory transition item is done"), "met": True}
    names = "; ".join(waiting[:5]) + ("; …" if len(waiting) > 5 else "")
    return {"label": _("Finish the mandatory transition items: %(items)s") % {"items": names}, "met": False}


def _risks_assessed_item(program) -> dict:
    """The strategy includes a risk assessment: every open risk of the program is scored.
    The label names the risks still waiting (the first five), so the gate says what to do."""
    from risk.selectors import unassessed_risks

    if _read(program, "gate_risks_waiting") is False:
        waiting = []
    else:
        waiting = list(unassessed_risks(program).order_by("pk").values_list("title", flat=True)[:6])
    if not waiting:
        return {"label": _("Every open risk is assessed"), "met": True}
    names = "; ".join(waiting[:5]) + ("; …" if len(waiting) > 5 else "")
    return {"label": _("Assess the open risks: %(risks)s") % {"risks": names}, "met": False}


def _checklist(program, phase) -> list[dict]:
    from .charter import budget_is_approved

    if phase == Phase.STRATEGY:
        objectives = list(program.objectives.all())
        return [
            {"label": _("Charter approved"), "met": program.status == ApprovalStatus.APPROVED},
            {
                "label": _("Every objective is specific and measurable"),
                "met": bool(objectives) and all(not o.smart_gaps() for o in objectives),
            },
            {"label": _("Budget approved by finance"), "met": budget_is_approved(program)},
            _risks_assessed_item(program),
        ]
    if phase == Phase.SOURCING:
        return [{"label": _("Award decided and approved"), "met": _award_decided(program)}]
    if phase == Phase.CONTRACTING:
        signed = _contract_signed(program)
        return [{"label": _("Contract signed after legal and financial review"), "met": bool(signed)}]
    if phase == Phase.TRANSITION:
        return [_transition_ready(program)]
    return []


def gate_checklist(program: Program) -> list[dict]:
    """Every gate of the lifecycle, in order: its checklist, whether it is met, and if it was passed."""
    passed = {g.phase: g for g in program.gates.select_related("passed_by").order_by("passed_at")}
    current = PHASE_ORDER.index(program.phase)
    out = []
    for index, phase in enumerate(PHASE_ORDER[:-1]):
        items = _checklist(program, phase)
        out.append(
            {
                "phase": phase,
                "label": Phase(phase).label,
                "next_label": Phase(PHASE_ORDER[index + 1]).label,
                "items": items,
                "missing": [i["label"] for i in items if not i["met"]],
                "met": all(i["met"] for i in items),
                "passed": passed.get(phase),
                "is_current": index == current,
            }
        )
    return out


@transaction.atomic
def gate_pass(*, program: Program, by, override_reason: str = "", automatic: bool = False) -> PhaseGate:
    """Passes the gate of the program's current phase and moves it to the next phase.

    Only when the checklist is met, or when a manager overrides it with a recorded reason.
    `automatic` is for services that met the checklist themselves (the award decision).
    """
    if not automatic and not Program.objects.editable_by(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    program = Program.objects.select_for_update().get(pk=program.pk)
    index = PHASE_ORDER.index(program.phase)
    if index == len(PHASE_ORDER) - 1:
        raise ValidationError(_("The program is in its last phase; there is no gate to pass."))
    items = _checklist(program, program.phase)
    missing = [str(i["label"]) for i in items if not i["met"]]
    reason = override_reason.strip()
    if len(reason) > DISPUTE_REASON_MAX_LENGTH:  # as long as any other recorded reason may be
        raise ValidationError({"override_reason": dispute_reason_too_long(len(reason))})
    if missing and not reason:
        raise ValidationError(
            {
                "override_reason": _("The gate still lacks: %(missing)s. Give a reason to override it.")
                % {"missing": "; ".join(missing)}
            }
        )
    with set_actor(by):
        gate, _created = PhaseGate.objects.update_or_create(
            program=program,
            phase=program.phase,
            defaults={"passed_by": by, "passed_at": timezone.now(), "override_reason": reason if missing else ""},
        )
        program.phase = PHASE_ORDER[index + 1]
        program.save(update_fields=["phase", "updated_at"])
    return gate
