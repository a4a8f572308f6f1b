"""The service-level engine on N samples (default 1,000,000): 100 service levels x 12 months, on PostgreSQL.

``BENCH_SAMPLES`` sets N (e.g. ``BENCH_SAMPLES=10000000``); each N has its own contract
(``BENCH-SLA-1M``, ``BENCH-SLA-10M``...), so one database can hold several. The samples are
loaded once, set-based (one ``INSERT ... SELECT`` over ``generate_series`` with a seeded
``random()``: nothing passes through Python; a re-run reuses them), then the benchmark times
the full evaluation of the contract (create the 12 monthly periods, evaluate and finalize
each: results, credits, earn-backs) against the floor: one hand-written aggregate query that
computes every measure of every service level and month over the same rows. Goal: within 2x
of the floor.

Results: bench/results/bench_sla_engine_<N>.json (e.g. ``..._10m.json``; and
bench_sla_engine.json through bench/run.py).
"""

import json
import os
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVICE_LEVELS = 100
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "1000000"))
YEAR = 2025
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def _label(n: int) -> str:
    """1000000 -> '1M', 10000000 -> '10M', 250000 -> '250K', anything else as it is."""
    for size, suffix in ((1_000_000, "M"), (1_000, "K")):
        if n >= size and n % size == 0:
            return f"{n // size}{suffix}"
    return str(n)


LABEL = _label(SAMPLES)
NUMBER = f"BENCH-SLA-{LABEL}"
MEASURES = [
    # (measure, extra): a realistic mix, every measure present
    ("percent_within", {"threshold": Decimal("20")}),
    ("percent_within", {"threshold": Decimal("30")}),
    ("average", {}),
    ("percentile", {"percentile": Decimal("90")}),
    ("percentile", {"percentile": Decimal("95")}),
    ("max", {}),
    ("min", {}),
    ("sum", {}),
    ("count", {}),
    ("reported", {}),
]


def _contract():
    from contracts.models import Contract, ServiceLevel
    from strategy.models import Program
    from vendors.models import Vendor

    program, _ = Program.objects.get_or_create(
        code="BENCH-SLA", defaults={"name": "Engine benchmark", "time_zone": "Asia/Shanghai", "currency": "CNY"}
    )
    vendor, _ = Vendor.objects.get_or_create(name="Benchmark Vendor Ltd.", defaults={"country": "China"})
    contract, created = Contract.objects.get_or_create(
        number=NUMBER,
        defaults={
            "program": program,
            "vendor": vendor,
            "title": f"{LABEL} samples",
            "status": "active",
            "start_date": date(YEAR, 1, 1),
            "end_date": date(YEAR, 12, 31),
            "currency": "CNY",
            "monthly_fee": Decimal("100000.00"),
            "at_risk_pct": Decimal("10"),
            "credit_pool_limit_pct": Decimal("1000"),
            "terms_version": 1,
        },
    )
    if created:
        ServiceLevel.objects.bulk_create(
            [
                ServiceLevel(
                    contract=contract,
                    code=f"SL{i:03d}",
                    name=f"Service level {i}",
                    measure=MEASURES[i % len(MEASURES)][0],
                    direction="higher" if i % 2 else "lower",
                    expected=Decimal("50") if i % 2 else Decimal("40"),
                    minimum=Decimal("40") if i % 2 else Decimal("50"),
                    allocation_pct=Decimal("5"),
                    earn_back_periods=i % 3,
                    min_samples=10,
                    **MEASURES[i % len(MEASURES)][1],
                )
                for i in range(SERVICE_LEVELS)
            ]
        )
    return contract


LOAD_SQL = """
INSERT INTO delivery_sample (service_level_id, measured_at, reference, value, excluded, exclusion_reason)
SELECT sl.id,
       %(start)s::timestamptz + floor(random() * %(span)s) * interval '1 second',
       'r' || n,
       round((random() * 100)::numeric, 4),
       n %% 97 = 0,
       ''
FROM (SELECT id, code FROM contracts_servicelevel WHERE contract_id = %(contract)s) sl
CROSS JOIN generate_series(0, %(per_level)s - 1) AS n
ORDER BY sl.code, n
"""


def _load(contract) -> float:
    """SAMPLES samples spread at random over the year (about SAMPLES / 1,200 per service level
    and month), service level by service level, in one INSERT ... SELECT (seeded: same rows each time)."""
    from django.db import connection, transaction

    from delivery.models import Sample

    if Sample.objects.filter(service_level__contract=contract).count() == SAMPLES // SERVICE_LEVELS * SERVICE_LEVELS:
        return 0.0
    began = time.perf_counter()
    start = datetime(YEAR, 1, 1, tzinfo=UTC) - timedelta(hours=8)  # midnight in Shanghai
    span = int((datetime(YEAR + 1, 1, 1, tzinfo=UTC) - timedelta(hours=8) - start).total_seconds())
    with transaction.atomic(), connection.cursor() as cursor:
        Sample.objects.filter(service_level__contract=contract).delete()
        cursor.execute("SET LOCAL work_mem = '256MB'")  # the ORDER BY sorts in memory, not on disk
        cursor.execute("SELECT setseed(0.2026)")
        cursor.execute(
            LOAD_SQL,
            {"start": start, "span": span, "contract": contract.pk, "per_level": SAMPLES // SERVICE_LEVELS},
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE delivery_sample")
    return time.perf_counter() - began


FLOOR_SQL = """
SELECT s.service_level_id,
       date_trunc('month', s.measured_at AT TIME ZONE %(tz)s) AS month,
       count(*) FILTER (WHERE NOT s.excluded) AS n,
       count(*) FILTER (WHERE s.excluded) AS n_excluded,
       sum(s.value) FILTER (WHERE NOT s.excluded) AS total,
       min(s.value) FILTER (WHERE NOT s.excluded) AS lo,
       max(s.value) FILTER (WHERE NOT s.excluded) AS hi,
       count(*) FILTER (WHERE NOT s.excluded AND s.value <= sl.threshold) AS within,
       percentile_cont(coalesce(sl.percentile, 50) / 100.0) WITHIN GROUP (ORDER BY s.value)
           FILTER (WHERE NOT s.excluded AND sl.measure = 'percentile') AS pct,
       (array_agg(s.value ORDER BY s.measured_at DESC) FILTER (WHERE NOT s.excluded))[1] AS reported
FROM delivery_sample s
JOIN contracts_servicelevel sl ON sl.id = s.service_level_id
WHERE sl.contract_id = %(contract)s
  AND s.measured_at >= %(start)s AND s.measured_at < %(end)s
GROUP BY s.service_level_id, sl.percentile, month
"""


def _floor(contract) -> tuple[float, list]:
    from django.db import connection

    params = {
        "tz": contract.program.time_zone,
        "contract": contract.pk,
        "start": datetime(YEAR, 1, 1, tzinfo=UTC) - timedelta(hours=8),
        "end": datetime(YEAR + 1, 1, 1, tzinfo=UTC) - timedelta(hours=8),
    }
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, params)
        rows = cursor.fetchall()
    return time.perf_counter() - began, rows


def _evaluate(contract) -> tuple[float, dict]:
    from performance.models import Period
    from performance.services import contract_run

    Period.objects.filter(contract=contract).delete()  # a cold, full evaluation every time
    began = time.perf_counter()
    summary = contract_run(contract_id=contract.pk, now=datetime(YEAR + 1, 1, 20, tzinfo=UTC))
    return time.perf_counter() - began, summary


def main() -> dict:
    from bench.db import migrated_postgresql

    migrated_postgresql("bench_sla_engine")
    from performance.models import Credit, Result

    contract = _contract()
    load_seconds = _load(contract)
    _floor(contract)  # warm the cache the same way for both
    floors, engines, summary, rows = [], [], None, []
    for _ in range(RUNS):
        seconds, rows = _floor(contract)
        floors.append(seconds)
        seconds, summary = _evaluate(contract)
        engines.append(seconds)
    floor, engine = statistics.median(floors), statistics.median(engines)
    # The engine and the floor must agree: samples and excluded samples per service level and month.
    floor_counts = {(r[0], r[1].date()): (r[2], r[3]) for r in rows}
    engine_counts = {
        (sl, start): (n, excluded)
        for sl, start, n, excluded in Result.objects.filter(period__contract=contract).values_list(
            "service_level_id", "period__start", "sample_count", "excluded_count"
        )
    }
    result = {
        "samples": SAMPLES,
        "service_levels": SERVICE_LEVELS,
        "months": 12,
        "load_seconds": round(load_seconds, 2),
        "floor_seconds": round(floor, 3),
        "floor_groups": len(rows),
        "engine_agrees_with_floor": floor_counts == engine_counts,
        "engine_seconds": round(engine, 3),
        "ratio_engine_to_floor": round(engine / floor, 2),
        "engine_summary": summary,
        "results": Result.objects.filter(period__contract=contract).count(),
        "credits": Credit.objects.filter(period__contract=contract).count(),
        "runs": RUNS,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"bench_sla_engine_{LABEL.lower()}.json").write_text(json.dumps(result, indent=2, default=str))
    return result
