"""A sample's value is a number in plain digits, whatever way it comes in (CSV file, API):
"1e2" was stored as 100 and "9_9" as 99 (user test 2026-11-28); grouping commas are still read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from delivery import services
from delivery.models import Sample
from tests.contracts.factories import measured_contract

HEADER = "service_level,measured_at,value,reference\n"


@pytest.fixture
def contract(cast):
    return measured_contract(cast)


def _csv(value):
    text = HEADER + f'ASA20,2026-01-05 09:00,"{value}",r-1\n'
    return SimpleUploadedFile("data.csv", text.encode("utf-8"), content_type="text/csv")


@pytest.mark.parametrize("value", ["1e2", "9_9", "NaN", "Infinity", "１００"])
def test_a_value_not_in_plain_digits_is_refused_with_its_line(cast, contract, value):
    with pytest.raises(services.IntakeError) as exc:
        services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=_csv(value))
    assert [(e.line, e.reason) for e in exc.value.rows] == [(2, f"{value} is not a number")]
    assert not Sample.objects.exists()


def test_grouped_and_plain_values_are_read(cast, contract):
    services.samples_import_csv(contract=contract, by=cast.vendor_x_user, upload=_csv("1,250.5"))
    assert str(Sample.objects.get().value).rstrip("0") == "1250.5"


def test_the_api_refuses_it_on_the_item(cast, contract, client):
    client.force_login(cast.vendor_x_user)
    payload = {
        "contract": contract.pk,
        "samples": [{"service_level": "ASA20", "measured_at": "2026-01-05 09:00", "value": "1e2", "reference": "x"}],
    }
    response = client.post("/api/v1/samples/bulk/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert [e["attr"] for e in response.json()["errors"]] == ["samples.1"]  # items are numbered from 1
    assert not Sample.objects.exists()
