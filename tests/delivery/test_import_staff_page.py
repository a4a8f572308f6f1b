"""Staff open a background measurement import from the contract's measurements page: its facts,
its progress (polling the staff status URL) and its outcome, the bad rows with their lines
paginated when it failed. Staff of another program get 404, as for an import that does not exist."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delivery import imports
from delivery.models import MeasurementBatch, MeasurementImport
from tests.contracts.factories import measured_contract

HEADER = "service_level,measured_at,value,reference\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 1


@pytest.fixture
def contract(cast):
    return measured_contract(cast)


def start(cast, contract, text, capture):
    """Start an import as the vendor's user and let its task run (eager in the tests)."""
    upload = SimpleUploadedFile("big.csv", text.encode("utf-8"), content_type="text/csv")
    with capture(execute=True):
        record = imports.measurement_import_start(contract=contract, by=cast.vendor_x_user, upload=upload)
    record.refresh_from_db()
    return record


def page_url(record):
    return reverse("delivery:measurement_import", args=[record.pk])


def status_url(record):
    return reverse("delivery:measurement_import_status", args=[record.pk])


def test_a_staff_reader_sees_a_failed_imports_bad_rows_with_their_lines_paginated(
    cast, contract, client, django_capture_on_commit_callbacks
):
    good = "ASA20,2026-01-05 09:00,1,ok\n"
    bad = "".join(f"ASA20,2026-01-05 09:00,v{i},r{i}\n" for i in range(120))
    record = start(cast, contract, HEADER + good + bad, django_capture_on_commit_callbacks)
    assert (record.status, record.error_count) == ("failed", 120)
    client.force_login(cast.viewer)
    first = client.get(page_url(record)).content.decode()
    assert 'data-status="failed"' in first and "120 bad rows" in first and "1 / 2" in first
    assert "big.csv" in first and record.checksum in first and str(cast.vendor_x_user) in first
    # The header is line 1 and the good row line 2: the first bad row is line 3.
    assert "<td>3</td><td>v0 is not a number" in first and "<td>102</td><td>v99 is not a number" in first
    assert "v100 is not a number" not in first and "every 2s" not in first
    assert "Nothing was saved because of these rows:" in first and "send the file again" not in first
    assert f'href="{page_url(record)}?page=2"' in first
    assert reverse("portal:measurement_import", args=[record.pk]) not in first
    second = client.get(page_url(record) + "?page=2").content.decode()
    assert "<td>103</td><td>v100 is not a number" in second and "v119 is not a number" in second
    assert "v99 is not a number" not in second and f'href="{page_url(record)}?page=1"' in second
    fragment = client.get(status_url(record) + "?page=2").content.decode()
    assert fragment.startswith("<div") and "v119 is not a number" in fragment and "<html" not in fragment


def test_a_done_import_shows_its_rows_and_new_samples(cast, contract, client):
    batch = MeasurementBatch.objects.create(
        contract=contract, source="csv", row_count=9000, new_count=8700, submitted_by=cast.vendor_x_user
    )
    record = MeasurementImport.objects.create(
        contract=contract,
        file_name="done.csv",
        checksum="ab" * 32,
        row_count=9000,
        status="done",
        progress=100,
        batch=batch,
        submitted_by=cast.vendor_x_user,
    )
    client.force_login(cast.manager)
    body = client.get(page_url(record)).content.decode()
    assert 'data-status="done"' in body and "9,000 rows received, 8,700 new samples." in body
    assert "ab" * 32 in body and "done.csv" in body and "every 2s" not in body
    assert f'<a href="{contract.get_absolute_url()}">' in body  # staff open the contract from here


@pytest.mark.parametrize("state", [{"status": "queued"}, {"status": "running", "progress": 40}])
def test_a_running_import_polls_the_staff_status_url(cast, contract, client, state):
    record = MeasurementImport.objects.create(
        contract=contract, file_name="x.csv", row_count=9000, submitted_by=cast.vendor_x_user, **state
    )
    client.force_login(cast.contributor)
    for url in (page_url(record), status_url(record)):
        body = client.get(url).content.decode()
        assert f'hx-get="{status_url(record)}" hx-trigger="every 2s" hx-swap="outerHTML"' in body
        assert "The uploader is notified when the import ends." in body and "you will be notified" not in body


def test_staff_of_another_program_get_404(cast, contract, client):
    record = MeasurementImport.objects.create(contract=contract, file_name="x.csv", submitted_by=cast.vendor_x_user)
    client.force_login(cast.outsider)
    assert client.get(page_url(record)).status_code == 404
    assert client.get(status_url(record)).status_code == 404
    assert client.get(reverse("delivery:measurement_import", args=[record.pk + 1])).status_code == 404


def test_the_measurements_page_links_each_import_to_its_page(cast, contract, client):
    records = [
        MeasurementImport.objects.create(contract=contract, file_name=f"f{i}.csv", submitted_by=cast.vendor_x_user)
        for i in range(2)
    ]
    client.force_login(cast.manager)
    body = client.get(reverse("delivery:measurement_list", args=[contract.pk])).content.decode()
    for record in records:
        assert f'<a href="{page_url(record)}">{record.file_name}</a>' in body


def test_the_portal_pages_keep_their_own_urls_and_wording(cast, contract, client):
    """The status fragment is shared: on the portal it polls and paginates on the portal's URLs."""
    running = MeasurementImport.objects.create(
        contract=contract, file_name="x.csv", row_count=9000, status="running", submitted_by=cast.vendor_x_user
    )
    failed = MeasurementImport.objects.create(
        contract=contract,
        file_name="y.csv",
        status="failed",
        error_count=150,
        errors=[[i + 2, f"reason {i}"] for i in range(150)],
        submitted_by=cast.vendor_x_user,
    )
    client.force_login(cast.vendor_x_user)
    body = client.get(reverse("portal:measurement_import", args=[running.pk])).content.decode()
    assert f'hx-get="{reverse("portal:measurement_import_status", args=[running.pk])}"' in body
    assert "you will be notified when the import ends" in body and "The uploader is notified" not in body
    assert "x.csv" in body and f'href="{contract.get_absolute_url()}"' not in body  # no staff link
    body = client.get(reverse("portal:measurement_import_status", args=[failed.pk])).content.decode()
    assert f'href="{reverse("portal:measurement_import", args=[failed.pk])}?page=2"' in body
    assert "Correct these rows and send the file again" in body and "<td>2</td><td>reason 0</td>" in body
