"""A sample's time is within 2000-01-01..2099-12-31 in the program's time zone (bpo.core.dates),
whatever way it comes in: the portal's form (next to the time, what was typed kept), a CSV file
(in the request or in the background: the row's line), the API (400 on the item). Before, 1999
was told as "outside the contract's term", 2100 as "in the future", and a time in year 9999 or
year 1 with an offset answered a 500 (the conversion to the program's zone overflowed)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delivery import imports, services
from delivery.models import MeasurementBatch, MeasurementImport, Sample
from tests.contracts.factories import measured_contract

MESSAGE = "Enter a date from 2000-01-01 to 2099-12-31."
HEADER = "service_level,measured_at,value,reference\n"
GOOD = "ASA20,2026-01-05 09:00,12.5,T-1\n"
OUT_OF_BOUNDS = ["1999-12-31 09:00", "2100-01-01 00:00", "9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00"]


@pytest.fixture
def contract(cast):
    cast.program_a.time_zone = "Asia/Manila"
    cast.program_a.save()
    return measured_contract(cast)


def upload(text):
    return SimpleUploadedFile("data.csv", text.encode("utf-8"), content_type="text/csv")


@pytest.mark.parametrize("when", OUT_OF_BOUNDS)
def test_a_csv_row_outside_2000_2099_is_refused_with_its_line(cast, contract, when):
    with pytest.raises(services.IntakeError) as exc:
        services.samples_import_csv(
            contract=contract, by=cast.vendor_x_user, upload=upload(HEADER + GOOD + f"ASA20,{when},1,a\n")
        )
    assert [(e.line, e.reason) for e in exc.value.rows] == [(3, MESSAGE)]
    assert not Sample.objects.exists() and not MeasurementBatch.objects.exists()


def test_a_background_import_keeps_the_row_with_its_line(
    cast, contract, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 1
    text = HEADER + GOOD + "ASA20,9999-12-31T23:00:00-05:00,1,a\nASA20,1999-06-01 10:00,1,b\n"
    with django_capture_on_commit_callbacks(execute=True):
        record = imports.measurement_import_start(contract=contract, by=cast.vendor_x_user, upload=upload(text))
    record = MeasurementImport.objects.get(pk=record.pk)
    assert (record.status, record.errors) == ("failed", [[3, MESSAGE], [4, MESSAGE]])
    assert not Sample.objects.exists()


@pytest.mark.parametrize("when", ["2100-01-01T00:00:00+08:00", "9999-12-31T23:00:00-05:00"])
def test_the_api_answers_400_on_the_item(cast, contract, client, when):
    client.force_login(cast.vendor_x_user)
    payload = {
        "contract": contract.pk,
        "samples": [
            {"service_level": "ASA20", "measured_at": "2026-01-05 09:00", "value": "1"},
            {"service_level": "ASA20", "measured_at": when, "value": "1"},
        ],
    }
    response = client.post("/api/v1/samples/bulk/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("samples.2", MESSAGE)]
    assert not Sample.objects.exists()


@pytest.mark.parametrize("when", ["1999-12-31 09:00", "9999-12-31T23:00:00-05:00"])
def test_the_portal_form_tells_it_next_to_the_time_keeping_what_was_typed(cast, contract, client, when):
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:measurement_contract", args=[contract.pk])
    response = client.post(
        url, {"step": "sample", "service_level": "ASA20", "measured_at": when, "value": "5", "reference": "r-1"}
    )
    assert response.status_code == 200
    assert response.context["sample_form"].errors == {"measured_at": [MESSAGE]}
    body = response.content.decode()
    assert f'value="{when}"' in body and 'value="r-1"' in body
    assert not Sample.objects.exists()
