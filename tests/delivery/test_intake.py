"""Measurement intake: CSV (every bad row reported, nothing saved), the portal form, the API, exclusions."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delivery import services
from delivery.models import MeasurementBatch, Sample
from performance.models import Period
from tests.contracts.factories import ServiceLevelFactory, measured_contract


@pytest.fixture
def contract(cast):
    cast.program_a.time_zone = "Asia/Shanghai"
    cast.program_a.save()
    contract = measured_contract(cast)
    ServiceLevelFactory(contract=contract, code="OLD", active=False)
    return contract


def upload(text, name="data.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


GOOD = "service_level,measured_at,value,reference\nASA20,2026-01-05 09:00,12.5,T-1\nASA20,2026-01-05 09:01,30,T-2\n"


def test_good_file_is_saved_in_the_program_time_zone(cast, contract):
    batch = services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD))
    assert (batch.row_count, batch.new_count, batch.source) == (2, 2, "csv")
    first = Sample.objects.get(reference="T-1")
    # 09:00 in Shanghai is 01:00 UTC
    assert first.measured_at == datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
    assert first.value == Decimal("12.5")


def test_resending_the_same_file_creates_no_duplicates(cast, contract):
    services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD))
    again = services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD))
    assert (again.row_count, again.new_count) == (2, 0)
    assert Sample.objects.count() == 2
    # A corrected value for the same sample replaces it.
    services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD.replace("12.5", "13")))
    assert Sample.objects.get(reference="T-1").value == Decimal("13")
    assert Sample.objects.count() == 2


BAD_ROWS = [
    (",2026-01-05 09:00,1,a", "the service level is missing"),
    ("NOPE,2026-01-05 09:00,1,a", "this contract has no service level NOPE"),
    ("OLD,2026-01-05 09:00,1,a", "service level OLD is inactive"),
    ("ASA20,,1,a", "the time is missing"),
    ("ASA20,yesterday,1,a", "yesterday is not a date and time"),
    ("ASA20,2026-13-45 09:00,1,a", "is not a date and time"),
    ("ASA20,2026-01-05 09:00,,a", "the value is missing"),
    ("ASA20,2026-01-05 09:00,abc,a", "abc is not a number"),
    ("ASA20,2026-01-05 09:00,NaN,a", "NaN is not a number"),
    ("ASA20,2026-01-05 09:00,-1,a", "the value cannot be negative"),
    ("ASA20,2026-01-05 09:00,1.23456,a", "more than 4 decimal places"),
    ("ASA20,2026-01-05 09:00,123456789012345,a", "the value is too large"),
    ("ASA20,2099-01-05 09:00,1,a", "the time is in the future"),
    ("ASA20,2025-12-31 23:59,1,a", "outside the contract's term"),
    ("ASA20,2026-01-05 09:00,1," + "r" * 101, "longer than 100 characters"),
    ("ASA20,2026-01-05 09:00,1", "expected 4 columns, found 3"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_each_kind_of_bad_row_is_reported_with_its_line_and_nothing_is_saved(cast, contract, row, reason):
    text = GOOD + row + "\n"
    with pytest.raises(services.IntakeError) as exc:
        services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(text))
    assert [e.line for e in exc.value.rows] == [4]
    assert reason in exc.value.rows[0].reason
    assert not Sample.objects.exists()
    assert not MeasurementBatch.objects.exists()


def test_every_bad_row_is_reported_not_just_the_first(cast, contract):
    text = GOOD + "NOPE,2026-01-05 09:00,1,a\nASA20,2026-01-05 09:00,x,b\nASA20,2026-01-05 09:02,1,c\n"
    with pytest.raises(services.IntakeError) as exc:
        services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(text))
    assert [e.line for e in exc.value.rows] == [4, 5]


def test_a_row_repeated_in_the_file_is_reported(cast, contract):
    text = GOOD + "ASA20,2026-01-05 09:00,99,T-1\n"
    with pytest.raises(services.IntakeError) as exc:
        services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(text))
    assert (exc.value.rows[0].line, exc.value.rows[0].reason) == (4, "repeats line 2")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty"),
        ("when,value\n2026-01-05,1\n", "missing: service_level, measured_at"),
        ("service_level,measured_at,value\n", "there are no rows"),
    ],
)
def test_bad_files(cast, contract, text, reason):
    with pytest.raises(services.IntakeError) as exc:
        services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(text))
    assert reason in str(exc.value.rows[0])


def test_not_utf8_is_refused(cast, contract):
    bad = SimpleUploadedFile("x.csv", "service_level,measured_at,value\nASA20,2026-01-05,é\n".encode("latin-1"))
    with pytest.raises(services.IntakeError) as exc:
        services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=bad)
    assert "UTF-8" in exc.value.rows[0].reason


def test_semicolons_bom_and_offsets_are_understood(cast, contract):
    text = "\ufeffservice_level;measured_at;value;reference\nASA20;2026-01-05T09:00:00+00:00;1;z\n"
    services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(text))
    assert Sample.objects.get().measured_at == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_a_finalized_period_refuses_new_samples(cast, contract):
    Period.objects.create(
        contract=contract, kind="monthly", start=date(2026, 1, 1), end=date(2026, 2, 1), status="finalized"
    )
    with pytest.raises(services.IntakeError) as exc:
        services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD))
    assert "finalized" in exc.value.rows[0].reason


def test_another_vendor_or_a_viewer_cannot_send(cast, contract):
    for user in (cast.vendor_y_admin, cast.viewer, cast.finance):
        with pytest.raises(PermissionDenied):
            services.samples_import_csv(contract=contract, by=user, upload=upload(GOOD))


def test_unsigned_contract_refuses_measurements(cast, contract):
    contract.status = "approved"
    contract.save()
    with pytest.raises(services.IntakeError):
        services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD))


def test_portal_upload_shows_every_bad_row(cast, contract, client):
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:measurement_contract", args=[contract.pk])
    page = client.post(url, {"step": "upload", "file": upload(GOOD + "NOPE,2026-01-05 09:00,1,a\n")})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Nothing was saved" in body and "no service level NOPE" in body and "<td>4</td>" in body
    ok = client.post(url, {"step": "upload", "file": upload(GOOD)})
    assert ok.status_code == 302
    assert Sample.objects.count() == 2
    template = client.get(reverse("portal:measurement_template", args=[contract.pk]))
    assert template.status_code == 200 and b"service_level,measured_at,value,reference" in template.content
    assert b"OLD" not in template.content  # only active service levels
    # Sent back as downloaded, the template saves nothing: its example rows have no value.
    unedited = client.post(url, {"step": "upload", "file": upload(template.content.decode("utf-8-sig"))})
    assert unedited.status_code == 200 and "the value is missing" in unedited.content.decode()
    assert Sample.objects.count() == 2


def test_portal_form_enters_one_sample(cast, contract, client):
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:measurement_contract", args=[contract.pk])
    response = client.post(
        url, {"step": "sample", "service_level": "ASA20", "measured_at": "2026-01-06 10:00", "value": "7"}
    )
    assert response.status_code == 302
    assert MeasurementBatch.objects.get().source == "form"
    bad = client.post(url, {"step": "sample", "service_level": "ASA20", "measured_at": "soon", "value": "7"})
    assert "soon is not a date and time" in bad.content.decode()


def test_api_bulk_post_is_all_or_nothing_and_idempotent(cast, contract, client):
    client.force_login(cast.vendor_x_user)
    payload = {
        "contract": contract.pk,
        "samples": [
            {"service_level": "ASA20", "measured_at": "2026-01-05T09:00:00+08:00", "value": 12, "reference": "A"},
            {"service_level": "ASA20", "measured_at": "2026-01-05 09:05", "value": "40.5", "reference": "B"},
        ],
    }
    first = client.post("/api/v1/samples/bulk/", payload, content_type="application/json")
    assert first.status_code == 201, first.content
    assert first.json()["created"] == 2
    again = client.post("/api/v1/samples/bulk/", payload, content_type="application/json")
    assert (again.status_code, again.json()["created"]) == (201, 0)
    assert Sample.objects.count() == 2
    payload["samples"].append({"service_level": "ASA20", "measured_at": "x", "value": "1"})
    bad = client.post("/api/v1/samples/bulk/", payload, content_type="application/json")
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert errors[0]["attr"] == "samples.3" and "not a date and time" in errors[0]["detail"]
    listed = client.get(f"/api/v1/samples/?contract={contract.pk}").json()
    assert listed["count"] == 2
    client.force_login(cast.vendor_y_admin)
    assert client.post("/api/v1/samples/bulk/", payload, content_type="application/json").status_code == 400
    assert client.get("/api/v1/samples/").json()["count"] == 0


def test_staff_flag_exclusions_with_a_reason(cast, contract, client):
    services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD))
    sample = Sample.objects.get(reference="T-1")
    client.force_login(cast.contributor)
    client.post(reverse("delivery:sample_exclusion", args=[sample.pk]), {"excluded": "1", "reason": ""})
    sample.refresh_from_db()
    assert not sample.excluded  # a reason is required
    client.post(
        reverse("delivery:sample_exclusion", args=[sample.pk]), {"excluded": "1", "reason": "Planned maintenance"}
    )
    sample.refresh_from_db()
    assert (sample.excluded, sample.exclusion_reason, sample.excluded_by) == (
        True,
        "Planned maintenance",
        cast.contributor,
    )
    page = client.get(reverse("delivery:measurement_list", args=[contract.pk]))
    assert "Planned maintenance" in page.content.decode()
    client.force_login(cast.viewer)
    assert client.post(reverse("delivery:sample_exclusion", args=[sample.pk]), {"excluded": "0"}).status_code == 403
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        f"/api/v1/samples/{sample.pk}/exclusion/", {"excluded": False}, content_type="application/json"
    )
    assert response.status_code == 403
    client.force_login(cast.manager)
    response = client.post(
        f"/api/v1/samples/{sample.pk}/exclusion/", {"excluded": False}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["excluded"] is False


def test_measurement_page_and_api_do_not_grow_with_rows(cast, contract, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = [reverse("delivery:measurement_list", args=[contract.pk]), f"/api/v1/samples/?contract={contract.pk}"]
    client.force_login(cast.manager)
    services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD))
    few = [count(u) for u in urls]
    rows = "".join(f"ASA20,2026-01-06 09:{i:02d},{i},M-{i}\n" for i in range(40))
    services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=upload(GOOD + rows))
    assert [count(u) for u in urls] == few
