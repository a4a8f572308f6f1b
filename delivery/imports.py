"""Large CSV imports of measurements, run as a background task (issue #9).

A portal upload with more data rows than settings.MEASUREMENT_IMPORT_ASYNC_ROWS (default
5,000) is stored through Django's storage API, recorded as a MeasurementImport and checked
and saved by the Celery task `delivery.tasks.run_measurement_import`; smaller files are
still checked and saved in the request (delivery/services.py `samples_import_csv`).

The guarantees are those of the request path: the same reading and validation
(`read_csv`, `validate_rows`); all or nothing (the samples and their batch are written in one
transaction); every bad row counted, and the first MAX_STORED_ERRORS kept with their line and
reason; and idempotent: a task delivered twice (a worker killed, a task queued again) saves
nothing the second time. The import row is locked while it is written and marked done in the
same transaction, so a second run finds it done; the samples are upserted on their natural key.
"""

import hashlib
import io
import logging
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bpo.accounts.choices import NotificationCategory
from bpo.core.jobs import lost_job_ids
from bpo.core.services import notify
from contracts.choices import MEASURED
from contracts.models import Contract

from .choices import BatchSource, ImportStatus
from .models import MeasurementImport
from .services import (
    MAX_ROWS,
    IntakeError,
    RowError,
    can_submit,
    finalized_periods,
    read_csv,
    samples_save,
    validate_rows,
)

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=15)  # a running import not finished by then lost its worker
MAX_STORED_ERRORS = 10_000  # bad rows kept on the import (all are counted)
# Progress (%): claimed, file read, rows checked (10 -> 70), saving, done.
CLAIMED, READ, CHECKED, SAVING = 5, 10, 70, 75


def async_threshold() -> int:
    """Uploads with more data rows than this run as a background import."""
    return int(getattr(settings, "MEASUREMENT_IMPORT_ASYNC_ROWS", 5000))


def count_data_rows(data: bytes) -> int:
    """The non-blank lines after the header: a cheap count that decides where the import runs."""
    return sum(1 for line in data.splitlines()[1:] if line.strip(b" \t,;\r"))


def _read_upload(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def runs_in_background(upload) -> bool:
    """Whether this (already content-checked) upload is large enough for a background import."""
    return count_data_rows(_read_upload(upload)) > async_threshold()


def measurement_import_start(*, contract, by, upload, language: str = "") -> MeasurementImport:
    """Store the file, record the import (queued) and queue its task once the transaction commits."""
    if not can_submit(contract, by):
        raise PermissionDenied
    contract = Contract.objects.get(pk=contract.pk)
    if contract.status not in MEASURED:
        raise IntakeError([RowError(0, _("measurements are accepted once the contract is signed"))])
    data = _read_upload(upload)
    row_count = count_data_rows(data)
    if row_count > MAX_ROWS:  # refused at once, not after a wait in the queue
        raise IntakeError([RowError(0, _("at most %(n)s rows per submission") % {"n": MAX_ROWS})])
    name = PurePath(getattr(upload, "name", "") or "measurements.csv").name
    record = MeasurementImport(
        contract=contract,
        file_name=name[:255],
        checksum=hashlib.sha256(data).hexdigest(),
        row_count=row_count,
        language=language or by.language or settings.LANGUAGE_CODE,
        submitted_by=by,
    )
    record.file.save(name, ContentFile(data), save=False)
    with transaction.atomic():
        record.save()
        transaction.on_commit(lambda: _queue(record.pk))
    return record


def _queue(import_id: int) -> None:
    from .tasks import run_measurement_import

    run_measurement_import.delay(import_id)


def _claim(import_id: int) -> MeasurementImport | None:
    """Mark the import running, unless it has ended or another worker started it recently."""
    with transaction.atomic():
        record = MeasurementImport.objects.select_for_update().filter(pk=import_id).first()
        if record is None or record.is_finished:
            return None
        now = timezone.now()
        if record.status == ImportStatus.RUNNING and record.started_at and now - record.started_at < STALE_AFTER:
            return None
        record.status, record.started_at, record.progress = ImportStatus.RUNNING, now, CLAIMED
        record.save(update_fields=["status", "started_at", "progress"])
        return record


def _set_progress(import_id: int, pct: int) -> None:
    MeasurementImport.objects.filter(pk=import_id, status=ImportStatus.RUNNING).update(progress=min(max(pct, 0), 99))


class _Refused(Exception):
    def __init__(self, errors):
        self.errors = errors


def measurement_import_run(import_id: int) -> MeasurementImport | None:
    """The task's body: check every row, then save them all in one transaction, or save nothing
    and keep the bad rows. Returns None when there was nothing to do (ended, or being run)."""
    record = _claim(import_id)
    if record is None:
        return None
    with translation.override(record.language):
        try:
            return _run(record)
        except _Refused as refused:
            return _fail(record, refused.errors)
        except Exception:  # recorded for the uploader; the worker keeps running
            log.exception("measurement import %s failed", record.pk)
            return _fail(record, [RowError(0, _("the import stopped on an unexpected error; nothing was saved"))])


def _run(record: MeasurementImport) -> MeasurementImport:
    contract = Contract.objects.select_related("program").get(pk=record.contract_id)
    by = record.submitted_by
    if not can_submit(contract, by):
        raise _Refused([RowError(0, _("you can no longer send measurements for this contract"))])
    if contract.status not in MEASURED:
        raise _Refused([RowError(0, _("measurements are accepted once the contract is signed"))])
    try:
        with record.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, ValueError) as exc:
        raise _Refused([RowError(0, _("the stored file is missing; upload it again"))]) from exc
    rows, shape_errors = read_csv(io.BytesIO(data))
    _set_progress(record.pk, READ)
    if not rows and not shape_errors:
        raise _Refused([RowError(0, _("there are no rows"))])
    if len(rows) > MAX_ROWS:
        raise _Refused([RowError(0, _("at most %(n)s rows per submission") % {"n": MAX_ROWS})])
    total = max(len(rows), 1)
    finalized = finalized_periods(contract)
    clean, errors = validate_rows(
        contract=contract,
        rows=rows,
        finalized=finalized,
        progress=lambda done: _set_progress(record.pk, READ + (CHECKED - READ) * done // total),
    )
    if shape_errors or errors:
        raise _Refused(sorted(shape_errors + errors, key=lambda e: e.line))
    _set_progress(record.pk, SAVING)
    with transaction.atomic():
        locked = MeasurementImport.objects.select_for_update().get(pk=record.pk)
        if locked.is_finished:  # another delivery of the task ended it meanwhile
            return locked
        if finalized_periods(contract) != finalized:  # a period was finalized while the rows were checked
            clean, errors = validate_rows(contract=contract, rows=rows)
            if errors:
                raise _Refused(errors)
        batch = samples_save(
            contract=contract,
            by=by,
            clean=clean,
            source=BatchSource.CSV,
            file_name=locked.file_name,
            checksum=locked.checksum,
        )
        stored = locked.file.name
        locked.batch, locked.row_count = batch, len(rows)
        locked.status, locked.progress, locked.finished_at = ImportStatus.DONE, 100, timezone.now()
        locked.file = ""
        locked.save(update_fields=["batch", "row_count", "status", "progress", "finished_at", "file"])
        _notify(locked)
        transaction.on_commit(lambda: _delete_file(stored))
    return locked


def _fail(record: MeasurementImport, errors: list[RowError]) -> MeasurementImport:
    """Nothing was saved: keep the bad rows (the first MAX_STORED_ERRORS), drop the file, tell the uploader."""
    stored = record.file.name
    updated = (
        MeasurementImport.objects.filter(pk=record.pk)
        .exclude(status=ImportStatus.DONE)
        .update(
            status=ImportStatus.FAILED,
            error_count=len(errors),
            errors=[[e.line, e.reason] for e in errors[:MAX_STORED_ERRORS]],
            finished_at=timezone.now(),
            file="",
        )
    )
    record.refresh_from_db()
    if updated:
        _delete_file(stored)
        _notify(record)
    return record


def _delete_file(name: str) -> None:
    if name:
        try:
            default_storage.delete(name)
        except OSError:  # already gone: nothing to keep
            log.warning("stored import file %s could not be deleted", name)


def _notify(record: MeasurementImport) -> None:
    """The uploader learns how the import ended (once per import: the event key holds its id)."""
    by = record.submitted_by
    if record.status == ImportStatus.DONE:
        title = _("Measurements imported: %(file)s") % {"file": record.file_name}
        body = _("%(rows)s rows received, %(new)s new samples.") % {
            "rows": record.batch.row_count,
            "new": record.batch.new_count,
        }
    else:
        title = _("Measurements not imported: %(file)s") % {"file": record.file_name}
        if record.error_count == 1 and record.errors and not record.errors[0][0]:
            body = record.errors[0][1]  # the file as a whole was refused: say why
        else:
            body = ngettext(
                "Nothing was saved: %(count)s bad row.", "Nothing was saved: %(count)s bad rows.", record.error_count
            ) % {"count": record.error_count}
    url = reverse("portal:measurement_import", args=[record.pk]) if by.is_vendor_user else ""
    notify(
        recipients=[by],
        event_key=f"measurement-import:{record.pk}",
        title=title,
        body=body,
        url=url,
        category=NotificationCategory.SERVICE_LEVELS,
    )


def requeue_stale(*, now=None) -> list[int]:
    """Queue again the imports whose task was lost (a worker restarted): queued or running for
    longer than STALE_AFTER. Safe: an import that ended is left alone by the task."""
    ids = lost_job_ids(
        MeasurementImport.objects, queued=ImportStatus.QUEUED, running=ImportStatus.RUNNING, after=STALE_AFTER, now=now
    )
    for pk in ids:
        _queue(pk)
    return ids
