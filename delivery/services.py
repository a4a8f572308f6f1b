"""Measurement intake: the portal form, CSV uploads and the API all come through `samples_submit`.

Every row is validated the same way; a submission with any bad row saves nothing and
reports every bad row with its line number and reason. Samples are upserted on their
natural key (service level, time, reference), so re-sending a file or batch adds no duplicates.
"""

import csv
import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bpo.core.dates import date_range_errors
from bpo.core.numbers import not_a_number, typed_decimal
from contracts.choices import MEASURED
from contracts.models import Contract

from .choices import BatchSource
from .models import MeasurementBatch, Sample

CSV_COLUMNS = ["service_level", "measured_at", "value", "reference"]
MAX_ROWS = 200_000
MAX_VALUE = Decimal("99999999999999")  # 14 digits before the decimal point
SAVE_CHUNK = 2000  # rows per INSERT ... ON CONFLICT statement
PROGRESS_EVERY = 10_000  # rows between two progress reports of a background import


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str
    # (column, reason) of each problem of a checked row, "" for the row as a whole: the portal's
    # one-sample form shows each next to its field.
    fields: tuple[tuple[str, str], ...] = ()

    def __str__(self):
        if not self.line:
            return self.reason
        return _("Line %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


class IntakeError(ValidationError):
    """A submission was refused; `.rows` lists every bad row (line number and reason)."""

    def __init__(self, rows: list[RowError]):
        self.rows = rows
        super().__init__([str(r) for r in rows])


def can_submit(contract, user) -> bool:
    """The contract's vendor (portal, API) and the staff who run it may send measurements."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_vendor_user:
        return Contract.objects.visible_to(user).filter(pk=contract.pk).exists()
    return Contract.objects.operable_by(user).filter(pk=contract.pk).exists()


def parse_timestamp(raw: str, tz_name: str):
    """ISO 8601 date and time; without an offset it is read in the program's time zone."""
    value = parse_datetime(raw.strip().replace("/", "-"))
    if value is None:
        return None
    if timezone.is_naive(value):
        value = value.replace(tzinfo=ZoneInfo(tz_name or "UTC"))
    return value


def finalized_periods(contract) -> list[tuple]:
    """(kind, start, end) of the contract's finalized periods: no sample may be added in them."""
    from performance.models import Period

    return list(
        Period.objects.filter(contract=contract, status="finalized")
        .order_by("kind", "start")
        .values_list("kind", "start", "end")
    )


def validate_rows(*, contract, rows, finalized=None, progress=None) -> tuple[list[dict], list[RowError]]:
    """Checks (line, {service_level, measured_at, value, reference}) rows; returns clean rows and errors.

    Three queries whatever the number of rows (the contract's service levels and finalized
    periods are read once; repeats are found in memory). `finalized` passes periods already
    read; `progress(rows_checked)` is called every PROGRESS_EVERY rows (background imports)."""
    tz_name = contract.program.time_zone
    tz = ZoneInfo(tz_name or "UTC")
    levels = {sl.code: sl for sl in contract.service_levels.all()}
    if finalized is None:
        finalized = finalized_periods(contract)
    now = timezone.now()
    seen: dict = {}
    clean, errors = [], []
    for checked, (line, row) in enumerate(rows, start=1):
        if progress is not None and checked % PROGRESS_EVERY == 0:
            progress(checked)
        reasons = []
        code = (row.get("service_level") or "").strip()
        sl = levels.get(code)
        if not code:
            reasons.append(("service_level", _("the service level is missing")))
        elif sl is None:
            reasons.append(("service_level", _("this contract has no service level %(code)s") % {"code": code}))
        elif not sl.active:
            reasons.append(("service_level", _("service level %(code)s is inactive") % {"code": code}))
        raw_ts = (row.get("measured_at") or "").strip()
        measured_at = None
        if not raw_ts:
            reasons.append(("measured_at", _("the time is missing")))
        else:
            try:
                measured_at = parse_timestamp(raw_ts, tz_name)
            except ValueError:
                measured_at = None
            if measured_at is None:
                reasons.append(
                    (
                        "measured_at",
                        _("%(value)s is not a date and time (use 2026-01-31 14:05 or 2026-01-31T14:05:00+08:00)")
                        % {"value": raw_ts},
                    )
                )
        raw_value = (row.get("value") or "").strip()
        value = None
        if not raw_value:
            reasons.append(("value", _("the value is missing")))
        else:
            # Plain digits, commas only grouping thousands (bpo.core.numbers.typed_decimal): Decimal
            # read "1e2" as 100 and "9_9" as 99, and dropping every comma read "85,5" as 855.
            value = typed_decimal(raw_value)
            if value is None:
                reasons.append(("value", not_a_number(raw_value)))
        if value is not None:
            if value < 0:
                reasons.append(("value", _("the value cannot be negative")))
            elif value > MAX_VALUE:
                reasons.append(("value", _("the value is too large")))
            elif value.as_tuple().exponent < -4:
                reasons.append(("value", _("the value has more than 4 decimal places")))
        reference = (row.get("reference") or "").strip()
        if len(reference) > 100:
            reasons.append(("reference", _("the reference is longer than 100 characters")))
        if measured_at is not None:
            # The day in the program's zone, within FIRST_DATE..LAST_DATE (bpo.core.dates): a time in
            # year 1 or 9999 with an offset cannot even be converted (it answered a 500).
            local_day = measured_at.astimezone(tz).date() if 1 < measured_at.year < 9999 else measured_at.date()
            if out_of_range := date_range_errors(measured_at=local_day):
                reasons.append(("measured_at", str(out_of_range["measured_at"])))
            elif measured_at > now:
                reasons.append(("measured_at", _("the time is in the future")))
            elif not (contract.start_date <= local_day <= contract.end_date):
                reasons.append(("measured_at", _("the time is outside the contract's term")))
            elif sl is not None:
                for kind, start, end in finalized:
                    if kind == sl.period and start <= local_day < end:
                        reasons.append(
                            (
                                "measured_at",
                                _("the period starting %(start)s is finalized; ask the program manager to reopen it")
                                % {"start": start.isoformat()},
                            )
                        )
                        break
        if sl is not None and measured_at is not None:
            key = (sl.pk, measured_at, reference)
            if key in seen:
                reasons.append(("", _("repeats line %(line)s") % {"line": seen[key]}))
            else:
                seen[key] = line
        if reasons:
            errors.append(RowError(line, "; ".join(r for _f, r in reasons), fields=tuple(reasons)))
        else:
            clean.append({"service_level": sl, "measured_at": measured_at, "value": value, "reference": reference})
    return clean, errors


@transaction.atomic
def samples_submit(*, contract, by, rows, source: str, file_name: str = "", checksum: str = "") -> MeasurementBatch:
    """Validates and saves a submission, all or nothing. Raises IntakeError listing every bad row."""
    if not can_submit(contract, by):
        raise PermissionDenied
    contract = Contract.objects.select_related("program").get(pk=contract.pk)
    if contract.status not in MEASURED:
        raise IntakeError([RowError(0, _("measurements are accepted once the contract is signed"))])
    rows = list(rows)
    if not rows:
        raise IntakeError([RowError(0, _("there are no rows"))])
    if len(rows) > MAX_ROWS:
        raise IntakeError([RowError(0, _("at most %(n)s rows per submission") % {"n": MAX_ROWS})])
    clean, errors = validate_rows(contract=contract, rows=rows)
    if errors:
        raise IntakeError(errors)
    return samples_save(contract=contract, by=by, clean=clean, source=source, file_name=file_name, checksum=checksum)


@transaction.atomic  # a savepoint inside the caller's transaction
def samples_save(*, contract, by, clean, source: str, file_name: str = "", checksum: str = "") -> MeasurementBatch:
    """Saves validated rows as one batch (inside the caller's transaction): set-based, an upsert on
    the samples' natural key, so saving the same rows twice adds nothing."""
    with set_actor(by):
        batch = MeasurementBatch.objects.create(
            contract=contract,
            source=source,
            file_name=file_name[:255],
            checksum=checksum,
            row_count=len(clean),
            submitted_by=by,
        )
    if connection.vendor == "postgresql":
        batch.new_count = _upsert_postgresql(batch, clean)
    else:
        batch.new_count = _upsert_orm(contract, batch, clean)
    batch.save(update_fields=["new_count"])
    return batch


def _upsert_orm(contract, batch, clean) -> int:
    """Any database: bulk INSERT ... ON CONFLICT in chunks; new samples = the count after - before."""
    before = Sample.objects.filter(service_level__contract=contract).count()
    for start in range(0, len(clean), SAVE_CHUNK):  # chunks: 200,000 model instances never sit in memory at once
        Sample.objects.bulk_create(
            [
                Sample(
                    service_level=r["service_level"],
                    measured_at=r["measured_at"],
                    value=r["value"],
                    reference=r["reference"],
                    batch=batch,
                )
                for r in clean[start : start + SAVE_CHUNK]
            ],
            update_conflicts=True,
            unique_fields=["service_level", "measured_at", "reference"],
            update_fields=["value", "batch"],
        )
    return Sample.objects.filter(service_level__contract=contract).count() - before


def _copy_text(value: str) -> str:
    """A value in COPY's text format (backslash, tab and line breaks escaped)."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


UPSERT_SQL = """
WITH saved AS (
    INSERT INTO {table} (service_level_id, measured_at, reference, value, batch_id, excluded, exclusion_reason)
    SELECT service_level_id, measured_at, reference, value, %s, false, ''
    FROM pg_temp.delivery_sample_import
    ON CONFLICT (service_level_id, measured_at, reference)
    DO UPDATE SET value = EXCLUDED.value, batch_id = EXCLUDED.batch_id
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted) FROM saved
"""


def _upsert_postgresql(batch, clean) -> int:
    """PostgreSQL: one COPY into a temporary table, then one INSERT ... ON CONFLICT for every row;
    about five times faster than the ORM's bulk INSERTs on 200,000 rows (bench/bench_import.py).
    A row PostgreSQL inserted (not updated) has xmax = 0: that counts the new samples without
    counting the contract's samples before and after."""
    buffer = io.StringIO()
    for r in clean:
        buffer.write(
            f"{r['service_level'].pk}\t{r['measured_at'].isoformat()}\t{r['value']}\t{_copy_text(r['reference'])}\n"
        )
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS pg_temp.delivery_sample_import")
        cursor.execute(
            "CREATE TEMPORARY TABLE delivery_sample_import (service_level_id bigint, measured_at timestamptz, "
            "value numeric(18, 4), reference varchar(100)) ON COMMIT DROP"
        )
        cursor.copy_expert(
            "COPY delivery_sample_import (service_level_id, measured_at, value, reference) FROM STDIN", buffer
        )
        cursor.execute(UPSERT_SQL.format(table=connection.ops.quote_name(Sample._meta.db_table)), [batch.pk])
        (new,) = cursor.fetchone()
        cursor.execute("DROP TABLE pg_temp.delivery_sample_import")
    return new


def read_csv(upload) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Reads an uploaded CSV (UTF-8, with or without BOM; comma or semicolon). Line 1 is the header."""
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(1, _("the file is not UTF-8 text"))]
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        return [], [RowError(1, _("the file is empty"))]
    header = [h.strip().lower() for h in header]
    missing = [c for c in CSV_COLUMNS[:3] if c not in header]
    if missing:
        return [], [
            RowError(
                1,
                _("the header must name the columns %(cols)s; missing: %(missing)s")
                % {"cols": ", ".join(CSV_COLUMNS), "missing": ", ".join(missing)},
            )
        ]
    rows, errors = [], []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines are not data
        if len(cells) != len(header):
            errors.append(
                RowError(line, _("expected %(n)s columns, found %(m)s") % {"n": len(header), "m": len(cells)})
            )
            continue
        rows.append((line, dict(zip(header, cells, strict=True))))
    return rows, errors


def samples_import_csv(*, contract, by, upload) -> MeasurementBatch:
    """A CSV file: every bad row (shape or content) is reported; nothing is saved if any is bad."""
    if not can_submit(contract, by):
        raise PermissionDenied
    upload.seek(0)
    digest = hashlib.sha256(upload.read()).hexdigest()
    upload.seek(0)
    rows, shape_errors = read_csv(upload)
    if shape_errors:
        if rows:
            contract = Contract.objects.select_related("program").get(pk=contract.pk)
            _clean, content_errors = validate_rows(contract=contract, rows=rows)
            shape_errors = sorted(shape_errors + content_errors, key=lambda e: e.line)
        raise IntakeError(shape_errors)
    return samples_submit(
        contract=contract,
        by=by,
        rows=rows,
        source=BatchSource.CSV,
        file_name=getattr(upload, "name", ""),
        checksum=digest,
    )


def csv_template(contract) -> str:
    """The CSV template: the header and one example row per active service level of the contract.

    The example rows leave the value empty: sent back unedited, the template is refused (the
    value is missing) instead of saving a 0 for every service level, which breached them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    example_day = min(timezone.localdate(), contract.end_date)
    for sl in contract.service_levels.filter(active=True).order_by("code"):
        writer.writerow([sl.code, f"{example_day.isoformat()} 09:00", "", "example-1"])
    return out.getvalue()


@transaction.atomic
def sample_set_exclusion(*, sample, by, excluded: bool, reason: str = "") -> Sample:
    """Staff flag a sample as an approved exclusion (planned maintenance, force majeure), or clear it."""
    from performance.models import Period

    if not Sample.objects.editable_by(by).filter(pk=sample.pk).exists():
        raise PermissionDenied
    sample = Sample.objects.select_for_update().select_related("service_level__contract__program").get(pk=sample.pk)
    if excluded and not reason.strip():
        raise ValidationError({"exclusion_reason": gettext_lazy("Say why the sample is excluded.")})
    contract = sample.service_level.contract
    local_day = sample.measured_at.astimezone(ZoneInfo(contract.program.time_zone or "UTC")).date()
    if Period.objects.filter(
        contract=contract, kind=sample.service_level.period, start__lte=local_day, end__gt=local_day, status="finalized"
    ).exists():
        raise ValidationError(_("Its period is finalized; a program manager must reopen it first."))
    sample.excluded = excluded
    sample.exclusion_reason = reason.strip() if excluded else ""
    sample.excluded_by = by if excluded else None
    sample.excluded_at = timezone.now() if excluded else None
    with set_actor(by):
        sample.save(update_fields=["excluded", "exclusion_reason", "excluded_by", "excluded_at"])
    return sample


def parse_api_rows(items) -> list[tuple[int, dict]]:
    """API items (1-based positions stand in for line numbers)."""
    return [
        (i, {k: "" if item.get(k) is None else str(item.get(k)) for k in CSV_COLUMNS})
        for i, item in enumerate(items, start=1)
        if isinstance(item, dict)
    ]
