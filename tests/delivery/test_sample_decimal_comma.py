"""A measurement's value with a decimal comma ("85,5") is refused, told how to write it, on every
way in (portal CSV upload, the portal's one-sample form, the API's bulk samples, a background
import): every comma was dropped, so "85,5" was saved as 855.0000 and fed the service-level
results and credits (user test 2026-11-28). Thousands grouped with commas in their places
(1,250.5) are still read."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from delivery.models import MeasurementImport, Sample
from tests.contracts.factories import measured_contract

HEADER = "service_level,measured_at,value,reference\n"
TOLD = "85,5 is not a number: use a point for decimals, e.g. 85.5"


@pytest.fixture
def contract(cast):
    return measured_contract(cast)


def _csv(*values):
    text = HEADER + "".join(f'ASA20,2026-01-05 09:{i:02d},"{value}",QA-{i}\n' for i, value in enumerate(values))
    return SimpleUploadedFile("data.csv", text.encode("utf-8"), content_type="text/csv")


def _url(contract):
    return reverse("portal:measurement_contract", args=[contract.pk])


def test_a_csv_row_with_a_decimal_comma_is_refused_with_its_line(cast, contract, client):
    client.force_login(cast.vendor_x_admin)
    response = client.post(_url(contract), {"step": "upload", "file": _csv("12.5", "85,5")})
    assert response.status_code == 200
    assert [(e.line, e.reason) for e in response.context["row_errors"]] == [(3, TOLD)]
    assert TOLD in response.content.decode()
    assert not Sample.objects.exists()


@pytest.mark.parametrize(
    ("typed", "example"),
    [("1,5", "1.5"), ("100,0", "100.0"), ("12,50", "12.50"), ("1,0000", "1.0000"), (",5", ".5"), ("1.000,5", "1000.5")],
)
def test_other_decimal_commas_are_refused_too(cast, contract, client, typed, example):
    client.force_login(cast.vendor_x_admin)
    response = client.post(_url(contract), {"step": "upload", "file": _csv(typed)})
    assert [e.reason for e in response.context["row_errors"]] == [
        f"{typed} is not a number: use a point for decimals, e.g. {example}"
    ]
    assert not Sample.objects.exists()


@pytest.mark.parametrize("typed", ["1000,000", "1,2,3", "1,000,0", "12,345,67"])
def test_commas_out_of_their_grouping_places_are_refused(cast, contract, client, typed):
    client.force_login(cast.vendor_x_admin)
    response = client.post(_url(contract), {"step": "upload", "file": _csv(typed)})
    assert len(response.context["row_errors"]) == 1
    assert response.context["row_errors"][0].reason.startswith(f"{typed} is not a number")
    assert not Sample.objects.exists()


def test_grouped_thousands_are_still_read(cast, contract, client):
    client.force_login(cast.vendor_x_admin)
    response = client.post(_url(contract), {"step": "upload", "file": _csv("1,250.5", "12,345", "85.5")})
    assert response.status_code == 302
    assert sorted(Sample.objects.values_list("value", flat=True)) == [Decimal("85.5"), Decimal(1250.5), 12345]


def test_the_one_sample_form_tells_it_next_to_the_value(cast, contract, client):
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        _url(contract),
        {"step": "sample", "service_level": "ASA20", "measured_at": "2026-01-05 09:00", "value": "85,5"},
    )
    assert response.status_code == 200
    assert response.context["sample_form"].errors == {"value": [TOLD]}
    assert not Sample.objects.exists()


def test_the_one_sample_form_tells_it_in_chinese(cast, contract, client):
    cast.vendor_x_admin.language = "zh-hans"
    cast.vendor_x_admin.save(update_fields=["language"])
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        _url(contract),
        {"step": "sample", "service_level": "ASA20", "measured_at": "2026-01-05 09:00", "value": "85,5"},
    )
    with translation.override("zh-hans"):
        expected = translation.gettext("%(value)s is not a number: use a point for decimals, e.g. %(example)s") % {
            "value": "85,5",
            "example": "85.5",
        }
    assert expected != TOLD
    assert response.context["sample_form"].errors == {"value": [expected]}
    assert not Sample.objects.exists()


def test_the_api_refuses_it_on_the_item(cast, contract, client):
    client.force_login(cast.vendor_x_user)
    payload = {
        "contract": contract.pk,
        "samples": [
            {"service_level": "ASA20", "measured_at": "2026-01-05 09:00", "value": "85.5", "reference": "a"},
            {"service_level": "ASA20", "measured_at": "2026-01-05 09:01", "value": "85,5", "reference": "b"},
        ],
    }
    response = client.post("/api/v1/samples/bulk/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("samples.2", TOLD)]
    assert not Sample.objects.exists()


def test_a_background_import_keeps_it_with_its_line(
    cast, contract, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEASUREMENT_IMPORT_ASYNC_ROWS = 2
    client.force_login(cast.vendor_x_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(contract), {"step": "upload", "file": _csv("1", "2", "85,5")})
    record = MeasurementImport.objects.get()
    assert (record.status, record.errors) == ("failed", [[4, TOLD]])
    assert not Sample.objects.exists()
