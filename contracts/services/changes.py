"""Change requests (-> amendments that version the terms) and disputes with escalation."""

import json
import logging
from datetime import date, timedelta

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import check_date_range, date_range_errors
from bpo.core.services import notify
from bpo.core.zones import due_before_today_q, today_in
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH, dispute_reason_too_long

from ..choices import TAKES_CHANGES, TERMS_LOCKED, ChangeStatus, DisputeLevel, DisputeStatus
from ..models import ChangeRequest, Contract, ContractVersion, Dispute, DisputeEscalation
from .change_terms import (  # noqa: F401 (parse_proposed_terms: the services' name for it)
    check_amended_terms,
    currency_refusal,
    parse_proposed_terms,
    parsed_or_empty,
    stored_terms,
)
from .contracts import interpolate, program_managers, record_version, terms_snapshot

log = logging.getLogger(__name__)
# change_request_assess: the effective date left as it is (None clears it).
KEEP = object()

# Days allowed at each escalation level before the dispute moves up automatically.
DISPUTE_LEVEL_DAYS = {
    DisputeLevel.OPERATIONAL: 10,
    DisputeLevel.MANAGEMENT: 10,
    DisputeLevel.EXECUTIVE: 20,
    DisputeLevel.MEDIATION: 60,
}


def check_reason_length(field: str, text: str) -> None:
    """A reason recorded on a change or a dispute (a decision's comments, a withdrawal's or an
    escalation's reason, a resolution) is as long as any recorded reason may be: they are shown on
    the pages and in notifications (a rejection of 100,000 characters was taken)."""
    if len((text or "").strip()) > DISPUTE_REASON_MAX_LENGTH:
        raise ValidationError({field: dispute_reason_too_long(len(text.strip()))})


def _may_raise(contract, by) -> bool:
    """The vendor of the contract (in the portal) and its program's managers and contributors."""
    if by.is_vendor_user:
        return Contract.objects.visible_to(by).filter(pk=contract.pk).exists()
    return Contract.objects.operable_by(by).filter(pk=contract.pk).exists()


def check_proposed_dates(contract: Contract, parsed: dict) -> None:
    """The requested dates, with the contract's dates they leave unchanged, must stay in order
    (checked when the change is raised, not only when it is approved)."""
    if not {"start_date", "end_date"} & parsed.keys():
        return
    start = parsed.get("start_date", contract.start_date)
    end = parsed.get("end_date", contract.end_date)
    out_of_range = date_range_errors(**{k: v for k, v in parsed.items() if k in ("start_date", "end_date")})
    if out_of_range:
        raise ValidationError(
            {
                "proposed_terms": [
                    f"{Contract._meta.get_field(key).verbose_name}: {message}" for key, message in out_of_range.items()
                ]
            }
        )
    if start and end and end < start:
        raise ValidationError(
            {
                "proposed_terms": _("The requested end date (%(end)s) is before the contract's start date (%(start)s).")
                % {"end": end.isoformat(), "start": start.isoformat()}
            }
        )


def check_effective_date(contract: Contract, day: date | None, parsed: dict | None = None, today=None) -> None:
    """An amendment's effective date: not before the contract's start (a change of the start date:
    before it, see check_start_date_change), nor before the first day of
    the current month in the program's time zone (a closed month is never rewritten: its invoices and
    service credits stand), nor inside or before a service-level period already finalized (a week of
    this month: its credits stand too), nor, for a fee change, on or before the first day of a month
    whose fee is already invoiced (that invoice stands; a month's fee is the one of its first day),
    nor before the day the contract's latest version is in force
    from (versions take effect in their order, so a later one never hides an earlier one's change),
    nor after the contract's end. That end is the earlier of the contract's and the one the change
    requests: an amendment extending the term takes effect while the contract is still in force (on a
    later day the end-of-term job would have expired or renewed it first). Raised next to the field."""
    if day is None:
        return
    check_date_range(effective_date=day)
    today = today or today_in(contract.program.time_zone)
    first_open = today.replace(day=1)
    requested_end = (parsed or {}).get("end_date")
    end = min(contract.end_date, requested_end) if requested_end else contract.end_date
    moves_start = "start_date" in (parsed or {})
    message = None
    if moves_start and day >= contract.start_date:
        # The engine counts periods (and the vendor invoices months) from the start as it stands: a new
        # start takes effect before the contract starts, or periods of the old start would stay.
        message = _(
            "The effective date (%(date)s) is not before the contract starts (%(start)s): a change of "
            "the start date takes effect before it."
        ) % {"date": day.isoformat(), "start": contract.start_date.isoformat()}
    elif not moves_start and day < contract.start_date:
        message = _("The effective date (%(date)s) is before the contract starts (%(start)s).") % {
            "date": day.isoformat(),
            "start": contract.start_date.isoformat(),
        }
    elif day < first_open:
        message = _(
            "The effective date (%(date)s) is in a closed month: an amendment takes effect on %(first)s "
            "(the first day of the current month in the program's time zone) or later."
        ) % {"date": day.isoformat(), "first": first_open.isoformat()}
    elif (finalized := _last_finalized_period(contract)) is not None and day < finalized.end:
        message = _(
            "The effective date (%(date)s) falls in or before the service-level period %(period)s, already "
            "finalized (its service credits stand): an amendment takes effect on %(first)s or later."
        ) % {"date": day.isoformat(), "period": finalized.label, "first": finalized.end.isoformat()}
    elif "monthly_fee" in (parsed or {}) and (invoice := _fee_invoiced_from(contract, day)) is not None:
        following = date(invoice.period.year + invoice.period.month // 12, invoice.period.month % 12 + 1, 1)
        message = _(
            "The monthly fee of %(month)s is already on invoice %(number)s (%(status)s), which stands: a new "
            "fee takes effect on %(first)s or later (a month's fee is the one in force on its first day)."
        ) % {
            "month": f"{invoice.period:%Y-%m}",
            "number": invoice.number,
            "status": invoice.get_status_display(),
            "first": following.isoformat(),
        }
    elif not moves_start and (latest := _latest_version(contract)) is not None and day < latest.effective_from:
        message = _(
            "The effective date (%(date)s) is before version v%(version)s of the terms, in force from "
            "%(first)s: an amendment takes effect on that day or later."
        ) % {"date": day.isoformat(), "version": latest.number, "first": latest.effective_from.isoformat()}
    elif day > end:
        message = _("The effective date (%(date)s) is after the contract ends (%(end)s).") % {
            "date": day.isoformat(),
            "end": end.isoformat(),
        }
    if message:
        raise ValidationError({"effective_date": message})


def _last_finalized_period(contract):
    """The contract's finalized service-level period that ends last (any kind), or None."""
    from performance.choices import PeriodStatus
    from performance.models import Period

    return (
        Period.objects.filter(contract=contract, status=PeriodStatus.FINALIZED)
        .only("kind", "start", "end")
        .order_by("-end")
        .first()
    )


def _fee_invoiced_from(contract, day: date):
    """The latest invoice (submitted, validated or approved) carrying the monthly fee of a month whose
    first day is on or after `day`: a fee change from `day` would change that month's fee under it."""
    from delivery.choices import INVOICE_COUNTED, InvoiceLineKind
    from delivery.models import Invoice

    return (
        Invoice.objects.filter(
            contract=contract,
            period__gte=day,
            status__in=INVOICE_COUNTED,
            lines__kind=InvoiceLineKind.MONTHLY_FEE,
        )
        .only("number", "period", "status")
        .order_by("-period", "-pk")
        .first()
    )


def _latest_version(contract) -> ContractVersion | None:
    """The contract's version in force from the latest day (its waiting amendment included)."""
    return (
        ContractVersion.objects.filter(contract=contract)
        .only("number", "effective_from")
        .order_by("-effective_from", "-number")
        .first()
    )


def check_start_date_change(contract: Contract, parsed: dict, today=None) -> None:
    """A change of the start date only before the contract starts (its periods, invoices and credits
    count from it), and never to a day in a closed month (the first day of the current month in the
    program's time zone or later). Raised on the proposed terms, when raised and at approval."""
    if "start_date" not in parsed:
        return
    today = today or today_in(contract.program.time_zone)
    first_open = today.replace(day=1)
    label = Contract._meta.get_field("start_date").verbose_name
    if money := sorted({"monthly_fee", "at_risk_pct"} & parsed.keys()):
        message = _(
            "%(field)s: change it in a change request of its own, without %(terms)s (they are counted from the start)."
        ) % {"field": label, "terms": ", ".join(str(Contract._meta.get_field(f).verbose_name) for f in money)}
    elif contract.start_date <= today:
        message = _(
            "%(field)s: the contract started on %(start)s; its periods, invoices and service credits count "
            "from that day, so the start date can no longer be amended."
        ) % {"field": label, "start": contract.start_date.isoformat()}
    elif parsed["start_date"] < first_open:
        message = _(
            "%(field)s: %(date)s is in a closed month; a new start date is %(first)s (the first day of the "
            "current month in the program's time zone) or later."
        ) % {"field": label, "date": parsed["start_date"].isoformat(), "first": first_open.isoformat()}
    else:
        return
    raise ValidationError({"proposed_terms": message})


def _start_moved(contract: Contract, old_start: date) -> None:
    """Version 1 is in force from the contract's start: a start date amended (before the contract
    started) moves it, so the terms as signed count from the new start and later amendments from there."""
    if contract.start_date != old_start:
        ContractVersion.objects.filter(contract=contract, number=1).update(effective_from=contract.start_date)


def default_effective_date(contract: Contract, parsed: dict, today) -> date:
    """The effective date of an approval that names none: the decision day, or the contract's start
    when it has not started yet (an amendment of its terms takes effect from its start; a change of
    the start date itself at once)."""
    if "start_date" in parsed:
        return today
    return max(today, contract.start_date)


def pending_amendment(contract) -> ContractVersion | None:
    """The contract's approved amendment waiting for its effective date (at most one), or None. A
    contract no longer in force (terminated, expired) has none: its waiting amendment lapsed."""
    if contract.status not in TAKES_CHANGES:
        return None
    return (
        ContractVersion.objects.filter(contract=contract, applied_at__isnull=True)
        .select_related("change_request")
        .order_by("number")
        .first()
    )


@transaction.atomic
def change_request_refusal(contract: Contract) -> str | None:
    """Why `contract` takes no new change request (a draft, or a closed contract), or None. The
    service refuses with it, and the staff and portal form pages send the user back with it."""
    if contract.status not in TERMS_LOCKED:
        return _("Change requests apply to signed contracts; edit the draft instead.")
    if not contract.takes_change_requests:
        return _("Contract %(number)s is %(status)s: it takes no new change requests.") % {
            "number": contract.number,
            "status": contract.get_status_display().lower(),
        }
    return None


def change_request_create(
    *, contract: Contract, by, title, description, proposed_terms=None, effective_date=None
) -> ChangeRequest:
    """Staff or the vendor raise a change to a signed contract, with the effective date they propose
    (optional); the program's managers are told."""
    if not _may_raise(contract, by):
        raise PermissionDenied
    if refusal := change_request_refusal(contract):
        raise ValidationError(refusal)
    proposed = {} if proposed_terms is None else proposed_terms
    problems = {}  # the terms' and the effective date's, told at once
    try:
        parsed = parse_proposed_terms(proposed)
        check_proposed_dates(contract, parsed)
        check_start_date_change(contract, parsed)
        # Against the contract as it will stand: after the amendment waiting for its day, if any.
        waiting = pending_amendment(contract)
        base = parsed_or_empty(waiting.change_request.proposed_terms) if waiting and waiting.change_request else None
        check_amended_terms(contract, parsed, base=base)
    except ValidationError as exc:
        problems = exc.update_error_dict(problems)
        parsed = parsed_or_empty(proposed)
    try:
        check_effective_date(contract, effective_date, parsed)
    except ValidationError as exc:
        problems = exc.update_error_dict(problems)
    if problems:
        raise ValidationError(problems)
    change = ChangeRequest(
        contract=contract,
        title=title,
        description=description,
        proposed_terms=stored_terms(proposed),
        effective_date=effective_date,
        raised_by=by,
    )
    change.full_clean()
    with set_actor(by):
        change.save()
    key, url = f"change:{change.pk}:raised", change.get_absolute_url()
    transaction.on_commit(
        lambda: notify(
            recipients=program_managers(contract.program).exclude(pk=by.pk),
            event_key=key,
            title=interpolate(
                _("Change request on %(number)s: %(title)s"), {"number": contract.number, "title": title}
            ),
            url=url,
        )
    )
    return change


def _check_manager(change, by):
    if not Contract.objects.editable_by(by).filter(pk=change.contract_id).exists():
        raise PermissionDenied


@transaction.atomic
def change_request_assess(
    *, change: ChangeRequest, by, cost_impact=None, schedule_impact_days=None, scope_impact="", effective_date=KEEP
) -> ChangeRequest:
    """Records the assessed impact on cost, schedule and scope, and the effective date (when given;
    None clears it: the approval then defaults to its own day)."""
    _check_manager(change, by)
    change = ChangeRequest.objects.select_for_update().select_related("contract__program").get(pk=change.pk)
    if change.status not in (ChangeStatus.SUBMITTED, ChangeStatus.ASSESSED):
        raise ValidationError(_("This change request is already decided."))
    fields = ["cost_impact", "schedule_impact_days", "scope_impact", "status"]
    if effective_date is not KEEP:
        # Stored terms that no longer parse do not hold the assessment up (the change may then be
        # rejected; its approval is refused with the reason).
        check_effective_date(change.contract, effective_date, parsed_or_empty(change.proposed_terms))
        change.effective_date = effective_date
        fields.append("effective_date")
    change.cost_impact, change.schedule_impact_days, change.scope_impact = (
        cost_impact,
        schedule_impact_days,
        scope_impact,
    )
    change.status = ChangeStatus.ASSESSED
    with set_actor(by):
        change.save(update_fields=fields)
    return change


@transaction.atomic
def change_request_decide(
    *, change: ChangeRequest, by, approve: bool, comments: str = "", effective_date=None, today=None
) -> ChangeRequest:
    """Approving an assessed change records the next version of the terms (an amendment) in force
    from its effective date: `effective_date`, else the one proposed or assessed, else the decision
    day in the program's time zone (`today`: that day instead). A date that has come applies the
    terms to the contract at once; a later one leaves the contract's fields until the daily job
    applies them on the day (amendments_apply_due). A contract has one such waiting amendment at a
    time: approving another is refused until it took effect."""
    _check_manager(change, by)
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.ASSESSED:
        raise ValidationError(_("Assess the impact before deciding."))
    if not approve and not comments.strip():
        raise ValidationError({"decision_comments": _("Give the reasons for the rejection.")})
    check_reason_length("decision_comments", comments)
    contract = Contract.objects.select_for_update().select_related("program").get(pk=change.contract_id)
    fields = ["status", "decision_comments", "decided_by", "decided_at"]
    if approve and contract.status not in TAKES_CHANGES:
        # Terminated or expired since the change was raised: nothing to amend (it may still be rejected).
        raise ValidationError(
            _("Contract %(number)s is %(status)s: a change to it can no longer be approved.")
            % {"number": contract.number, "status": contract.get_status_display().lower()}
        )
    if approve:
        today = today or today_in(contract.program.time_zone)
        parsed = parse_proposed_terms(change.proposed_terms)
        day = effective_date or change.effective_date or default_effective_date(contract, parsed, today)
        if waiting := pending_amendment(contract):
            raise ValidationError(
                _(
                    'Contract %(number)s already has an approved amendment (v%(version)s, "%(title)s") taking '
                    "effect on %(date)s: approve this change once that one has taken effect."
                )
                % {
                    "number": contract.number,
                    "version": waiting.number,
                    "title": waiting.change_request.title if waiting.change_request else "",
                    "date": waiting.effective_from.isoformat(),
                }
            )
        check_start_date_change(contract, parsed, today)
        check_amended_terms(contract, parsed)  # as when raised: the contract may have changed since
        check_effective_date(contract, day, parsed, today)
        change.effective_date = day
        fields.append("effective_date")
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decision_comments, change.decided_by, change.decided_at = comments, by, timezone.now()
    with set_actor(by):
        change.save(update_fields=fields)
        if approve:
            for field, value in parsed.items():
                setattr(contract, field, value)
            contract.full_clean()
            if day <= today:
                old_start = Contract.objects.filter(pk=contract.pk).values_list("start_date", flat=True).get()
                contract.save()
                _start_moved(contract, old_start)
                record_version(contract, by, change_request=change, effective_from=day)
            else:  # recorded now, written to the contract on the day (record_version re-reads the contract)
                terms = terms_snapshot(contract)
                record_version(contract, by, change_request=change, effective_from=day, terms=terms, pending=True)
    return change


@transaction.atomic
def amendment_withdraw(*, change: ChangeRequest, by, reason: str) -> ChangeRequest:
    """Withdraws an approved amendment still waiting for its day (approved with a wrong date, or the
    parties changed their minds): its version is removed (the contract's terms never were its) and
    the change request is closed without change (withdrawn, the reason recorded), so another change
    may be approved. Only while its version is the contract's latest (no renewal recorded since)."""
    _check_manager(change, by)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the amendment is withdrawn.")})
    check_reason_length("reason", reason)
    contract = Contract.objects.select_for_update().select_related("program").get(pk=change.contract_id)
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    version = ContractVersion.objects.filter(contract=contract, change_request=change, applied_at__isnull=True).first()
    if version is None or contract.status not in TAKES_CHANGES:
        raise ValidationError(_("Only an approved amendment still waiting for its day can be withdrawn."))
    if version.number != contract.terms_version:
        raise ValidationError(
            _("Version v%(latest)s was recorded after this amendment (v%(version)s): it can no longer be withdrawn.")
            % {"latest": contract.terms_version, "version": version.number}
        )
    with set_actor(by):
        version.delete()
        contract.terms_version -= 1
        contract.save(update_fields=["terms_version", "updated_at"])
        # Stored as data (the reason, the day it would have taken effect), told in the reader's
        # language by contracts.terms_display.decision_text: a stored sentence stayed in English.
        change.status = ChangeStatus.WITHDRAWN
        change.decision_comments = reason.strip()
        change.effective_date = version.effective_from
        change.decided_by, change.decided_at = by, timezone.now()
        change.save(update_fields=["status", "decision_comments", "effective_date", "decided_by", "decided_at"])
    return change


def amendments_apply_due(*, today=None) -> dict:
    """The daily job: writes each approved amendment whose effective date has come (on or before
    today in its program's time zone; `today`: that date everywhere) to its contract.

    Set-based and idempotent: the due versions are one query; each is then re-read under the
    contract's row lock and applied only while it is still waiting (`applied_at` empty), so a second
    run, or two at once, applies nothing twice. Only the change request's terms are written (a
    renewal recorded meanwhile keeps its end date). An amendment that no longer fits the contract is
    logged and left waiting; the others are applied."""
    due = ContractVersion.objects.filter(
        due_before_today_q("effective_from", program_path="contract__program", days=1, today=today),
        applied_at__isnull=True,
        contract__status__in=TAKES_CHANGES,  # a terminated or expired contract's waiting amendment lapsed
    )
    done = {"applied": 0, "failed": 0}
    for pk in list(due.order_by("effective_from", "pk").values_list("pk", flat=True)):
        try:
            if _apply_version(pk, today):
                done["applied"] += 1
        except ValidationError:
            log.exception("amendment (contract version id %s) could not be applied", pk)
            done["failed"] += 1
    return done


@transaction.atomic
def _apply_version(pk, today) -> bool:
    contract_id = ContractVersion.objects.filter(pk=pk).values_list("contract_id", flat=True).first()
    if contract_id is None:
        return False
    contract = Contract.objects.select_for_update().select_related("program").get(pk=contract_id)
    return apply_due_amendment(contract, today=today) is not None


def apply_due_amendment(contract: Contract, *, today=None) -> ContractVersion | None:
    """Writes the contract's waiting amendment to it when its effective date has come; the caller
    holds the contract's row lock (the daily job, and the end-of-term renewal, which applies it
    first so a renewal's version has the terms in force). Returns the version applied, or None.
    A contract no longer in force (terminated, expired) takes none: its waiting amendment lapsed."""
    if contract.status not in TAKES_CHANGES:
        return None
    today = today or today_in(contract.program.time_zone)
    version = (
        ContractVersion.objects.select_for_update()
        .filter(contract=contract, applied_at__isnull=True, effective_from__lte=today)
        .order_by("number")
        .first()
    )
    if version is None:
        return None
    parsed = parse_proposed_terms(version.change_request.proposed_terms)
    if refusal := currency_refusal(contract, parsed):  # invoiced or credited since the approval
        raise ValidationError({"proposed_terms": refusal})
    fields = list(parsed.items())
    old_start = contract.start_date
    for field, value in fields:
        setattr(contract, field, value)
    contract.full_clean()
    contract.save(update_fields=[*(f for f, _v in fields), "updated_at"])
    _start_moved(contract, old_start)
    version.applied_at = timezone.now()
    version.save(update_fields=["applied_at"])
    key, url = f"contract:{contract.pk}:version:{version.number}:applied", contract.get_absolute_url()
    title = interpolate(
        _("Amendment v%(version)s of %(number)s took effect on %(date)s"),
        {"version": version.number, "number": contract.number, "date": version.effective_from.isoformat()},
    )
    program = contract.program
    transaction.on_commit(lambda: notify(recipients=program_managers(program), event_key=key, title=title, url=url))
    return version


def versions_diff(old: dict, new: dict) -> list[dict]:
    """The terms that differ between two versions, for the comparison page."""
    rows = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a != b:
            if isinstance(a, list) or isinstance(b, list):
                a, b = json.dumps(a, ensure_ascii=False, indent=1), json.dumps(b, ensure_ascii=False, indent=1)
            rows.append({"field": key, "old": a, "new": b})
    return rows


@transaction.atomic
def dispute_open(*, contract: Contract, by, title, description) -> Dispute:
    """A dispute starts at the operational level with that level's deadline."""
    if not _may_raise(contract, by):
        raise PermissionDenied
    dispute = Dispute(
        contract=contract,
        title=title,
        description=description,
        raised_by=by,
        level_deadline=today_in(contract.program.time_zone)
        + timedelta(days=DISPUTE_LEVEL_DAYS[DisputeLevel.OPERATIONAL]),
    )
    dispute.full_clean()
    with set_actor(by):
        dispute.save()
    key, url = f"dispute:{dispute.pk}:opened", dispute.get_absolute_url()
    transaction.on_commit(
        lambda: notify(
            recipients=program_managers(contract.program).exclude(pk=by.pk),
            event_key=key,
            title=interpolate(_("Dispute on %(number)s: %(title)s"), {"number": contract.number, "title": title}),
            url=url,
        )
    )
    return dispute


@transaction.atomic
def dispute_escalate(*, dispute: Dispute, by=None, reason: str = "", automatic: bool = False, today=None) -> Dispute:
    """Moves an open dispute one level up with a fresh deadline. Automatic escalations
    (by=None) come from the daily job when the deadline passed; each level is reached once.
    Deadlines are dates in the contract's program's time zone (`today`: that date instead)."""
    if by is not None and not Contract.objects.operable_by(by).filter(pk=dispute.contract_id).exists():
        raise PermissionDenied
    check_reason_length("reason", reason)
    dispute = Dispute.objects.select_for_update(of=("self",)).select_related("contract__program").get(pk=dispute.pk)
    today = today or today_in(dispute.contract.program.time_zone)
    if dispute.status != DisputeStatus.OPEN or dispute.level >= DisputeLevel.MEDIATION:
        raise ValidationError(_("This dispute cannot be escalated further."))
    if automatic and dispute.level_deadline >= today:
        return dispute  # another run already escalated it
    new_level = dispute.level + 1
    try:
        with transaction.atomic():
            DisputeEscalation.objects.create(
                dispute=dispute, from_level=dispute.level, to_level=new_level, automatic=automatic, by=by, reason=reason
            )
    except IntegrityError:
        return dispute
    dispute.level = new_level
    dispute.level_deadline = today + timedelta(days=DISPUTE_LEVEL_DAYS[new_level])
    with set_actor(by):
        dispute.save(update_fields=["level", "level_deadline"])
    key, url = f"dispute:{dispute.pk}:level:{new_level}", dispute.get_absolute_url()
    title = interpolate(
        _("Dispute %(title)s escalated to %(level)s"), {"title": dispute.title, "level": DisputeLevel(new_level).label}
    )
    contract = dispute.contract
    transaction.on_commit(
        lambda: notify(recipients=program_managers(contract.program), event_key=key, title=title, url=url)
    )
    return dispute


@transaction.atomic
def dispute_resolve(*, dispute: Dispute, by, resolution: str) -> Dispute:
    if not Contract.objects.operable_by(by).filter(pk=dispute.contract_id).exists():
        raise PermissionDenied
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if dispute.status != DisputeStatus.OPEN:
        raise ValidationError(_("This dispute is already resolved."))
    if not resolution.strip():
        raise ValidationError({"resolution": _("Record the resolution.")})
    check_reason_length("resolution", resolution)
    dispute.status, dispute.resolution, dispute.resolved_at = DisputeStatus.RESOLVED, resolution, timezone.now()
    with set_actor(by):
        dispute.save(update_fields=["status", "resolution", "resolved_at"])
    return dispute


def disputes_escalate_overdue(*, today=None) -> int:
    """Escalates every open dispute whose deadline passed (the daily job). Safe to run twice.
    Passed: before today in the dispute's contract's program's time zone, one set-based condition
    (`today`: that date in every zone instead)."""
    ids = list(
        Dispute.objects.filter(
            due_before_today_q("level_deadline", program_path="contract__program", today=today),
            status=DisputeStatus.OPEN,
            level__lt=DisputeLevel.MEDIATION,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        dispute_escalate(dispute=Dispute(pk=pk), automatic=True, today=today, reason="deadline passed")
    return len(ids)
