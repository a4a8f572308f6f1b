"""Reads for the service-level dashboard (staff and portal alike)."""

from decimal import Decimal

from django.db.models import Count, Sum

from contracts.models import ServiceLevel

from .choices import CreditStatus, PeriodStatus, ResultState
from .models import Credit, Period, Result

TREND_PERIODS = 12
STATE_COLORS = {
    ResultState.MET: "#0b6e4f",
    ResultState.MINOR: "#8a5a00",
    ResultState.BREACH: "#a4161a",
    ResultState.INSUFFICIENT: "#5a6678",
}
W, H, PAD = 320, 90, 8


def _trend_svg(points, expected, minimum):
    """Coordinates of a small line chart: the values, and the expected and minimum levels as lines."""
    values = [p["value"] for p in points if p["value"] is not None]
    scale = [*values, expected, minimum]
    lo, hi = min(scale), max(scale)
    if hi == lo:
        hi, lo = hi + 1, lo - 1
    span = hi - lo
    step = (W - 2 * PAD) / max(len(points) - 1, 1)

    def y(v):
        return round(float(PAD + (H - 2 * PAD) * (1 - (Decimal(v) - lo) / span)), 1)

    dots = []
    for i, p in enumerate(points):
        if p["value"] is not None:
            dots.append({"x": round(PAD + i * step, 1), "y": y(p["value"]), "color": STATE_COLORS[p["state"]], **p})
    return {
        "width": W,
        "height": H,
        "line": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
        "expected_y": y(expected),
        "minimum_y": y(minimum),
    }


def dashboard(contract) -> dict:
    """Each active service level's trend over the last 12 periods, the current provisional state
    with early warnings, the credits by status, and the periods."""
    sls = list(ServiceLevel.objects.filter(contract=contract, active=True).order_by("code"))
    periods = list(Period.objects.filter(contract=contract).order_by("kind", "-start"))
    recent = {}
    for p in periods:
        recent.setdefault(p.kind, [])
        if len(recent[p.kind]) < TREND_PERIODS:
            recent[p.kind].append(p)
    wanted = [p.pk for ps in recent.values() for p in ps]
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
                "chart": _trend_svg(points, sl.expected, sl.minimum) if points else None,
            }
        )
    by_status = {
        row["status"]: row
        for row in Credit.objects.filter(period__contract=contract)
        .values("status")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
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
    credits = Credit.objects.filter(period__contract=contract).select_related("period", "service_level")[:36]
    return {
        "levels": levels,
        "warnings": warnings,
        "credit_totals": credit_totals,
        "credits": credits,
        "periods": [p for p in sorted(periods, key=lambda p: p.start, reverse=True)][:24],
    }
