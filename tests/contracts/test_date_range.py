"""Contract dates (and the dates a change request proposes) are refused outside
2000-01-01..2099-12-31 (bpo.core.dates), as a program's are: next to the field on the form, 400 on
the field in the API."""

from datetime import date

import pytest
from django.urls import reverse

from contracts import services
from contracts.models import ChangeRequest, Contract
from tests.strategy.test_program_pages import _field_block

from .factories import ContractFactory
from .test_currency_codes import _contract_form

MESSAGE = "Enter a date from 2000-01-01 to 2099-12-31."


def test_the_contract_form_refuses_year_1_next_to_the_field(cast, client):
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:contract_create"), _contract_form(cast, start_date="0001-01-01", end_date="0001-01-01")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in _field_block(html, "start_date") and MESSAGE in _field_block(html, "end_date")
    assert not Contract.objects.filter(number="CUR-1").exists()


def test_the_contract_api_answers_400_on_the_field(cast, client):
    client.force_login(cast.manager)
    payload = {
        "program": cast.program_a.pk,
        "vendor": cast.vendor_x.pk,
        "number": "API-DATES",
        "title": "API contract",
        "contract_type": "msa",
        "start_date": "2026-01-01",
        "end_date": "9999-12-31",
        "monthly_fee": "1000",
    }
    response = client.post("/api/v1/contracts/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("end_date", MESSAGE)]
    payload["end_date"] = "2099-12-31"
    assert client.post("/api/v1/contracts/", payload, content_type="application/json").status_code == 201


@pytest.mark.parametrize("terms", ["end_date: 9999-12-31", "start_date: 1999-12-31"])
def test_a_change_request_cannot_propose_a_date_out_of_range(cast, client, terms):
    contract = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, status="active", start_date=date(2025, 1, 1)
    )
    services.contracts.record_version(contract, cast.manager)
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:change_create", args=[contract.pk]),
        {"title": "Far", "description": "d", "proposed_terms": terms},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["proposed_terms"] and MESSAGE in errors["proposed_terms"][0]
    assert not ChangeRequest.objects.exists()
