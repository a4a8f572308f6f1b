"""A background measurement import of 200,000 CSV rows on PostgreSQL (issue #9).

Times the three parts a vendor waits for: the web request (content check of the upload, the
row count that sends it to the background, storing the file), the task on a new file (read,
check every row, save all in one transaction) and the task on the same file sent again (every
row an upsert of an existing sample, none new). The task's queueing is replaced by a direct
call, so no worker or broker is involved and nothing is sent to a shared queue.
"""

import resource
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

ROWS = 200_000
SERVICE_LEVELS = 10
NUMBER = "BENCH-IMPORT-200K"
YEAR = 2025


def _contract_and_user():
    from django.contrib.auth import get_user_model

    from bpo.accounts.choices import Role
    from contracts.models import Contract, ServiceLevel
    from strategy.models import Program
    from vendors.models import Vendor

    program, _ = Program.objects.get_or_create(
        code="BENCH-IMP", defaults={"name": "Import benchmark", "time_zone": "Asia/Shanghai", "currency": "CNY"}
    )
    vendor, _ = Vendor.objects.get_or_create(name="Import Benchmark Vendor Ltd.", defaults={"country": "China"})
    contract, _ = Contract.objects.get_or_create(
        number=NUMBER,
        defaults={
            "program": program,
            "vendor": vendor,
            "title": "200k rows",
            "status": "active",
            "start_date": date(YEAR, 1, 1),
            "end_date": date(YEAR, 12, 31),
            "currency": "CNY",
            "terms_version": 1,
        },
    )
    if not contract.service_levels.exists():
        ServiceLevel.objects.bulk_create(
            [
                ServiceLevel(
                    contract=contract,
                    code=f"IMP{i:02d}",
                    name=f"Level {i}",
                    measure="average",
                    expected=Decimal("50"),
                    minimum=Decimal("40"),
                )
                for i in range(SERVICE_LEVELS)
            ]
        )
    user, _ = get_user_model().objects.get_or_create(
        username="bench-import-vendor",
        defaults={"role": Role.VENDOR_CONTRIBUTOR, "vendor": vendor, "email": "bench-import@example.com"},
    )
    return contract, user


def _csv() -> bytes:
    """200,000 rows spread over the year: 10 service levels, one row every 26 minutes each."""
    lines = ["service_level,measured_at,value,reference"]
    start = datetime(YEAR, 1, 1)
    per_level = ROWS // SERVICE_LEVELS
    for i in range(SERVICE_LEVELS):
        for n in range(per_level):
            when = start + timedelta(minutes=26 * n)
            lines.append(f"IMP{i:02d},{when:%Y-%m-%d %H:%M},{(n * 7) % 1000 / 10:.1f},B-{n}")
    return ("\n".join(lines) + "\n").encode()


def _import(contract, user, data) -> dict:
    """The request's part, then the task's, timed apart; returns the import's figures."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bpo.core.uploads import validate_csv
    from delivery import imports

    upload = SimpleUploadedFile("bench.csv", data, content_type="text/csv")
    began = time.perf_counter()
    validate_csv(upload)
    assert imports.runs_in_background(upload)
    record = imports.measurement_import_start(contract=contract, by=user, upload=upload, language="en")
    request_seconds = time.perf_counter() - began
    began = time.perf_counter()
    imports.measurement_import_run(record.pk)
    task_seconds = time.perf_counter() - began
    record.refresh_from_db()
    assert record.status == "done", record.errors[:3]
    return {
        "request_seconds": round(request_seconds, 2),
        "task_seconds": round(task_seconds, 2),
        "rows_per_second": round(ROWS / task_seconds),
        "rows": record.batch.row_count,
        "new": record.batch.new_count,
    }


def main() -> dict:
    from bench.db import migrated_postgresql

    migrated_postgresql("bench_import")
    from django.conf import settings

    from delivery import imports
    from delivery.models import MeasurementBatch, MeasurementImport, Sample

    imports._queue = lambda import_id: None  # the benchmark runs the task body itself
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the "import ended" e-mail
    contract, user = _contract_and_user()
    Sample.objects.filter(service_level__contract=contract).delete()
    MeasurementImport.objects.filter(contract=contract).delete()
    MeasurementBatch.objects.filter(contract=contract).delete()
    data = _csv()
    first = _import(contract, user, data)
    again = _import(contract, user, data)
    assert (first["new"], again["new"]) == (ROWS, 0)
    return {
        "rows": ROWS,
        "file_mb": round(len(data) / 1024 / 1024, 1),
        "new_file": first,
        "same_file_again": again,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "threshold_rows": imports.async_threshold(),
    }
