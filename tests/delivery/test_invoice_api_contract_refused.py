"""An id the caller may not use is a 400 on its field, as the README promises ("the same 400 on
that field"): the invoice, status report, sample and score endpoints answered 404, as for a wrong
address."""

from decimal import Decimal

import pytest

from contracts.models import RateCardLine
from delivery.models import Invoice
from tests.contracts.factories import contract_of_a


@pytest.fixture
def contract(cast):
    c = contract_of_a(cast)
    RateCardLine.objects.create(contract=c, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    return c


def _invoice(client, contract_id):
    payload = {"contract": contract_id, "number": "INV-1", "period": "2026-02"}
    return client.post("/api/v1/invoices/", payload, content_type="application/json")


@pytest.mark.parametrize("whose", ["another vendor's", "unknown"])
def test_an_unusable_contract_is_a_400_on_the_field(client, cast, contract, whose):
    client.force_login(cast.vendor_y_admin)
    response = _invoice(client, contract.pk if whose == "another vendor's" else 99999)
    assert response.status_code == 400, response.content
    [error] = response.json()["errors"]
    assert error["attr"] == "contract" and error["code"] == "does_not_exist"
    assert not Invoice.objects.exists()


def test_hidden_and_unknown_contracts_read_the_same(client, cast, contract):
    client.force_login(cast.vendor_y_admin)
    hidden = _invoice(client, contract.pk).json()["errors"][0]["detail"]
    unknown = _invoice(client, 99999).json()["errors"][0]["detail"]
    assert hidden.replace(str(contract.pk), "N") == unknown.replace("99999", "N")


def test_the_vendors_own_contract_is_still_invoiced_and_staff_still_refused(client, cast, contract):
    client.force_login(cast.vendor_x_admin)
    lines = [{"rate_card_line": contract.rates.get().pk, "quantity": "2"}]
    ok = client.post(
        "/api/v1/invoices/",
        {"contract": contract.pk, "number": "INV-2", "period": "2026-02", "lines": lines},
        content_type="application/json",
    )
    assert ok.status_code == 201, ok.content
    client.force_login(cast.finance)
    assert _invoice(client, contract.pk).status_code == 403


def test_status_report_and_samples_refuse_an_unusable_id_on_the_field(client, cast, contract):
    client.force_login(cast.vendor_y_admin)
    report = client.post(
        "/api/v1/status-reports/", {"contract": contract.pk, "period": "2026-02"}, content_type="application/json"
    )
    assert report.status_code == 400 and report.json()["errors"][0]["attr"] == "contract"
    client.force_login(cast.outsider)
    report = client.post(
        "/api/v1/status-reports/",
        {"program": cast.program_a.pk, "period": "2026-02"},
        content_type="application/json",
    )
    assert report.status_code == 400 and report.json()["errors"][0]["attr"] == "program"
    samples = client.post(
        "/api/v1/samples/bulk/",
        {"contract": 99999, "samples": [{"service_level": "X", "measured_at": "2026-01-05T10:00", "value": "1"}]},
        content_type="application/json",
    )
    assert samples.status_code == 400 and samples.json()["errors"][0]["attr"] == "contract"
