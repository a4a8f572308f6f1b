"""Writes of the service-level engine: create periods, evaluate, finalize, resolve earn-backs, reopen.

Idempotent throughout: periods, results and credits have unique keys and are written
with upserts, and a period's evaluation holds a row lock on the period (select_for_update),
so two runs, or two at once, leave the same rows and never a duplicate.
"""

import logging
from bisect import bisect_left
from contextvars import ContextVar
from datetime import timedelta
from zoneinfo import ZoneInfo

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.money import MONEY_MAX, too_large
from bpo.core.services import notify
from contracts.choices import MEASURED, ServiceLevelKind
from contracts.models import Contract, ServiceLevel
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH, dispute_reason_too_long

from . import engine
from .choices import CreditStatus, PeriodStatus, ResultState
from .models import Credit, Period, PeriodReopening, Result

log = logging.getLogger(__name__)


# The versions (terms by day) of every contract of a scheduled run, read once by evaluate_all for
# the contract_run of each (one query for all contracts, not one per contract).
_run_versions: ContextVar[dict | None] = ContextVar("run_versions", default=None)


class EvaluationFailed(RuntimeError):
    """Raised by the scheduled run after every contract had its turn, when some of them failed."""


def local_today(contract, now=None):
    """Today's date in the program's time zone."""
    now = now or timezone.now()
    return now.astimezone(ZoneInfo(contract.program.time_zone or "UTC")).date()


def ensure_periods(contract, *, today) -> int:
    """Creates the periods (of each kind its service levels use) that have started, from the
    contract's start date to today or its end date. Existing ones are left alone."""
    kinds = set(contract.service_levels.filter(active=True).values_list("period", flat=True))
    last_day = min(today, contract.end_date)
    rows = []
    for kind in kinds:
        start, end = engine.period_bounds(kind, contract.start_date)
        while start <= last_day:
            rows.append(Period(contract=contract, kind=kind, start=start, end=end))
            start, end = engine.period_bounds(kind, end)
    Period.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def charges_too_large(period, charges) -> str:
    """Why a period cannot be evaluated: its charges (the approved invoices of its months, or the
    monthly fee where none is approved) add up to more than a period's charges field holds, so
    neither they nor the credits taken from them can be saved."""
    from bpo.core.formats import format_money

    currency = period.contract.currency
    return _(
        "The charges of %(period)s on %(number)s add up to %(total)s, above the largest amount a period "
        "can hold (%(max)s): its service levels and credits were not evaluated. Check the approved "
        "invoices of its months."
    ) % {
        "period": period.label,
        "number": period.contract.number,
        "total": format_money(charges, currency),
        "max": format_money(MONEY_MAX, currency),
    }


@transaction.atomic
def evaluate_period(*, period_id: int, now=None, warn: bool = True, versions: dict | None = None) -> Period:
    """Recomputes one provisional period's results and credits. A finalized period is left as it is.
    With `warn`, the program's managers get an early warning for each service level breaching.
    The charges and at-risk amount use the terms in force on the period's first day (an amendment
    effective later leaves them); `versions`: the contract's, already read (engine.contract_versions)."""
    now = now or timezone.now()
    period = Period.objects.select_for_update().select_related("contract__program").get(pk=period_id)
    if period.status == PeriodStatus.FINALIZED:
        return period
    contract = period.contract
    sls = list(ServiceLevel.objects.filter(contract=contract, period=period.kind, active=True).order_by("code", "pk"))
    start_dt, end_dt = engine.local_range(period.start, period.end, contract.program.time_zone)
    measured = engine.measure_values(sls, start_dt, end_dt)

    results = []
    for sl in sls:
        m = measured[sl.pk]
        state = engine.classify(
            m["value"],
            expected=sl.expected,
            minimum=sl.minimum,
            direction=sl.direction,
            sample_count=m["n"],
            min_samples=sl.min_samples,
        )
        results.append(
            Result(
                period=period,
                service_level=sl,
                value=m["value"],
                sample_count=m["n"],
                excluded_count=m["excluded"],
                state=state,
                expected=sl.expected,
                minimum=sl.minimum,
                direction=sl.direction,
                computed_at=now,
            )
        )
    Result.objects.bulk_create(
        results,
        update_conflicts=True,
        unique_fields=["period", "service_level"],
        update_fields=[
            "value",
            "sample_count",
            "excluded_count",
            "state",
            "expected",
            "minimum",
            "direction",
            "computed_at",
        ],
    )
    Result.objects.filter(period=period).exclude(service_level__in=[sl.pk for sl in sls]).delete()

    if versions is None:
        versions = engine.contract_versions([contract.pk])
    period.charges = engine.period_charges(contract, period.kind, period.start, period.end, versions)
    if too_large(period.charges):
        raise ValidationError(charges_too_large(period, period.charges), code="charges_too_large")
    terms = engine.terms_in_force(contract, period.start, versions)
    period.at_risk_amount = engine.at_risk_amount(terms, period.charges)
    by_sl = {sl.pk: sl for sl in sls}
    breached = [
        (r.service_level_id, by_sl[r.service_level_id].allocation_pct)
        for r in results
        if r.state == ResultState.BREACH
        and by_sl[r.service_level_id].kind == ServiceLevelKind.SLA
        and by_sl[r.service_level_id].allocation_pct > 0
    ]
    amounts = engine.allocate_credits(period.at_risk_amount, breached)
    # A credit already deducted on an approved invoice is settled: never changed or deleted (a
    # period reopened before reopening refused that, or a finalized period's data edited).
    settled = set(
        Credit.objects.filter(period=period, deduction__isnull=False).values_list("service_level_id", flat=True)
    )
    Credit.objects.bulk_create(
        [
            Credit(
                period=period,
                service_level_id=sl_id,
                allocation_pct=by_sl[sl_id].allocation_pct,
                uncapped_amount=uncapped,
                amount=amount,
                earn_back_periods=by_sl[sl_id].earn_back_periods,
                status=CreditStatus.PROVISIONAL,
            )
            for sl_id, (uncapped, amount) in amounts.items()
            if sl_id not in settled
        ],
        update_conflicts=True,
        unique_fields=["period", "service_level"],
        update_fields=["allocation_pct", "uncapped_amount", "amount", "earn_back_periods", "status"],
    )
    Credit.objects.filter(period=period).exclude(service_level__in=[*amounts, *settled]).delete()
    period.evaluated_at = now
    period.save(update_fields=["charges", "at_risk_amount", "evaluated_at"])
    # The period's scorecard follows results that changed (recomputed, or back to review when published).
    from .scorecards.services import scorecard_follow_results

    scorecard_follow_results(period=period)
    if warn:
        _warn_breaches(period, [r for r in results if r.state == ResultState.BREACH], by_sl)
    return period


def _warn_breaches(period, breaches, by_sl):
    """Early warning: the program's managers hear once per period and service level that it is breaching."""
    if not breaches:
        return
    from bpo.core.formats import format_number
    from contracts.services.contracts import interpolate, program_managers

    contract = period.contract
    url = period.get_absolute_url()
    warnings = [
        (
            f"sla:{period.pk}:{r.service_level_id}:breach",
            interpolate(
                _("%(code)s is breaching in %(period)s on %(number)s (%(value)s)"),
                {
                    "code": by_sl[r.service_level_id].code,
                    "period": period.label,
                    "number": contract.number,
                    "value": format_number(r.value),
                },
            ),
        )
        for r in breaches
    ]

    def send():
        managers = list(program_managers(contract.program))
        if managers:
            for key, title in warnings:
                notify(recipients=managers, event_key=key, title=title, url=url)

    transaction.on_commit(send)


@transaction.atomic
def finalize_period(*, period_id: int, now=None, versions: dict | None = None) -> Period:
    """Evaluates a period one last time and freezes it: its credits become APPLIED (N = 0) or
    PENDING their earn-back (N > 0), and each BREACH result proposes a corrective action (once)."""
    now = now or timezone.now()
    period = evaluate_period(period_id=period_id, now=now, warn=False, versions=versions)
    if period.status == PeriodStatus.FINALIZED:
        return period
    period.status, period.finalized_at = PeriodStatus.FINALIZED, now
    period.save(update_fields=["status", "finalized_at"])
    open_credits = period.credits.filter(deduction__isnull=True)  # a deducted credit is settled
    open_credits.filter(earn_back_periods=0).update(status=CreditStatus.APPLIED, resolved_at=now)
    open_credits.filter(earn_back_periods__gt=0).update(status=CreditStatus.PENDING, resolved_at=None)
    # A final BREACH proposes its corrective action, once (a unique key; refinalizing finds the first).
    from .quality.services import propose_for_breaches

    propose_for_breaches(period=period)
    return period


@transaction.atomic
def resolve_earn_backs(*, contract, now=None) -> int:
    """A PENDING credit whose next N periods are all final becomes EARNED_BACK when its service
    level was MET in all N, otherwise APPLIED.

    Set-based: one query for the contract's periods, one for the MET results of the service
    levels concerned, and one UPDATE per outcome, however many credits are pending."""
    now = now or timezone.now()
    pending = list(
        Credit.objects.select_for_update()
        .filter(period__contract=contract, status=CreditStatus.PENDING)
        .select_related("period")
    )
    if not pending:
        return 0
    by_kind = {}
    for period in Period.objects.filter(contract=contract, kind__in={c.period.kind for c in pending}).order_by("start"):
        by_kind.setdefault(period.kind, []).append(period)
    windows = {}
    for credit in pending:
        periods = by_kind[credit.period.kind]
        first = bisect_left([p.start for p in periods], credit.period.end)
        following = periods[first : first + credit.earn_back_periods]
        if len(following) < credit.earn_back_periods or any(p.status != PeriodStatus.FINALIZED for p in following):
            continue
        windows[credit.pk] = (credit.service_level_id, [p.pk for p in following])
    if not windows:
        return 0
    met = set(
        Result.objects.filter(
            period__in={pk for _sl, pks in windows.values() for pk in pks},
            service_level_id__in={sl for sl, _pks in windows.values()},
            state=ResultState.MET,
        ).values_list("period_id", "service_level_id")
    )
    outcome = {CreditStatus.EARNED_BACK: [], CreditStatus.APPLIED: []}
    for pk, (sl, pks) in windows.items():
        earned = all((period_pk, sl) in met for period_pk in pks)
        outcome[CreditStatus.EARNED_BACK if earned else CreditStatus.APPLIED].append(pk)
    for status, pks in outcome.items():
        if pks:
            Credit.objects.filter(pk__in=pks).update(status=status, resolved_at=now)
    return len(windows)


def contract_run(*, contract_id: int, now=None, versions: dict | None = None) -> dict:
    """The whole engine for one contract: create started periods, evaluate the provisional ones,
    finalize those past their end plus the grace period, then resolve earn-backs. The contract's
    versions (its terms by day) are read once for all its periods (`versions`: already read)."""
    now = now or timezone.now()
    contract = Contract.objects.select_related("program").get(pk=contract_id)
    if contract.status not in MEASURED:
        return {"evaluated": 0, "finalized": 0, "resolved": 0}
    if versions is None:
        versions = _run_versions.get()
    if versions is None:
        versions = engine.contract_versions([contract.pk])
    today = local_today(contract, now)
    ensure_periods(contract, today=today)
    evaluated = finalized = 0
    for period in Period.objects.filter(contract=contract, status=PeriodStatus.PROVISIONAL, start__lte=today):
        if today >= period.end + timedelta(days=contract.grace_days):
            finalize_period(period_id=period.pk, now=now, versions=versions)
            finalized += 1
        else:
            evaluate_period(period_id=period.pk, now=now, versions=versions)
            evaluated += 1
    resolved = resolve_earn_backs(contract=contract, now=now)
    return {"evaluated": evaluated, "finalized": finalized, "resolved": resolved}


def contract_evaluate(*, contract, by) -> dict:
    """Staff run the engine for one contract from its page (managers, contributors, administrators)."""
    if not Contract.objects.operable_by(by).filter(pk=contract.pk).exists():
        raise PermissionDenied
    if contract.status not in MEASURED:
        raise ValidationError(_("Service levels are evaluated from signature on."))
    return contract_run(contract_id=contract.pk)


@transaction.atomic
def period_reopen(*, period, by, reason: str) -> Period:
    """A program manager reopens a finalized period (recorded with the reason). Its credits go
    back to provisional, and earlier credits whose earn-back depended on it back to pending."""
    if not Period.objects.editable_by(by).filter(pk=period.pk).exists():
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the period is reopened.")})
    if len(reason.strip()) > DISPUTE_REASON_MAX_LENGTH:  # as long as a dispute's reason may be
        raise ValidationError({"reason": dispute_reason_too_long(len(reason.strip()))})
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.status != PeriodStatus.FINALIZED:
        raise ValidationError(_("Only a finalized period can be reopened."))
    earlier = Credit.objects.filter(
        period__contract=period.contract_id,
        period__kind=period.kind,
        period__end__lte=period.start,
        earn_back_periods__gt=0,
        status__in=[CreditStatus.APPLIED, CreditStatus.EARNED_BACK],
    ).select_related("period")
    depending = []  # earlier credits whose earn-back window holds this period
    for credit in earlier:
        window = Period.objects.filter(
            contract=period.contract_id, kind=period.kind, start__gte=credit.period.end
        ).order_by("start")[: credit.earn_back_periods]
        if period.pk in [p.pk for p in window]:
            depending.append(credit)
    _refuse_settled([*period.credits.values_list("pk", flat=True), *(c.pk for c in depending)])
    with set_actor(by):
        PeriodReopening.objects.create(period=period, by=by, reason=reason)
    period.status, period.finalized_at = PeriodStatus.PROVISIONAL, None
    period.save(update_fields=["status", "finalized_at"])
    period.credits.update(status=CreditStatus.PROVISIONAL, resolved_at=None)
    for credit in depending:
        credit.status, credit.resolved_at = CreditStatus.PENDING, None
        credit.save(update_fields=["status", "resolved_at"])
    return period


def _refuse_settled(credit_ids) -> None:
    """A credit deducted on an approved invoice is settled: finance has paid the net amount, so
    neither its amount nor its status may change any more. Reopening a period that would move such
    a credit (its own, or an earlier one whose earn-back waits on it) is refused, naming the
    invoices; a correction goes on a later invoice."""
    from delivery.models import CreditDeduction

    invoices = sorted(
        set(CreditDeduction.objects.filter(credit__in=credit_ids).values_list("invoice__number", flat=True))
    )
    if invoices:
        raise ValidationError(
            _(
                "This period cannot be reopened: its service credits (or credits whose earn-back depends "
                "on it) were already deducted on approved invoice %(invoices)s, and a deducted credit "
                "does not change."
            )
            % {"invoices": ", ".join(invoices)}
        )


def evaluate_all(*, now=None) -> dict:
    """Every contract from signature on (the scheduled job). Each contract runs on its own: one
    contract's failure is logged with the contract and the others are still evaluated; the run
    then raises EvaluationFailed naming the failed contracts, so the job reports the failure."""
    totals = {"contracts": 0, "evaluated": 0, "finalized": 0, "resolved": 0}
    failed = []
    contracts = list(Contract.objects.filter(status__in=MEASURED).order_by("pk").values_list("pk", "number"))
    # The terms by day of every contract of the run, in one query (contract_run reads them from here).
    token = _run_versions.set(engine.contract_versions(Contract.objects.filter(status__in=MEASURED)))
    try:
        for contract_id, number in contracts:
            try:
                result = contract_run(contract_id=contract_id, now=now)
            except Exception:  # one contract's failure must not stop the others; retried next run
                log.exception("service-level evaluation of contract %s (id %s) failed", number, contract_id)
                failed.append(f"{number} (id {contract_id})")
                continue
            totals["contracts"] += 1
            for key in ("evaluated", "finalized", "resolved"):
                totals[key] += result[key]
    finally:
        _run_versions.reset(token)
    if failed:
        raise EvaluationFailed(
            f"service-level evaluation failed for {len(failed)} contract(s): {', '.join(failed)}; totals of the others: {totals}"
        )
    return totals
