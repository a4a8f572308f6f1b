"""Background measurement imports (issue #9): a portal upload above the threshold is stored,
checked and saved by its task, all or nothing, with every bad row kept; a second run of the
task changes nothing; the vendor follows it on a page only its own users can open."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bpo.core.models import Notification
from delivery import imports, services, tasks
from delivery.models import MeasurementBatch, MeasurementImport, Sample
from tests.contracts.factories import ContractFactory, measured_contract

HEADER = "service_level,measured_at,value,reference\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def contract(cast):
    cast.program_a.time_zone = "Asia/Shanghai"
    cast.program_a.save()
    contract = measured_contract(cast)
    return contract


def rows(n, start=0):
    """n good rows, one minute apart from 2026-01-05 00:00 (program time), references R-<i>."""
    first = datetime(2026, 1, 5)
    return "".join(
        f"ASA20,{first + timedelta(minutes=i):%Y-%m-%d %H:%M},{i % 100},R-{i}\n" for i in range(start, start + n)
    )


def upload(text, name="big.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def post_upload(client, contract, text, capture):
    url = reverse("portal:measurement_contract", args=[contract.pk])
    with capture(execute=True):
        return client.post(url, {"step": "upload", "file": upload(text)})


def start(cast, contract, text, capture, by=None):
    """Start an import through the service and let its task run (eager in the tests)."""
    with capture(execute=True):
        record = imports.measurement_import_start(contract=contract, by=by or cast.vendor_x_user, upload=upload(text))
    record.refresh_from_db()
    return record


def test_a_file_above_the_threshold_is_imported_by_the_task(cast, contract, client, django_capture_on_commit_callbacks):
    assert imports.async_threshold() == 5000  # the default
    client.force_login(cast.vendor_x_user)
    response = post_upload(client, contract, HEADER + rows(5001), django_capture_on_commit_callbacks)
    record = MeasurementImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:measurement_import", args=[record.pk])
    assert (record.status, record.progress, record.row_count, record.error_count) == ("done", 100, 5001, 0)
    assert (record.batch.row_count, record.batch.new_count, record.batch.source) == (5001, 5001, "csv")
    assert record.batch.file_name == "big.csv" and record.batch.checksum == record.checksum
    assert Sample.objects.filter(service_level__contract=contract).count() == 5001
    # 00:00 in Shanghai is 16:00 UTC the day before.
    assert Sample.objects.get(reference="R-0").measured_at == datetime(2026, 1, 4, 16, 0, tzinfo=UTC)
    assert not record.file and not default_storage.listdir(f"measurement-imports/{contract.pk}")[1]
    note = Notification.objects.get(recipient=cast.vendor_x_user, event_key=f"measurement-import:{record.pk}")
    assert "big.csv" in note.title and "5001" in note.body and note.url.endswith(f"/imports/{record.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="done"' in page and "Imported." in page and "every 2s" not in page


def test_a_file_at_the_threshold_stays_in_the_request(cast, contract, client, settings):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 3
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:measurement_contract", args=[contract.pk])
    response = client.post(url, {"step": "upload", "file": upload(HEADER + rows(3))})
    assert response.status_code == 302 and response["Location"] == url
    assert not MeasurementImport.objects.exists() and Sample.objects.count() == 3


def test_bad_rows_save_nothing_and_each_is_kept_with_its_line(
    cast, contract, client, settings, django_capture_on_commit_callbacks
):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 3
    text = HEADER + rows(2) + "NOPE,2026-01-05 09:00,1,a\n" + rows(3, start=10) + "ASA20,2026-01-05 09:00,x,b\n"
    client.force_login(cast.vendor_x_admin)
    response = post_upload(client, contract, text, django_capture_on_commit_callbacks)
    record = MeasurementImport.objects.get()
    assert (record.status, record.error_count, record.batch) == ("failed", 2, None)
    assert [line for line, _reason in record.errors] == [4, 8]
    assert "no service level NOPE" in record.errors[0][1] and "x is not a number" in record.errors[1][1]
    assert not Sample.objects.exists() and not MeasurementBatch.objects.exists()
    assert not record.file  # the stored file is removed once the import ended
    note = Notification.objects.get(recipient=cast.vendor_x_admin, event_key=f"measurement-import:{record.pk}")
    assert "not imported" in note.title and "2 bad rows" in note.body
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="failed"' in page and "Nothing was saved" in page
    assert "<td>4</td>" in page and "<td>8</td>" in page and "every 2s" not in page


def test_a_file_with_the_wrong_header_fails_with_the_reason(
    cast, contract, settings, django_capture_on_commit_callbacks
):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 1
    record = start(cast, contract, "when,value\n2026-01-05,1\n2026-01-06,2\n", django_capture_on_commit_callbacks)
    assert record.status == "failed" and record.errors[0][0] == 1 and "missing: service_level" in record.errors[0][1]


def test_many_bad_rows_are_counted_kept_up_to_the_cap_and_paginated(
    cast, contract, client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 10
    monkeypatch.setattr(imports, "MAX_STORED_ERRORS", 150)
    bad = "".join(f"ASA20,2026-01-05 09:00,v{i},r{i}\n" for i in range(200))
    record = start(cast, contract, HEADER + bad, django_capture_on_commit_callbacks)
    assert (record.status, record.error_count, len(record.errors)) == ("failed", 200, 150)
    assert record.errors[0][0] == 2 and record.errors[-1][0] == 151
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:measurement_import", args=[record.pk])
    first = client.get(url).content.decode()
    assert "200 bad rows" in first and "The first 150 are listed" in first and "1 / 2" in first
    assert "v0 is not a number" in first and "v100 is not a number" not in first
    second = client.get(url + "?page=2").content.decode()
    assert "v100 is not a number" in second and "v149 is not a number" in second and "v150" not in second


def test_running_the_task_twice_changes_nothing(cast, contract, settings, django_capture_on_commit_callbacks):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 10
    record = start(cast, contract, HEADER + rows(40), django_capture_on_commit_callbacks)
    assert record.status == "done"

    def state():
        return (
            sorted(Sample.objects.values_list("pk", "value", "batch_id")),
            list(MeasurementBatch.objects.values_list("pk", "row_count", "new_count")),
            list(MeasurementImport.objects.values_list("status", "progress", "finished_at", "batch_id")),
            Notification.objects.filter(event_key=f"measurement-import:{record.pk}").count(),
        )

    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_measurement_import.delay(record.pk)  # a redelivered task
    assert state() == before
    assert before[3] == 1 and len(before[0]) == 40


def test_a_task_redelivered_after_its_worker_died_saves_once(
    cast, contract, settings, django_capture_on_commit_callbacks
):
    """The worker died while checking (its transaction never committed): once the claim is stale,
    the next delivery does the whole import, once; a further delivery does nothing."""
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 10
    with django_capture_on_commit_callbacks(execute=False):  # the task is lost with the worker
        record = imports.measurement_import_start(
            contract=contract, by=cast.vendor_x_user, upload=upload(HEADER + rows(30))
        )
    MeasurementImport.objects.filter(pk=record.pk).update(
        status="running", progress=40, started_at=timezone.now() - timedelta(minutes=1)
    )
    assert imports.measurement_import_run(record.pk) is None  # another worker holds a fresh claim
    assert not Sample.objects.exists()
    MeasurementImport.objects.filter(pk=record.pk).update(started_at=timezone.now() - imports.STALE_AFTER * 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert imports.requeue_stale() == [record.pk]  # the hourly job queues it again (eager: runs it)
    record.refresh_from_db()
    assert (record.status, record.batch.new_count) == ("done", 30)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_measurement_import.delay(record.pk)
        assert imports.requeue_stale() == []
    assert Sample.objects.count() == 30 and MeasurementBatch.objects.count() == 1


def test_the_same_file_imported_again_adds_no_samples(cast, contract, settings, django_capture_on_commit_callbacks):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 10
    start(cast, contract, HEADER + rows(25), django_capture_on_commit_callbacks)
    again = start(cast, contract, HEADER + rows(25), django_capture_on_commit_callbacks)
    assert (again.status, again.batch.row_count, again.batch.new_count) == ("done", 25, 0)
    assert Sample.objects.count() == 25


def test_an_uploader_who_lost_access_saves_nothing(cast, contract, settings, django_capture_on_commit_callbacks):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 10
    with django_capture_on_commit_callbacks(execute=False):
        record = imports.measurement_import_start(
            contract=contract, by=cast.vendor_x_user, upload=upload(HEADER + rows(20))
        )
    contract.vendor = cast.vendor_y
    contract.save(update_fields=["vendor"])
    record = imports.measurement_import_run(record.pk)
    assert record.status == "failed" and "no longer send" in record.errors[0][1]
    assert not Sample.objects.exists()


def test_checking_rows_reads_the_same_few_queries_for_10_or_1000_rows(cast, contract):
    contract = type(contract).objects.select_related("program").get(pk=contract.pk)

    def count(n):
        parsed = [
            (i + 2, dict(zip(["service_level", "measured_at", "value", "reference"], r.split(","), strict=True)))
            for i, r in enumerate(rows(n).splitlines())
        ]
        with CaptureQueriesContext(connection) as ctx:
            clean, errors = services.validate_rows(contract=contract, rows=parsed)
        assert len(clean) == n and not errors
        return len(ctx.captured_queries)

    assert count(10) == count(1000) == 2  # the service levels, the finalized periods


def test_another_vendor_gets_404_and_staff_403_on_the_import_pages(
    cast, contract, client, settings, django_capture_on_commit_callbacks
):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 10
    record = start(cast, contract, HEADER + rows(20), django_capture_on_commit_callbacks)
    urls = [
        reverse("portal:measurement_import", args=[record.pk]),
        reverse("portal:measurement_import_status", args=[record.pk]),
        reverse("portal:measurement_imports", args=[contract.pk]),
    ]
    for user, status in ((cast.vendor_x_admin, 200), (cast.vendor_y_admin, 404), (cast.manager, 403)):
        client.force_login(user)
        assert [client.get(u).status_code for u in urls] == [status] * 3, user


@pytest.mark.parametrize(
    ("state", "shown", "polls"),
    [
        ({"status": "queued"}, "Waiting for a worker", True),
        ({"status": "running", "progress": 40}, "Checking the rows… 40%", True),
        ({"status": "running", "progress": 75}, "Saving the samples… 75%", True),
        (
            {"status": "failed", "error_count": 1, "errors": [[3, "the value is missing"]]},
            "the value is missing",
            False,
        ),
    ],
)
def test_progress_fragment_states(cast, contract, client, state, shown, polls):
    record = MeasurementImport.objects.create(
        contract=contract, file_name="x.csv", row_count=9000, submitted_by=cast.vendor_x_user, **state
    )
    client.force_login(cast.vendor_x_user)
    body = client.get(reverse("portal:measurement_import_status", args=[record.pk])).content.decode()
    assert shown in body
    assert ('hx-trigger="every 2s"' in body) is polls
    assert "<script" not in body
    page = client.get(reverse("portal:measurement_import", args=[record.pk])).content.decode()
    assert shown in page and ("every 2s" in page) is polls


def imports_table(page: str) -> str:
    start = page.index('data-testid="imports"')
    return page[start : page.index("</table>", start)]


def test_the_lists_show_each_import_with_its_status(
    cast, contract, client, settings, django_capture_on_commit_callbacks
):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 10
    start(cast, contract, HEADER + rows(20), django_capture_on_commit_callbacks)
    start(cast, contract, HEADER + rows(20) + "ASA20,soon,1,z\n", django_capture_on_commit_callbacks)
    MeasurementImport.objects.create(contract=contract, file_name="waiting.csv", submitted_by=cast.vendor_x_user)
    other = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, status="active", terms_version=1)
    MeasurementImport.objects.create(contract=other, file_name="secret-y.csv", submitted_by=cast.vendor_y_admin)
    client.force_login(cast.vendor_x_user)
    for url in (
        reverse("portal:measurement_imports", args=[contract.pk]),
        reverse("portal:measurement_contract", args=[contract.pk]),
    ):
        body = imports_table(client.get(url).content.decode())
        assert body.count("big.csv") == 2 and "waiting.csv" in body and "secret-y.csv" not in body
        assert "Done" in body and "Failed" in body and "Queued" in body
    client.force_login(cast.manager)
    staff = imports_table(client.get(reverse("delivery:measurement_list", args=[contract.pk])).content.decode())
    assert staff.count("big.csv") == 2 and "Failed" in staff


def test_the_api_stays_synchronous_whatever_the_size(cast, contract, client, settings):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 1
    client.force_login(cast.vendor_x_user)
    samples = [
        {"service_level": "ASA20", "measured_at": f"2026-01-05 09:0{i}", "value": i, "reference": f"A{i}"}
        for i in range(3)
    ]
    response = client.post(
        "/api/v1/samples/bulk/", {"contract": contract.pk, "samples": samples}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["created"] == 3
    assert not MeasurementImport.objects.exists()


def test_references_with_tabs_quotes_and_backslashes_are_kept_as_sent(
    cast, contract, settings, django_capture_on_commit_callbacks
):
    """PostgreSQL saves through COPY: the characters COPY escapes arrive unchanged."""
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 1
    text = HEADER + 'ASA20,2026-01-05 09:00,1,"a\tb\\c ""q"""\nASA20,2026-01-05 09:01,2,\\N\n'
    record = start(cast, contract, text, django_capture_on_commit_callbacks)
    assert record.status == "done", record.errors
    assert sorted(Sample.objects.values_list("reference", flat=True)) == ["\\N", 'a\tb\\c "q"']


def test_import_lists_read_the_same_queries_for_2_or_12_imports(cast, contract, client):
    def add(n):
        for i in range(n):
            batch = MeasurementBatch.objects.create(
                contract=contract, source="csv", row_count=9000, new_count=i, submitted_by=cast.vendor_x_user
            )
            MeasurementImport.objects.create(
                contract=contract, file_name=f"f{i}.csv", status="done", batch=batch, submitted_by=cast.vendor_x_user
            )
            MeasurementImport.objects.create(
                contract=contract,
                file_name=f"g{i}.csv",
                status="failed",
                error_count=3,
                submitted_by=cast.vendor_x_user,
            )

    def count(user, url):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    pages = [
        (cast.vendor_x_user, reverse("portal:measurement_imports", args=[contract.pk])),
        (cast.vendor_x_user, reverse("portal:measurement_contract", args=[contract.pk])),
        (cast.manager, reverse("delivery:measurement_list", args=[contract.pk])),
    ]
    add(1)
    few = [count(user, url) for user, url in pages]
    add(5)
    assert [count(user, url) for user, url in pages] == few


def test_a_period_finalized_while_the_rows_were_checked_refuses_the_import(
    cast, contract, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The rows are checked outside the saving transaction (so progress shows); inside it the
    finalized periods are read again and, if they changed, the rows are checked again."""
    from performance.models import Period

    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 10
    Period.objects.create(
        contract=contract, kind="monthly", start=date(2026, 1, 1), end=date(2026, 2, 1), status="finalized"
    )
    real, calls = imports.finalized_periods, []

    def not_yet_finalized_at_first(contract):
        calls.append(contract.pk)
        return [] if len(calls) == 1 else real(contract)

    monkeypatch.setattr(imports, "finalized_periods", not_yet_finalized_at_first)
    record = start(cast, contract, HEADER + rows(20), django_capture_on_commit_callbacks)
    assert len(calls) == 2
    assert (record.status, record.error_count) == ("failed", 20) and "finalized" in record.errors[0][1]
    assert not Sample.objects.exists() and not MeasurementBatch.objects.exists()


def test_a_file_over_the_row_limit_is_refused_in_the_request(cast, contract, client, settings, monkeypatch):
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 5
    monkeypatch.setattr(imports, "MAX_ROWS", 20)
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:measurement_contract", args=[contract.pk])
    response = client.post(url, {"step": "upload", "file": upload(HEADER + rows(21))})
    assert response.status_code == 200 and "at most 20 rows per submission" in response.content.decode()
    assert not MeasurementImport.objects.exists() and not Sample.objects.exists()
