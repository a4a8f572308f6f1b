"""A write's body may send only the fields the endpoint writes (bpo.core.drf.refused_fields): a key
it does not know is a 400 naming it, one error per key, the message listing the writable fields;
a read-only field is accepted only with the value the record has (a GET body sent back), refused
with another value and in a body that creates a record. Nested objects and list items are checked
the same way; query parameters and multipart bodies are not touched. The old code answered 200 or
201 and dropped such keys."""

import json
from decimal import Decimal

import pytest

from contracts.models import RateCardLine
from delivery.models import Invoice, Sample, Task
from risk.models import Risk
from tests.contracts.factories import contract_of_a, measured_contract
from tests.delivery.plan_factories import package, task
from tests.risk.test_register import make_risk

JSON = "application/json"


def _errors(response):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["type"] == "validation_error"
    return {e["attr"]: (e["code"], e["detail"]) for e in body["errors"]}


def test_a_typo_in_a_risk_patch_is_refused_and_changes_nothing(cast, client):
    risk = make_risk(cast)
    client.force_login(cast.manager)
    response = client.patch(f"/api/v1/risks/{risk.pk}/", {"titel": "Renamed", "title": "Also"}, content_type=JSON)
    errors = _errors(response)
    assert list(errors) == ["titel"]
    code, detail = errors["titel"]
    assert code == "unknown_field"
    assert detail.startswith("Unknown field. Writable fields: program, contract, vendor, title,")
    assert "inherent_score" not in detail and "reference" not in detail  # read-only: not offered
    risk.refresh_from_db()
    assert risk.title == "Key vendor insolvency"


def test_every_unknown_key_of_a_risk_create_is_named(cast, client):
    client.force_login(cast.contributor)
    body = {"program": cast.program_a.pk, "title": "API risk", "category": "legal", "event": "Fine"}
    response = client.post("/api/v1/risks/", {**body, "colour": "red", "urgent": True}, content_type=JSON)
    assert {attr: code for attr, (code, _d) in _errors(response).items()} == {
        "colour": "unknown_field",
        "urgent": "unknown_field",
    }
    assert not Risk.objects.exists()
    # Alongside the body's other refusals, each once.
    missing = _errors(client.post("/api/v1/risks/", {"colour": "red"}, content_type=JSON))
    assert missing["colour"][0] == "unknown_field" and missing["title"][0] == "required"
    assert client.post("/api/v1/risks/", body, content_type=JSON).status_code == 201


def test_a_read_only_field_is_refused_on_create_and_when_changed_but_accepted_unchanged(cast, client):
    client.force_login(cast.contributor)
    body = {"program": cast.program_a.pk, "title": "API risk", "category": "legal", "event": "Fine"}
    refused = _errors(client.post("/api/v1/risks/", {**body, "inherent_likelihood": 5}, content_type=JSON))
    assert refused == {"inherent_likelihood": ("read_only", "This field is read-only: leave it out.")}
    created = client.post("/api/v1/risks/", body, content_type=JSON)
    assert created.status_code == 201, created.content
    url = f"/api/v1/risks/{created.json()['id']}/"
    client.force_login(cast.manager)
    read = client.get(url).json()
    changed = _errors(client.patch(url, {"reference": "R-9999", "title": "x"}, content_type=JSON))
    assert list(changed) == ["reference"] and changed["reference"][0] == "read_only"
    assert Risk.objects.get().title == "API risk"
    # The whole GET body sent back with one change: accepted, the change saved.
    response = client.put(url, {**read, "title": "Renamed"}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert Risk.objects.get().title == "Renamed"


def test_a_task_patch_and_create_refuse_unknown_fields(cast, client):
    build = task(cast.program_a, "Build", 5, 10)
    client.force_login(cast.manager)
    url = f"/api/v1/plan-tasks/{build.pk}/"
    errors = _errors(client.patch(url, {"percent": 50, "name": "Built"}, content_type=JSON))
    assert list(errors) == ["percent"] and "percent_complete" in errors["percent"][1]
    assert Task.objects.get(pk=build.pk).name == "Build"
    # A time sent back in another offset is the same time: accepted.
    updated_at = client.get(url).json()["updated_at"]
    assert client.patch(url, {"updated_at": updated_at, "name": "Built"}, content_type=JSON).status_code == 200
    assert _errors(client.patch(url, {"updated_at": "2020-01-01T00:00:00Z"}, content_type=JSON))["updated_at"]
    data = {
        "program": cast.program_a.pk,
        "work_package": package(cast.program_a).pk,
        "name": "Cut-over",
        "baseline_start": "2026-01-21",
        "baseline_finish": "2026-01-25",
        "record_version": "abc",  # the pages' optimistic lock; the API's is the If-Match header
    }
    assert list(_errors(client.post("/api/v1/plan-tasks/", data, content_type=JSON))) == ["record_version"]
    assert Task.objects.count() == 1
    # Query parameters are not the body: not checked.
    del data["record_version"]
    assert client.post("/api/v1/plan-tasks/?expand=1", data, content_type=JSON).status_code == 201


@pytest.fixture
def rated_contract(cast):
    contract = contract_of_a(cast)
    RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    return contract


def test_a_vendor_invoice_refuses_unknown_keys_at_the_top_and_in_a_line(cast, client, rated_contract):
    client.force_login(cast.vendor_x_admin)
    line = {"rate_card_line": rated_contract.rates.get().pk, "quantity": "10"}
    body = {"contract": rated_contract.pk, "number": "API-1", "period": "2026-02", "lines": [line]}
    errors = _errors(
        client.post("/api/v1/invoices/", {**body, "lines": [line, {**line, "rate": "99"}]}, content_type=JSON)
    )
    assert list(errors) == ["lines.1.rate"]
    assert errors["lines.1.rate"] == ("unknown_field", "Unknown field. Writable fields: rate_card_line, quantity.")
    assert list(_errors(client.post("/api/v1/invoices/", {**body, "total": "1"}, content_type=JSON))) == ["total"]
    assert not Invoice.objects.exists()
    created = client.post("/api/v1/invoices/", body, content_type=JSON)
    assert created.status_code == 201, created.content
    # An action's body too: a dispute's reason misspelt.
    client.force_login(cast.finance)
    url = f"/api/v1/invoices/{created.json()['id']}/dispute/"
    assert list(_errors(client.post(url, {"reason": "Wrong", "reasons": "x"}, content_type=JSON))) == ["reasons"]


def test_a_bulk_sample_with_an_unknown_key_is_refused_by_its_position(cast, client):
    contract = measured_contract(cast)
    client.force_login(cast.vendor_x_user)
    good = {"service_level": "ASA20", "measured_at": "2026-01-05T09:00:00+08:00", "value": 12, "reference": "A"}
    payload = {"contract": contract.pk, "samples": [good, {**good, "reference": "B", "unit": "s"}]}
    errors = _errors(client.post("/api/v1/samples/bulk/", payload, content_type=JSON))
    assert list(errors) == ["samples.2.unit"]
    assert (
        errors["samples.2.unit"][1] == "Unknown field. Writable fields: service_level, measured_at, value, reference."
    )
    assert not Sample.objects.exists()
    payload["samples"][1].pop("unit")
    assert client.post("/api/v1/samples/bulk/", payload, content_type=JSON).status_code == 201


def test_a_multipart_body_is_checked_by_its_keys_as_json_is(cast, client):
    risk = make_risk(cast)
    client.force_login(cast.manager)
    url = f"/api/v1/risks/{risk.pk}/"
    boundary = "BoUnDaRy"
    form = f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nFrom a form\r\n--{boundary}--\r\n'
    response = client.patch(url, form.encode(), content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 200, response.content
    assert Risk.objects.get().title == "From a form"
    typo = form.replace('name="title"', 'name="titel"')
    response = client.patch(url, typo.encode(), content_type=f"multipart/form-data; boundary={boundary}")
    assert list(_errors(response)) == ["titel"]


def test_a_long_unknown_key_is_named_by_its_start(cast, client):
    risk = make_risk(cast)
    client.force_login(cast.manager)
    key = "k" * 300
    response = client.patch(f"/api/v1/risks/{risk.pk}/", json.dumps({key: 1}), content_type=JSON)
    assert list(_errors(response)) == ["k" * 50 + "…"]


def test_the_message_is_translated(cast, client):
    risk = make_risk(cast)
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    response = client.patch(f"/api/v1/risks/{risk.pk}/", {"titel": "x"}, content_type=JSON)
    detail = _errors(response)["titel"][1]
    assert detail.startswith("未知字段") and "title" in detail


def test_the_schema_closes_request_bodies(client, cast):
    client.force_login(cast.admin)
    schemas = client.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]
    assert schemas["PatchedRisk"]["additionalProperties"] is False
    assert schemas["InvoiceSubmit"]["additionalProperties"] is False
    assert schemas["InvoiceSubmitLine"]["additionalProperties"] is False
    assert "additionalProperties" not in schemas["ValidationError"]  # a response only
