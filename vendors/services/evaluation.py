"""Evaluation: scoring sheets, requirement checks, shortlist, due diligence, and the award decision."""

import logging
import re
from datetime import timedelta
from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.i18n import interpolate
from bpo.core.numbers import decimal_comma_example, not_a_number
from bpo.core.services import notifications_done, notify
from strategy.choices import Phase
from strategy.models import Program
from strategy.services import gate_pass
from strategy.services.charter import is_sponsor_or_administrator

from ..choices import EventStatus
from ..models import (
    AwardDecision,
    DueDiligence,
    EvaluatorAssignment,
    PilotKpi,
    Proposal,
    RequirementCheck,
    Score,
    SourcingEvent,
)
from .sourcing import _editable_event, vendor_users

log = logging.getLogger(__name__)


def _open_proposal(proposal, by) -> Proposal:
    """The proposal as staff may reach it: only after the deadline (sealed before)."""
    if not Proposal.objects.visible_to(by).filter(pk=proposal.pk).exists():
        raise PermissionDenied
    return proposal


def _my_assignment(event, by) -> EvaluatorAssignment:
    # visible_to: an assignment counts only while its evaluator is a member of the event's program.
    assignment = EvaluatorAssignment.objects.visible_to(by).filter(event=event, user=by).first()
    if assignment is None:
        raise PermissionDenied
    if assignment.submitted_at:
        raise ValidationError(_("You have submitted your scores; they can no longer change."))
    event = assignment.event  # as stored now, not as the caller's copy read it
    if event.status == EventStatus.AWARDED:
        raise ValidationError(_("Scoring is closed: the award is decided."))
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("Scoring is closed: the event is cancelled."))
    if event.status != EventStatus.PUBLISHED or not event.is_unsealed:
        raise ValidationError(_("Scoring opens when the submission deadline has passed."))
    return assignment


# A score as typed: digits with at most one decimal place (the field's decimal_places), no exponent.
# A point is the only decimal separator (README, bpo.core.numbers): "7,5" is refused, not read as 7.5.
SCORE_TEXT = re.compile(r"^\s*\d+(?:\.\d*)?\s*$", re.ASCII)


def parse_score(score) -> Decimal:
    """The typed score as a Decimal, or a ValidationError saying what a score may be: Django's own
    "no more than 4 digits in total" (for 7.123456) named no rule a user knows, and "1e1" was read
    as 10. A decimal comma ("7,5") is told how to write it (bpo.core.numbers.not_a_number): it was
    read as 7.5 and saved while the sheet said "Some scores were not saved"."""
    if isinstance(score, Decimal | int):
        value = Decimal(score)
    elif isinstance(score, str) and SCORE_TEXT.match(score):
        value = Decimal(score.strip())
    elif isinstance(score, str) and decimal_comma_example(score):
        raise ValidationError({"score": not_a_number(score)})
    else:
        raise ValidationError({"score": _("Enter a score from 0 to 10, such as 7 or 7.5.")})
    if not value.is_finite() or value.as_tuple().exponent > 0 or not 0 <= value <= 10:
        raise ValidationError({"score": _("Enter a score from 0 to 10, such as 7 or 7.5.")})
    places = Score._meta.get_field("score").decimal_places
    if -value.as_tuple().exponent > places and value != value.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError({"score": _("Enter a score with at most 1 decimal place.")})
    return value.quantize(Decimal(1).scaleb(-places))


@transaction.atomic
def score_save(*, proposal: Proposal, criterion, by, score, comment: str | None = None) -> Score:
    """An assigned evaluator scores one proposal on one criterion (0-10) until they submit.
    `comment=None` (not sent: the score sheet has no comment field, an API call may leave it out)
    keeps the stored comment; "" clears it. The sheet's every save erased comments written
    through the API."""
    score = parse_score(score)
    proposal = _open_proposal(proposal, by)
    assignment = _my_assignment(proposal.event, by)
    if criterion.event_id != proposal.event_id:
        raise ValidationError(_("That criterion belongs to another event."))
    if criterion.is_price:
        raise ValidationError(_("The price criterion is computed from the prices, not scored."))
    item = Score.objects.filter(assignment=assignment, proposal=proposal, criterion=criterion).first()
    item = item or Score(assignment=assignment, proposal=proposal, criterion=criterion)
    item.score = score
    if comment is not None:
        item.comment = comment
    item.full_clean()
    with set_actor(by):
        item.save()
    return item


@transaction.atomic
def score_clear(*, proposal: Proposal, criterion, by) -> bool:
    """An assigned evaluator takes back a score before they submit (an emptied cell of the sheet):
    a missing score is left out of the mean (vendors.scoring). Returns whether one was deleted."""
    proposal = _open_proposal(proposal, by)
    assignment = _my_assignment(proposal.event, by)
    item = Score.objects.filter(assignment=assignment, proposal=proposal, criterion=criterion).first()
    if item is None:
        return False
    with set_actor(by):
        item.delete()
    return True


@transaction.atomic
def evaluator_submit(*, event: SourcingEvent, by) -> EvaluatorAssignment:
    """The evaluator submits their sheet: it is final, and they now see the others' scores."""
    assignment = _my_assignment(event, by)
    if not assignment.scores.exists():
        raise ValidationError(_("Score at least one proposal before you submit."))
    assignment.submitted_at = timezone.now()
    with set_actor(by):
        assignment.save(update_fields=["submitted_at"])
    return assignment


@transaction.atomic
def score_sheet_save(*, event: SourcingEvent, by, cells: dict, submit: bool = False) -> dict:
    """The score sheet posted at once. `cells` maps the caller's key of each cell to
    (proposal, criterion, typed text, comment or None): a typed score is saved, an emptied cell
    takes the saved score back. Returns the refused cells, {key: message}.

    Saving (submit=False) keeps every valid cell and returns the refused ones. Submitting
    (submit=True) saves what was typed and submits the sheet in one transaction, all or nothing:
    a refused cell raises ValidationError({key: [message]}) and nothing is saved or submitted. The
    sheet's "Submit my scores" was a form of its own: it submitted the stored scores and threw
    away what was typed, and the award went ahead on them (user test on the demo, 2026-11-28).
    The submission keeps evaluator_submit's rule (at least one score)."""
    # One sheet at a time: a save and a submit of the same sheet wait for each other.
    EvaluatorAssignment.objects.select_for_update().filter(event=event, user=by).first()
    _my_assignment(event, by)
    errors = {}
    for key, (proposal, criterion, typed, comment) in cells.items():
        try:
            if typed == "":
                score_clear(proposal=proposal, criterion=criterion, by=by)
            else:
                score_save(proposal=proposal, criterion=criterion, by=by, score=typed, comment=comment)
        except ValidationError as exc:
            errors[key] = " ".join(exc.messages)
    if submit:
        if errors:
            raise ValidationError({key: [message] for key, message in errors.items()})
        evaluator_submit(event=event, by=by)
    return errors


@transaction.atomic
def requirement_check_record(*, proposal: Proposal, requirement, by, passed: bool, note: str = "") -> RequirementCheck:
    """A manager records whether the proposal meets a mandatory requirement (a fail disqualifies)."""
    proposal = _open_proposal(proposal, by)
    _editable_event(proposal.event, by)
    if requirement.event_id != proposal.event_id:
        raise ValidationError(_("That requirement belongs to another event."))
    with set_actor(by):
        check, _created = RequirementCheck.objects.update_or_create(
            proposal=proposal, requirement=requirement, defaults={"passed": passed, "note": note, "checked_by": by}
        )
    return check


def is_disqualified(proposal) -> bool:
    return any(not c.passed for c in proposal.checks.all())


def outstanding_sheets(event) -> list:
    """The assigned evaluators whose score sheet is not submitted yet. DOMAIN: each assigned
    evaluator scores each proposal, so the award waits for every sheet. Only evaluators who are
    still active members of the program count: one removed from it can no longer score (nor see
    the event), and evaluators cannot be unassigned once the event is published, so the award
    would otherwise wait for them forever."""
    from bpo.accounts.models import ProgramMembership

    members = ProgramMembership.objects.filter(program_id=event.program_id, user__is_active=True)
    return [
        a.user
        for a in EvaluatorAssignment.objects.filter(event=event, submitted_at__isnull=True)
        .filter(user__in=members.values("user_id"))
        .select_related("user")
    ]


def _sheets_submitted(event):
    waiting = outstanding_sheets(event)
    if waiting:
        raise ValidationError(
            interpolate(
                _("The award waits for every score sheet: not yet submitted by %(names)s."),
                {"names": ", ".join(str(u) for u in waiting)},
            )
        )


@transaction.atomic
def proposal_shortlist(*, proposal: Proposal, by, shortlisted: bool = True) -> Proposal:
    proposal = _open_proposal(proposal, by)
    _editable_event(proposal.event, by)
    if shortlisted and is_disqualified(proposal):
        raise ValidationError(_("A disqualified proposal cannot be shortlisted."))
    proposal.shortlisted = shortlisted
    with set_actor(by):
        proposal.save(update_fields=["shortlisted"])
    return proposal


@transaction.atomic
def diligence_record(*, proposal: Proposal, by, kind, performed_on, findings, score, kpis=()) -> DueDiligence:
    """Due diligence on a shortlisted vendor; a pilot run carries its KPIs against targets."""
    proposal = _open_proposal(proposal, by)
    _editable_event(proposal.event, by)
    if not proposal.shortlisted:
        raise ValidationError(_("Shortlist the vendor before recording due diligence."))
    item = DueDiligence(
        proposal=proposal, kind=kind, performed_on=performed_on, findings=findings, score=score, recorded_by=by
    )
    item.full_clean()
    with set_actor(by):
        item.save()
        for kpi in kpis:
            PilotKpi.objects.create(diligence=item, **kpi)
    return item


@transaction.atomic
def award_propose(*, event: SourcingEvent, proposal: Proposal, by, rationale: str) -> AwardDecision:
    """A manager proposes the award: the chosen (qualified) proposal and the rationale."""
    event = _editable_event(event, by)
    proposal = _open_proposal(proposal, by)
    if event.status != EventStatus.PUBLISHED or not event.is_unsealed:
        raise ValidationError(_("An award is decided after the submission deadline of a published event."))
    if proposal.event_id != event.pk:
        raise ValidationError(_("That proposal belongs to another event."))
    if is_disqualified(proposal):
        raise ValidationError({"proposal": _("A disqualified proposal cannot be chosen.")})
    _sheets_submitted(event)
    if not rationale.strip():
        raise ValidationError({"rationale": _("Give the rationale for the choice.")})
    # As long as any recorded reason may be (2,000 characters, contracts.services.changes): the
    # rationale is shown on the event page and to the approver; 20,000 characters were taken.
    from contracts.services.changes import check_reason_length

    check_reason_length("rationale", rationale)
    existing = AwardDecision.objects.filter(event=event).first()
    if existing and existing.approved_at:
        raise ValidationError(_("The award is already approved."))
    with set_actor(by):
        award, _created = AwardDecision.objects.update_or_create(
            event=event, defaults={"proposal": proposal, "rationale": rationale.strip(), "decided_by": by}
        )
    approvers = [event.program.sponsor] if event.program.sponsor else []
    notify(
        recipients=approvers,
        event_key=f"award-proposed:{award.pk}:{proposal.pk}",
        title=interpolate(_("Award of %(event)s waits for your approval"), {"event": event.title}),
        url=event.get_absolute_url(),
    )
    return award


def can_approve_award(event, user) -> bool:
    """The program's sponsor or an administrator approves the award."""
    return is_sponsor_or_administrator(event.program, user)


def _create_draft_contract(award, by):
    """Creates the draft contract (an MSA with the chosen price as its value) through the contracts
    app's own service, in the same transaction as the approval."""
    from contracts.models import Contract
    from contracts.services import contract_create

    event, proposal = award.event, award.proposal
    program = event.program
    start = timezone.localdate()
    end = program.end_date if program.end_date and program.end_date > start else start + timedelta(days=3 * 365)
    # The manager who proposed the award creates it: the contracts app lets a program's managers
    # (and administrators) create its contracts, while the approver may be a sponsor who is neither.
    return contract_create(
        by=award.decided_by or by,
        program=program,
        vendor=proposal.vendor,
        number=f"{program.code}-{event.pk}-{proposal.vendor_id}",
        title=str(event.title)[:200],
        start_date=start,
        end_date=end,
        currency=program.currency,
        value=proposal.price,
        # The default notice period, shortened when the program ends sooner: notice falls after the start.
        notice_period_days=min(Contract._meta.get_field("notice_period_days").default, (end - start).days),
    )


@transaction.atomic
def award_approve(*, event: SourcingEvent, by) -> AwardDecision:
    """Approves the award: the event is awarded, the program passes the sourcing gate, the draft
    contract is created, and every invited vendor learns only its own result."""
    event = SourcingEvent.objects.select_for_update().get(pk=event.pk)
    if not SourcingEvent.objects.visible_to(by).filter(pk=event.pk).exists() or not can_approve_award(event, by):
        raise PermissionDenied
    award = AwardDecision.objects.select_for_update().filter(event=event).first()
    if award is None:
        raise ValidationError(_("No award has been proposed yet."))
    if award.approved_at:
        raise ValidationError(_("The award is already approved."))
    # What held when the award was proposed is checked again: a requirement may have failed since,
    # or the event been cancelled.
    if event.status != EventStatus.PUBLISHED or not event.is_unsealed:
        raise ValidationError(_("An award is decided after the submission deadline of a published event."))
    if is_disqualified(award.proposal):
        raise ValidationError(
            _("The chosen proposal is disqualified (a mandatory requirement failed): propose another award.")
        )
    _sheets_submitted(event)
    award.approved_by, award.approved_at = by, timezone.now()
    event.status = EventStatus.AWARDED
    with set_actor(by):
        event.save(update_fields=["status"])
        contract = _create_draft_contract(award, by)
        award.contract_id = contract.pk if contract is not None else None
        award.save(update_fields=["approved_by", "approved_at", "contract_id"])
    program = Program.objects.get(pk=event.program_id)
    if program.phase in (Phase.STRATEGY, Phase.SOURCING):
        if program.phase == Phase.STRATEGY:
            log.info("award of event %s approved while program %s is still in strategy", event.pk, program.code)
        else:
            gate_pass(program=program, by=by, automatic=True)
    notifications_done(event_key=f"award-proposed:{award.pk}")  # the sponsor's "waits for your approval"
    winner = award.proposal.vendor_id
    notify(
        recipients=vendor_users([winner]),
        event_key=f"sourcing-result:{event.pk}",
        title=interpolate(_("You have been selected for %(event)s"), {"event": event.title}),
        url=reverse("portal:sourcing_detail", args=[event.pk]),
    )
    others = event.invitations.exclude(vendor_id=winner).values_list("vendor_id", flat=True)
    notify(
        recipients=vendor_users(others),
        event_key=f"sourcing-result:{event.pk}",
        title=interpolate(_("%(event)s: your proposal was not selected"), {"event": event.title}),
        body=_("Thank you for taking part."),
        url=reverse("portal:sourcing_detail", args=[event.pk]),
    )
    return award
