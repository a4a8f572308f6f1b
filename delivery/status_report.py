"""Status reports: the figures come from the data, the RAG from these thresholds, the
narrative from the manager (or the vendor, for its contract). A submitted report is frozen:
its stored figures and RAG never change again, whatever happens to the data later.

Figures of a month, as of its last day (or today, for the current month):
- schedule: tasks done (finished on or before the day), tasks slipped in the month (finished
  after their baseline finish within the month, open past it, or forecast past it; one finished
  late in an earlier month was that month's slip), milestones slipped the same way (the
  program's charter milestones; program reports only), percent complete against the baseline's
  planned percent.
  For a past month only what was known on its last day counts: a task or milestone finished
  after the day was open on it, and slipped if its baseline date had gone by; today's forecast
  is not used. Each task's percent complete is the one it had at the end of that day, from the
  audit log (the last change on or before the day; else the value before the first later
  change; never changed, the current one);
- cost: the budget consumed, actual plus committed against planned, over the program's
  budget lines (delivery/budget.py; program reports only: a vendor's report has no budget);
  for a past month, the invoices and cost entries of the months up to that month only;
- quality: service-level results of the periods overlapping the month, and the breaches;
- risk: the risks open on that day whose level that day (residual, else inherent) was high or
  critical: a risk closed after the day still counts, one closed before it (and not reopened
  by then) does not, nor one created after it; a level raised after the day counts at its old
  level. The status comes from the audit log, the level from the latest review on or before
  the day (see `risk.selectors.risk_levels_on` for scores set outside a review). On today,
  these are the current open risks and levels. A risk belongs to the report by its current
  program (and contract, for a vendor's report).

RAG thresholds:
- schedule: green when nothing slipped; amber when at most 20% of the tasks slipped and no
  milestone slipped; red otherwise. Not rated without tasks and milestones.
- cost: green below 80% consumed; amber from 80% to 100% (or a forecast above the plan);
  red above 100%. Not rated without a planned budget.
- quality: green without breach; amber when at most 10% of the results are breaches; red
  above. Not rated without results.
- risk: green without open high or critical risk; amber with high ones; red with a critical one.
- overall: the worst rated of the four.
"""

import calendar
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bpo.core.history import logged_changes, value_on
from bpo.core.i18n import interpolate
from bpo.core.zones import today_in, zone

from .choices_plan import Rag, ReportStatus
from .models import StatusReport, Task
from .scheduling import is_slipped, task_figures, weighted_schedule_variance

RAG_ORDER = [Rag.GREEN, Rag.AMBER, Rag.RED]


def month_bounds(period: date) -> tuple[date, date]:
    first = period.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _milestone_slipped(m, first: date, as_of: date, past: bool = False) -> bool:
    """Slipped in the report's month, as of its day: reached late within the month (one reached
    late in an earlier month was that month's slip), or not reached by the day with its baseline
    date gone by, or (on today) forecast past it."""
    if m.actual_date and m.actual_date <= as_of:
        return first <= m.actual_date and m.actual_date > m.baseline_date
    if past:  # as it stood on as_of: today's forecast and a date reached later say nothing of it
        return as_of > m.baseline_date
    return bool(m.forecast_date and m.forecast_date > m.baseline_date) or as_of > m.baseline_date


def _task_done(task, as_of: date) -> bool:
    return bool(task.actual_finish and task.actual_finish <= as_of)


def _task_slipped(task, first: date, as_of: date, past: bool) -> bool:
    """Slipped in the report's month, as of its day: finished late within the month (a task
    finished late in an earlier month was that month's slip, so a plan does not stay red for
    good), or open on the day past its baseline finish, or (on today) forecast past it. For a
    past day only what was known then counts (today's forecast and a finish recorded later say
    nothing of that day)."""
    if _task_done(task, as_of):
        return first <= task.actual_finish and task.actual_finish > task.baseline_finish
    if past:
        return as_of > task.baseline_finish
    return is_slipped(task, as_of)


def _percent_on_day(tasks: list, program, day: date) -> None:
    """Sets each task's percent complete (in memory, never saved) to the one it had at the end of
    `day` in the program's time zone, from the audit log: one query for all the tasks."""
    boundary = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone(program.time_zone))
    history = logged_changes(Task, [t.pk for t in tasks], ("percent_complete",))
    for task in tasks:
        if task.pk in history:
            then = value_on(history[task.pk], "percent_complete", boundary, task.percent_complete)[0]
            task.percent_complete = int(then) if str(then).isdigit() else task.percent_complete


def _schedule(program, contract, first, as_of, past: bool = False) -> dict:
    tasks = Task.objects.filter(program=program)
    if contract is not None:
        tasks = tasks.filter(Q(contract=contract) | Q(vendor_id=contract.vendor_id))
    tasks = list(tasks)
    if past:
        _percent_on_day(tasks, program, as_of)
    rows = [task_figures(t, as_of) for t in tasks]
    done, planned, variance = weighted_schedule_variance(rows)
    milestones = [] if contract is not None else list(program.milestones.all())
    return {
        "tasks_total": len(rows),
        "tasks_slipped": sum(1 for r in rows if _task_slipped(r.task, first, as_of, past)),
        "tasks_done": sum(1 for r in rows if _task_done(r.task, as_of)),
        "milestones_total": len(milestones),
        "milestones_slipped": sum(1 for m in milestones if _milestone_slipped(m, first, as_of, past)),
        "percent_complete": done,
        "planned_percent": planned,
        "schedule_variance": variance,
    }


def _cost(program, contract, as_of, past: bool = False) -> dict:
    if contract is not None:
        return {}
    from .budget import program_budget, unbudgeted

    # A past month's report counts the invoices and costs of the months up to its own only.
    lines = program_budget(program, today=as_of, until=as_of if past else None)
    # Spending no line covers is spent all the same (the home page's burn counts it).
    outside = unbudgeted(program, until=as_of if past else None)
    planned = sum((f.line.planned_amount for f in lines), Decimal("0"))
    actual = sum((f.actual for f in lines), Decimal("0")) + sum((u.actual for u in outside), Decimal("0"))
    committed = sum((f.committed for f in lines), Decimal("0")) + sum((u.committed for u in outside), Decimal("0"))
    # What is spent or committed outside every line will be spent: it is in the forecast too.
    forecast = sum((f.forecast for f in lines), Decimal("0")) + sum(
        (u.actual + u.committed for u in outside), Decimal("0")
    )
    pct = float(round((actual + committed) * 100 / planned, 1)) if planned else None
    cents = Decimal("0.01")
    return {
        "budget_planned": str(planned.quantize(cents)),
        "budget_actual": str(actual.quantize(cents)),
        "budget_committed": str(committed.quantize(cents)),
        "budget_forecast": str(forecast.quantize(cents)),
        "budget_consumed_pct": pct,
        "currency": program.currency,
    }


def _quality(program, contract, first, last) -> dict:
    from performance.choices import ResultState
    from performance.models import Result

    results = Result.objects.filter(period__start__lte=last, period__end__gt=first)
    results = (
        results.filter(period__contract=contract) if contract else results.filter(period__contract__program=program)
    )
    states = list(results.values_list("state", flat=True))
    return {
        "sl_results": len(states),
        "sl_breaches": states.count(ResultState.BREACH),
        "sl_minor": states.count(ResultState.MINOR),
    }


def _risk(program, contract, as_of) -> dict:
    from risk.models import Risk
    from risk.selectors import risk_levels_on

    risks = Risk.objects.filter(program=program)
    if contract is not None:
        risks = risks.filter(contract=contract)
    levels = list(risk_levels_on(risks, as_of).values())
    return {"risks_high": levels.count("high"), "risks_critical": levels.count("critical")}


def compute_figures(*, program, period: date, contract=None, today: date | None = None) -> dict:
    """Every figure of the report for the month of `period` (see the module docstring)."""
    first, last = month_bounds(period)
    today = today or today_in(program.time_zone)
    as_of = min(last, today)
    past = as_of < today
    figures = {"period_start": first.isoformat(), "period_end": last.isoformat(), "as_of": as_of.isoformat()}
    figures.update(_schedule(program, contract, first, as_of, past))
    figures.update(_cost(program, contract, as_of, past))
    figures.update(_quality(program, contract, first, last))
    figures.update(_risk(program, contract, as_of))
    return figures


def rag_for(figures: dict) -> dict:
    """{schedule, cost, quality, risk, overall: Rag} from the figures, by the documented thresholds."""
    f = figures
    if not f.get("tasks_total") and not f.get("milestones_total"):
        schedule = Rag.NOT_RATED
    elif not f["tasks_slipped"] and not f["milestones_slipped"]:
        schedule = Rag.GREEN
    elif not f["milestones_slipped"] and f["tasks_slipped"] * 5 <= f["tasks_total"]:
        schedule = Rag.AMBER
    else:
        schedule = Rag.RED
    pct = f.get("budget_consumed_pct")
    if pct is None:
        cost = Rag.NOT_RATED
    elif pct > 100:
        cost = Rag.RED
    elif pct >= 80 or Decimal(f["budget_forecast"]) > Decimal(f["budget_planned"]):
        cost = Rag.AMBER
    else:
        cost = Rag.GREEN
    if not f.get("sl_results"):
        quality = Rag.NOT_RATED
    elif not f["sl_breaches"]:
        quality = Rag.GREEN
    elif f["sl_breaches"] * 10 <= f["sl_results"]:
        quality = Rag.AMBER
    else:
        quality = Rag.RED
    risk = Rag.RED if f.get("risks_critical") else Rag.AMBER if f.get("risks_high") else Rag.GREEN
    rated = [r for r in (schedule, cost, quality, risk) if r != Rag.NOT_RATED]
    overall = max(rated, key=RAG_ORDER.index) if rated else Rag.NOT_RATED
    return {"schedule": schedule, "cost": cost, "quality": quality, "risk": risk, "overall": overall}


def _apply_figures(report: StatusReport, today=None):
    figures = compute_figures(
        program=report.program,
        period=report.period,
        contract=report.contract if report.by_vendor else None,
        today=today,
    )
    rag = rag_for(figures)
    report.figures = figures
    report.schedule_rag, report.cost_rag = rag["schedule"], rag["cost"]
    report.quality_rag, report.risk_rag, report.overall_rag = rag["quality"], rag["risk"], rag["overall"]
    report.figures_at = timezone.now()


def reportable_contracts(user):
    """The contracts a vendor user reports on: its own vendor's, as it sees them."""
    from contracts.models import Contract

    if not user.is_authenticated or not user.is_vendor_user:
        return Contract.objects.none()
    return Contract.objects.visible_to(user).filter(vendor_id=user.vendor_id)


def _check_started(report: StatusReport) -> None:
    """A month before the contract's start (a vendor's report) or the program's has nothing to
    report: refused, naming the first month that can be reported on."""
    if report.by_vendor and report.contract.start_date:
        start = report.contract.start_date.replace(day=1)
        message = _("The contract starts in %(month)s: report on that month or a later one.")
    elif report.program.start_date:
        start = report.program.start_date.replace(day=1)
        message = _("The program starts in %(month)s: report on that month or a later one.")
    else:
        return
    if report.period < start:
        raise ValidationError({"period": message % {"month": start.strftime("%Y-%m")}})


@transaction.atomic
def status_report_create(*, program=None, contract=None, period: date, by, today=None) -> StatusReport:
    """Drafts the report of a month: a program manager for the program, a vendor user for its contract."""
    from strategy.models import Program

    if by.is_vendor_user:
        if contract is None or not reportable_contracts(by).filter(pk=contract.pk).exists():
            raise PermissionDenied
        report = StatusReport(program_id=contract.program_id, contract=contract, by_vendor=True)
    else:
        if program is None or not Program.objects.editable_by(by).filter(pk=program.pk).exists():
            raise PermissionDenied
        report = StatusReport(program=program, contract=None, by_vendor=False)
    report.period, report.created_by = period.replace(day=1), by
    if report.period > (today or today_in(report.program.time_zone)):  # the program's month
        raise ValidationError({"period": _("Report on this month or an earlier one.")})
    _check_started(report)
    _apply_figures(report, today)
    try:
        with transaction.atomic(), set_actor(by):
            report.save()
    except IntegrityError as exc:
        raise ValidationError({"period": _("There is already a report for this month.")}) from exc
    return report


def _editable(report, by) -> StatusReport:
    if not StatusReport.objects.visible_to(by).filter(pk=report.pk).exists():
        raise PermissionDenied
    report = StatusReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("A submitted report does not change."))
    if not StatusReport.objects.editable_by(by).filter(pk=report.pk).exists():
        raise PermissionDenied
    return report


@transaction.atomic
def status_report_save(*, report: StatusReport, by, narrative: str, today=None) -> StatusReport:
    """Saves the narrative of a draft and brings its figures up to date."""
    report = _editable(report, by)
    report.narrative = narrative.strip()
    _apply_figures(report, today)
    with set_actor(by):
        report.save()
    return report


@transaction.atomic
def status_report_submit(*, report: StatusReport, by, narrative: str | None = None, today=None) -> StatusReport:
    """Freezes the report: figures computed one last time and stored with the narrative."""
    report = _editable(report, by)
    if narrative is not None:
        report.narrative = narrative.strip()
    if not report.narrative:
        raise ValidationError({"narrative": _("Write the narrative before submitting.")})
    _apply_figures(report, today)
    report.status, report.submitted_by, report.submitted_at = ReportStatus.SUBMITTED, by, timezone.now()
    with set_actor(by):
        report.save()
    if report.by_vendor:
        _tell_managers(report)
    return report


def _tell_managers(report):
    from django.contrib.auth import get_user_model

    from bpo.core.services import notify

    managers = get_user_model().objects.filter(
        memberships__program_id=report.program_id, memberships__role="manager", is_active=True
    )
    notify(
        recipients=managers,
        event_key=f"status_report:{report.pk}:submitted",
        title=interpolate(gettext_lazy("Vendor status report submitted: %(report)s"), {"report": str(report)}),
        url=report.get_absolute_url(),
    )


def previous_month(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


# How far back the suggestion looks for a month without a report (when no start date bounds it).
SUGGEST_MONTHS_BACK = 24


def _first_unreported(reported: set[date], start: date | None, today: date) -> date | None:
    """The previous month, else the current month, else the latest earlier month (not before
    `start`'s month, nor more than SUGGEST_MONTHS_BACK back) without a report; None when all have
    one, or when `start` is after the current month (no month can be reported on yet)."""
    previous, current = previous_month(today), today.replace(day=1)
    floor = start.replace(day=1) if start else None
    candidates = [previous, current]
    month = previous
    for _n in range(SUGGEST_MONTHS_BACK):
        month = previous_month(month)
        candidates.append(month)
    for month in candidates:
        if floor and month < floor:
            continue
        if month not in reported:
            return month
    return None


def suggested_period(*, program=None, contract=None, today: date | None = None) -> date | None:
    """The month the "Create draft" form offers: the first month without a report of the program
    (a manager's report) or of the contract (its vendor's), by `_first_unreported`, as of today in
    the program's time zone (`today`: that date instead)."""
    if contract is not None:
        today = today or today_in(contract.program.time_zone)
        reports, start = StatusReport.objects.filter(contract=contract, by_vendor=True), contract.start_date
    else:
        today = today or today_in(program.time_zone)
        reports, start = StatusReport.objects.filter(program=program, by_vendor=False), program.start_date
    return _first_unreported(set(reports.values_list("period", flat=True)), start, today)


def suggested_periods(contracts, today: date | None = None) -> dict[int, date | None]:
    """`suggested_period` of each vendor contract, in one query: {contract id: month or None}. The
    contracts are read with their program (its time zone: today there, unless `today` is given)."""
    contracts = list(contracts)
    reported: dict[int, set[date]] = {c.pk: set() for c in contracts}
    rows = StatusReport.objects.filter(by_vendor=True, contract__in=[c.pk for c in contracts])
    for contract_id, period in rows.values_list("contract_id", "period"):
        reported[contract_id].add(period)
    return {
        c.pk: _first_unreported(reported[c.pk], c.start_date, today or today_in(c.program.time_zone)) for c in contracts
    }
