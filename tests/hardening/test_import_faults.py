"""A background measurement import under faults: a real Celery worker on Redis, killed while
the import is being saved (issue #9).

The worker (tests/hardening/test_faults.py's instrumented worker) pauses inside the saving
transaction, after every sample is written and the import marked done but before it commits
(at the notification of the uploader). Seen from the test's connection, nothing is saved. The
worker is killed with SIGKILL: PostgreSQL rolls the transaction back, so still nothing is saved.
The next worker, once the import's claim has run out, gets the task again from Redis and saves
the file once: every row, one batch, one notification, the stored file removed. The task once
more changes nothing.

Needs PostgreSQL and Redis (``DATABASE_URL``, ``REDIS_URL``); skipped otherwise.
"""

import time
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from .test_faults import VISIBILITY, Worker, _forget_unacked, needs_worker

ROWS = 3000
TASK = "delivery.tasks.run_measurement_import"
# Inside the saving transaction: the samples written, the import marked done, not committed.
SAVE_PAUSE = "delivery.imports:_notify:1"


def _csv() -> bytes:
    first = datetime(2026, 1, 5)
    lines = ["service_level,measured_at,value,reference"] + [
        f"ASA20,{first + timedelta(minutes=i):%Y-%m-%d %H:%M},{i % 90},K-{i}" for i in range(ROWS)
    ]
    return ("\n".join(lines) + "\n").encode()


@needs_worker
@pytest.mark.timeout(300)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")  # send_task always queues
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_saving_an_import_saves_nothing_and_the_next_saves_it_once(cast, tmp_path, settings):
    from bpo.celery import app
    from bpo.core.models import Notification
    from delivery import imports
    from delivery.models import MeasurementBatch, MeasurementImport, Sample
    from tests.contracts.factories import measured_contract

    settings.MEDIA_ROOT = tmp_path / "media"
    contract = measured_contract(cast)
    with mock.patch.object(imports, "_queue"):  # queued by hand below, on Redis
        record = imports.measurement_import_start(
            contract=contract, by=cast.vendor_x_user, upload=SimpleUploadedFile("big.csv", _csv())
        )
    stored = record.file.name
    assert (tmp_path / "media" / stored).exists()

    app.control.purge()
    _forget_unacked()
    marker = tmp_path / "paused"
    first = Worker(tmp_path, "first", pause=SAVE_PAUSE, marker=marker)
    workers = [first]
    try:
        app.send_task(TASK, args=[record.pk])
        first.wait_for(marker.exists, "the worker to reach the end of the saving transaction")
        record.refresh_from_db()
        assert record.status == "running" and not Sample.objects.exists()  # written, not committed
        first.kill()
        assert not Sample.objects.exists() and not MeasurementBatch.objects.exists()  # rolled back

        # The next worker comes back after STALE_AFTER: the import's claim has run out.
        MeasurementImport.objects.filter(pk=record.pk).update(started_at=F("started_at") - imports.STALE_AFTER)
        time.sleep(VISIBILITY + 1)
        second = Worker(tmp_path, "second")
        workers.append(second)
        second.succeeded()
        record.refresh_from_db()
        assert record.status == "done", (record.status, record.errors[:3])
        assert (record.batch.row_count, record.batch.new_count) == (ROWS, ROWS)
        assert Sample.objects.count() == ROWS and MeasurementBatch.objects.count() == 1
        assert Notification.objects.filter(event_key=f"measurement-import:{record.pk}").count() == 1
        assert not (tmp_path / "media" / stored).exists()

        finished = MeasurementImport.objects.values().get(pk=record.pk)
        samples = sorted(Sample.objects.values_list("pk", "value", "batch_id"))
        app.send_task(TASK, args=[record.pk])
        second.succeeded(times=2)
        assert MeasurementImport.objects.values().get(pk=record.pk) == finished
        assert sorted(Sample.objects.values_list("pk", "value", "batch_id")) == samples
        assert Notification.objects.filter(event_key=f"measurement-import:{record.pk}").count() == 1
    finally:
        for worker in workers:
            worker.stop()
        app.control.purge()
        _forget_unacked()
