"""The invoice API takes the month as status reports do: YYYY-MM or its first day; another day of
the month is a 400 on `period` naming the first day (it was stored as the month's first day)."""

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


def _post(client, contract, number, period):
    lines = [{"rate_card_line": contract.rates.get().pk, "quantity": "10"}]
    payload = {"contract": contract.pk, "number": number, "period": period, "lines": lines}
    return client.post("/api/v1/invoices/", payload, content_type="application/json")


def test_another_day_of_the_month_is_refused_naming_the_first_day(client, cast, contract):
    client.force_login(cast.vendor_x_admin)
    response = _post(client, contract, "API-15", "2026-02-15")
    assert response.status_code == 400 and not Invoice.objects.exists()
    [error] = response.json()["errors"]
    assert error["attr"] == "period" and "2026-02-01" in error["detail"]


def test_the_month_or_its_first_day_is_accepted(client, cast, contract):
    client.force_login(cast.vendor_x_admin)
    assert _post(client, contract, "API-M", "2026-02").status_code == 201
    assert _post(client, contract, "API-D", "2026-03-01").status_code == 201
    assert _post(client, contract, "API-X", "February").status_code == 400
    periods = dict(Invoice.objects.values_list("number", "period"))
    assert {k: str(v) for k, v in periods.items()} == {"API-M": "2026-02-01", "API-D": "2026-03-01"}


def test_the_schema_documents_the_month(client, cast):
    client.force_login(cast.admin)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    period = schema["components"]["schemas"]["InvoiceSubmit"]["properties"]["period"]
    assert period["pattern"] == r"^\d{4}-\d{2}(-01)?$" and "another day is refused" in period["description"]
