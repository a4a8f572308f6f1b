"""Reads for the service-level dashboard (staff and portal alike)."""

from datetime import date
from decimal import Decimal

from django.db.models import Count

from bpo.core.money import money_sum
from contracts.models import ServiceLevel

from .choices import CreditStatus, PeriodStatus, ResultState
from .insight.charts import sla_trend_chart
from .models import Credit, Period, Result

TREND_PERIODS = 12


def dashboard(contract, *, start: date | None = None, end: date | None = None) -> dict:
    """Each active service level's trend over the last 12 periods, the current provisional state
    with early warnings, the credits by status, and the periods.

    With `start` and `end` (exclusive, as a period's own [start, end)): the periods that start in
    that window, all of them, instead of the last 12, and only their credits (a report's months).
    The number of queries does not depend on the number of periods or results."""
    sls = list(ServiceLevel.objects.filter(contract=contract, active=True).order_by("code"))
    period_rows = Period.objects.filter(contract=contract)
    credit_rows = Credit.objects.filter(period__contract=contract)
    if start is not None or end is not None:
        window = {"start__gte": start, "start__lt": end}
        window = {k: v for k, v in window.items() if v is not None}
        period_rows = period_rows.filter(**window)
        credit_rows = credit_rows.filter(**{f"period__{k}": v for k, v in window.items()})
        limit = None
    else:
        limit = TREND_PERIODS
    periods = list(period_rows.order_by("kind", "-start"))
    recent = {}
    for p in periods:
        recent.setdefault(p.kind, [])
        if limit is None or len(recent[p.kind]) < limit:
            recent[p.kind].append(p)
    # A window may hold many periods: select their results with a subquery, not a list of ids.
    wanted = period_rows.values("pk") if limit is None else [p.pk for ps in recent.values() for p in ps]
    results = {
        (r.period_id, r.service_level_id): r for r in Result.objects.filter(period__in=wanted).select_related("period")
    }
    levels, warnings = [], []
    for sl in sls:
        kind_periods = list(reversed(recent.get(sl.period, [])))
        points = []
        for p in kind_periods:
            r = results.get((p.pk, sl.pk))
            points.append(
                {
                    "label": p.label,
                    "value": r.value if r else None,
                    "state": r.state if r else ResultState.INSUFFICIENT,
                    "state_label": ResultState(r.state if r else ResultState.INSUFFICIENT).label,
                    "final": p.status == PeriodStatus.FINALIZED,
                }
            )
        current = None
        if kind_periods:
            latest = kind_periods[-1]
            current = results.get((latest.pk, sl.pk))
            if current and latest.status == PeriodStatus.PROVISIONAL and current.state != ResultState.MET:
                warnings.append({"service_level": sl, "result": current, "period": latest})
        levels.append(
            {
                "sl": sl,
                "points": points,
                "current": current,
                "chart": sla_trend_chart(sl, points) if points else None,
            }
        )
    by_status = {
        row["status"]: row
        for row in credit_rows.values("status").annotate(total=money_sum("amount"), n=Count("pk")).order_by()
    }
    credit_totals = [
        {
            "status": status,
            "label": label,
            "total": by_status.get(status, {}).get("total") or Decimal("0.00"),
            "n": by_status.get(status, {}).get("n") or 0,
        }
        for status, label in CreditStatus.choices
    ]
    credits = credit_rows.select_related("period", "service_level")[:36]
    return {
        "levels": levels,
        "warnings": warnings,
        "credit_totals": credit_totals,
        "credits": credits,
        "periods": [p for p in sorted(periods, key=lambda p: p.start, reverse=True)][:24],
    }
