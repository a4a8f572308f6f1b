"""An error about the whole request has one `attr`: null. A service's refusal had it null, a
serializer's ("Expected a dictionary", "No data provided") "non_field_errors" and a model's (a
duplicate rate-card line, through full_clean) "__all__"; an item of a list is named by its index."""

from decimal import Decimal

import pytest

from contracts.models import RateCardLine
from tests.contracts.factories import ContractFactory, contract_of_a


def _errors(response):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["type"] == "validation_error"
    return [(e["code"], e["attr"]) for e in body["errors"]]


def test_approving_an_approved_invoice_is_refused_with_attr_null(cast, client):
    contract = contract_of_a(cast)
    RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    client.force_login(cast.vendor_x_admin)
    payload = {"contract": contract.pk, "number": "API-1", "period": "2026-02", "include_monthly_fee": True}
    created = client.post("/api/v1/invoices/", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    client.force_login(cast.finance)
    url = f"/api/v1/invoices/{created.json()['id']}/approve/"
    assert client.post(url).json()["status"] == "approved"
    assert _errors(client.post(url)) == [("invalid", None)]
    # The same finance user sends a body that is not an object: the serializer's own refusal.
    invoices = "/api/v1/invoices/"
    assert _errors(client.post(invoices, "[1]", content_type="application/json")) == [("invalid", None)]


@pytest.mark.parametrize("body, code", [("[1]", "invalid"), ("null", "null"), ('"text"', "invalid")])
def test_a_body_that_is_not_an_object_is_refused_with_attr_null(cast, client, body, code):
    client.force_login(cast.manager)
    response = client.patch(f"/api/v1/programs/{cast.program_a.pk}/", body, content_type="application/json")
    assert _errors(response) == [(code, None)]


def test_a_duplicate_rate_card_line_is_refused_with_attr_null(cast, client):
    draft = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="draft")
    client.force_login(cast.manager)
    line = {"contract": draft.pk, "item": "Ticket", "unit": "ticket", "rate": "2.5"}
    assert client.post("/api/v1/rate-card-lines/", line, content_type="application/json").status_code == 201
    duplicate = client.post("/api/v1/rate-card-lines/", {**line, "rate": "3"}, content_type="application/json")
    assert _errors(duplicate) == [("invalid", None)]
    assert "already exists" in duplicate.json()["errors"][0]["detail"]


def test_an_item_of_a_list_that_is_not_an_object_is_named_by_its_index(cast, client):
    contract = contract_of_a(cast)
    client.force_login(cast.vendor_x_admin)
    payload = {"contract": contract.pk, "number": "API-2", "period": "2026-02", "lines": ["x"]}
    response = client.post("/api/v1/invoices/", payload, content_type="application/json")
    attrs = [attr for _code, attr in _errors(response)]
    assert attrs == ["lines.0"], attrs
