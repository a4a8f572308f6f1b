"""The service-level engine (DOMAIN.md, "The service-level engine"). Finance reconciles against this.

For each service level and period: the samples whose timestamp falls in the period (in the
program's time zone), minus approved exclusions, give one value per measure:

- percent_within: 100 x (samples with value <= threshold) / samples
- average: sum / samples;  sum;  count (= samples);  min;  max
- percentile p: PostgreSQL's percentile_cont(p / 100) (linear interpolation between the two
  nearest ranks: position p/100 x (n - 1) in the sorted values, counted from 0)
- reported: the latest sample of the period (the vendor's reported period value)

Values are rounded half-up to 4 decimal places before they are compared with the levels.
Higher is better: value >= expected MET, minimum <= value < expected MINOR, value < minimum
BREACH; lower is better is the mirror image; fewer samples than the minimum: INSUFFICIENT.

Everything is set-based: one aggregate query (with FILTER) for all service levels of a
period (on PostgreSQL it also computes every percentile, percentile_cont(p / 100) with p a
grouping column), and one subquery for reported values. SQLite
has no percentile_cont, so there the percentile comes from a window-function query that
returns at most the two neighbouring ranks per service level; the interpolation is the
same formula. Samples are never loaded into Python.
"""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Max, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce

from contracts.choices import Direction, Measure, PeriodKind

from .choices import ResultState

CENT = Decimal("0.01")
FOUR = Decimal("0.0001")
HUNDRED = Decimal("100")


def q4(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(FOUR, rounding=ROUND_HALF_UP)


def cents(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


# --- Periods ----------------------------------------------------------------------------


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """The period of this kind that contains `day`: [start, end). Months and quarters are
    calendar ones; weeks run Monday to Sunday."""
    if kind == PeriodKind.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=7)
    months = 3 if kind == PeriodKind.QUARTERLY else 1
    first_month = ((day.month - 1) // months) * months + 1
    start = date(day.year, first_month, 1)
    index = first_month - 1 + months
    return start, date(day.year + index // 12, index % 12 + 1, 1)


def local_range(start: date, end: date, tz_name: str) -> tuple[datetime, datetime]:
    """The period's instants: midnight at its start to midnight at its end, in the program's time zone."""
    tz = ZoneInfo(tz_name or "UTC")
    return datetime.combine(start, time.min, tzinfo=tz), datetime.combine(end, time.min, tzinfo=tz)


def contract_versions(contracts) -> dict:
    """The versions (money terms and the day each is in force from) of these contracts (ids, or a
    queryset of contracts), in one query, for `period_charges` and `terms_in_force` of any number
    of their periods."""
    from contracts.terms_in_force import versions_by_contract

    return versions_by_contract(contracts)


def terms_in_force(contract, day: date, versions: dict | None = None):
    """The contract's monthly fee and at-risk % in force on `day` (its version's, so an amendment
    taking effect later does not change an earlier period; contracts.terms_in_force)."""
    from contracts.terms_in_force import terms_on

    return terms_on(contract, day, versions)


def period_charges(contract, kind: str, start: date, end: date, versions: dict | None = None) -> Decimal:
    """The period's charges: for each month of a monthly or quarterly period, the lines of the
    contract's approved invoices for that month (delivery.Invoice), or the monthly fee in force on
    the month's first day where there is no approved invoice yet (the fee the month's invoice
    carries: delivery.invoicing). A week is 12/52 of the monthly fee in force on its first day
    (invoices are monthly). `versions`: from contract_versions (read here when not given)."""
    if versions is None:
        versions = contract_versions([contract.pk])
    if kind == PeriodKind.WEEKLY:
        return cents(terms_in_force(contract, start, versions).monthly_fee * Decimal(12) / 52)
    from delivery.selectors import approved_charges_by_month

    invoiced = approved_charges_by_month(contract=contract, start=start, end=end)
    total, month = Decimal(0), start.replace(day=1)
    while month < end:
        if month in invoiced:
            total += invoiced[month]
        else:
            total += terms_in_force(contract, month, versions).monthly_fee
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return cents(total)


def at_risk_amount(terms, charges: Decimal) -> Decimal:
    """at-risk amount = at-risk % x the period's charges, in cents (half-up). `terms`: those in
    force on the period's first day (terms_in_force), or anything with an `at_risk_pct`."""
    return cents(charges * terms.at_risk_pct / HUNDRED)


# --- States and credits -----------------------------------------------------------------


def classify(value, *, expected, minimum, direction, sample_count, min_samples) -> str:
    if sample_count < min_samples or value is None:
        return ResultState.INSUFFICIENT
    if direction == Direction.LOWER:
        if value <= expected:
            return ResultState.MET
        return ResultState.MINOR if value <= minimum else ResultState.BREACH
    if value >= expected:
        return ResultState.MET
    return ResultState.MINOR if value >= minimum else ResultState.BREACH


def allocate_credits(at_risk: Decimal, allocations: list[tuple]) -> dict:
    """Credits of one contract in one period. `allocations`: (key, allocation %) of each breached
    SLA, in the contract's order (by code). Returns key -> (uncapped amount, credit).

    Each credit is at-risk amount x allocation %. When they sum above the at-risk amount,
    every credit is scaled by the same factor (at-risk / sum), so credit = at-risk x
    allocation / sum of allocations. Each is rounded half-up to cents; the cents left over
    (or taken back) by the rounding go to the largest credit (the first in order on a tie),
    so the total equals the cap exactly.
    """
    if not allocations:
        return {}
    exact = {key: at_risk * pct / HUNDRED for key, pct in allocations}
    total_pct = sum((pct for _key, pct in allocations), Decimal(0))
    capped = sum(exact.values(), Decimal(0)) > at_risk
    scaled = {key: at_risk * pct / total_pct for key, pct in allocations} if capped else exact
    amounts = {key: cents(v) for key, v in scaled.items()}
    total = sum(amounts.values(), Decimal(0))
    if capped or total > at_risk:
        largest = max(allocations, key=lambda kv: scaled[kv[0]])[0]  # max() keeps the first of equals
        amounts[largest] += at_risk - total
    return {key: (cents(exact[key]), amounts[key]) for key, _pct in allocations}


# --- Measures, set-based ----------------------------------------------------------------


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate: percentile_cont(fraction) WITHIN GROUP (ORDER BY expression).

    The fraction may be an expression over grouping columns (here each service level's p / 100),
    so one query computes every service level's percentile."""

    function = "percentile_cont"
    template = "%(function)s(%(expressions)s)"
    arg_joiner = ") WITHIN GROUP (ORDER BY "
    output_field = FloatField()

    def __init__(self, fraction, expression, **extra):
        super().__init__(fraction, expression, **extra)


def _samples(service_levels, start_dt, end_dt):
    from delivery.models import Sample

    return Sample.objects.filter(
        service_level__in=[sl.pk for sl in service_levels], measured_at__gte=start_dt, measured_at__lt=end_dt
    )


def measure_values(service_levels, start_dt, end_dt) -> dict:
    """sl id -> {"value", "n", "excluded"} for the samples in [start_dt, end_dt), in a few aggregate queries."""
    if not service_levels:
        return {}
    base = _samples(service_levels, start_dt, end_dt)
    kept = Q(excluded=False)
    postgres = connection.vendor == "postgresql"
    percentile_levels = [sl for sl in service_levels if sl.measure == Measure.PERCENTILE]
    group = ["service_level_id", "service_level__percentile"] if postgres else ["service_level_id"]
    aggregates = {
        "n": Count("pk", filter=kept),
        "n_excluded": Count("pk", filter=Q(excluded=True)),
        "total": Sum("value", filter=kept),
        "lo": Min("value", filter=kept),
        "hi": Max("value", filter=kept),
        "within": Count("pk", filter=kept & Q(value__lte=F("service_level__threshold"))),
    }
    if postgres and percentile_levels:
        # The same scan computes the percentiles: p is a grouping column, so it may be the fraction.
        fraction = Cast(Coalesce(F("service_level__percentile"), Value(Decimal(50))) / Value(HUNDRED), FloatField())
        aggregates["pct"] = PercentileCont(
            fraction, "value", filter=kept & Q(service_level__measure=Measure.PERCENTILE)
        )
    rows = base.values(*group).annotate(**aggregates).order_by()
    agg = {r["service_level_id"]: r for r in rows}
    if postgres:
        percentiles = {pk: r.get("pct") for pk, r in agg.items()}
    else:
        percentiles = _percentiles_window(percentile_levels, base.filter(excluded=False)) if percentile_levels else {}
    reported = _reported([sl for sl in service_levels if sl.measure == Measure.REPORTED], start_dt, end_dt)
    out = {}
    for sl in service_levels:
        r = agg.get(sl.pk, {})
        n = r.get("n") or 0
        value = None
        if sl.measure == Measure.COUNT:
            value = Decimal(n)
        elif sl.measure == Measure.SUM:
            value = q4(r.get("total") or 0)
        elif n == 0:
            value = None
        elif sl.measure == Measure.PERCENT_WITHIN:
            value = q4(Decimal(r["within"]) * HUNDRED / Decimal(n))
        elif sl.measure == Measure.AVERAGE:
            value = q4(Decimal(str(r["total"])) / Decimal(n))
        elif sl.measure == Measure.MIN:
            value = q4(r["lo"])
        elif sl.measure == Measure.MAX:
            value = q4(r["hi"])
        elif sl.measure == Measure.PERCENTILE:
            value = q4(percentiles.get(sl.pk))
        elif sl.measure == Measure.REPORTED:
            value = q4(reported.get(sl.pk))
        out[sl.pk] = {"value": value, "n": n, "excluded": r.get("n_excluded") or 0}
    return out


def _percentiles_window(service_levels, kept) -> dict:
    """percentile_cont without the aggregate: rank the values per service level with window
    functions in SQL and fetch only the two ranks around p/100 x (n - 1); interpolate here."""
    sql, params = kept.values("service_level_id", "value").order_by().query.sql_with_params()
    fractions = {sl.pk: sl.percentile / HUNDRED for sl in service_levels}
    cases = " ".join(f"WHEN {int(pk)} THEN {float(f)!r}" for pk, f in fractions.items())
    wrapped = f"""
        WITH base AS ({sql}),
        ranked AS (
            SELECT service_level_id AS sl, value AS v,
                   ROW_NUMBER() OVER (PARTITION BY service_level_id ORDER BY value) - 1 AS rn,
                   COUNT(*) OVER (PARTITION BY service_level_id) AS n,
                   CASE service_level_id {cases} END AS f
            FROM base
        )
        SELECT sl, rn, n, f, v FROM ranked
        WHERE rn = CAST(f * (n - 1) AS INTEGER) OR rn = CAST(f * (n - 1) AS INTEGER) + 1
        ORDER BY sl, rn
    """
    picked: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        for sl, rn, n, _f, v in cursor.fetchall():
            picked.setdefault(sl, {"n": n})[rn] = Decimal(str(v))
    out = {}
    for sl, ranks in picked.items():
        position = fractions[sl] * (ranks["n"] - 1)
        low = int(position)
        lo_value = ranks[low]
        hi_value = ranks.get(low + 1, lo_value)
        out[sl] = lo_value + (position - low) * (hi_value - lo_value)
    return out


def _reported(service_levels, start_dt, end_dt) -> dict:
    """The latest non-excluded sample of each `reported` service level in the period (one query)."""
    if not service_levels:
        return {}
    from contracts.models import ServiceLevel
    from delivery.models import Sample

    latest = Sample.objects.filter(
        service_level=OuterRef("pk"), excluded=False, measured_at__gte=start_dt, measured_at__lt=end_dt
    ).order_by("-measured_at", "-pk")
    rows = (
        ServiceLevel.objects.filter(pk__in=[sl.pk for sl in service_levels])
        .annotate(v=Subquery(latest.values("value")[:1]))
        .values_list("pk", "v")
    )
    return {pk: v for pk, v in rows if v is not None}
