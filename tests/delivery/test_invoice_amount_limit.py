"""An invoice line's amount (rate x quantity) and an invoice's total must fit the amount field
(16 digits, 2 after the point): each quantity within its own limit could multiply past it, and
the invoice was saved on SQLite only to break every invoice list with a 500 on read."""

from decimal import Decimal

import pytest
from django.urls import reverse

from contracts.models import RateCardLine
from delivery import invoicing
from delivery.models import Invoice
from tests.contracts.factories import contract_of_a

BIG = "9999999999.9999"  # the largest quantity a line takes


@pytest.fixture
def contract(cast):
    c = contract_of_a(cast)
    RateCardLine.objects.create(contract=c, item="Agent hour", unit="hour", rate=Decimal("1000"))
    return c


def _form(contract, quantities, rate=None):
    data = {
        "number": "INV-BIG",
        "period": "2026-02",
        "lines-TOTAL_FORMS": str(len(quantities)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "50",
    }
    for n, quantity in enumerate(quantities):
        data[f"lines-{n}-rate_card_line"] = str((rate or contract.rates.get()).pk)
        data[f"lines-{n}-quantity"] = quantity
    return data


def test_portal_refuses_a_line_amount_beyond_the_limit_next_to_its_quantity(client, cast, contract):
    dear = RateCardLine.objects.create(contract=contract, item="Project", unit="lot", rate=Decimal("100000"))
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:invoice_create", args=[contract.pk])
    response = client.post(url, _form(contract, ["1", BIG], rate=dear))
    assert response.status_code == 200 and not Invoice.objects.exists()
    lines = response.context["lines"]
    assert not lines.forms[0].errors
    [error] = lines.forms[1].errors["quantity"]
    assert "above the largest amount a line can hold" in error and "99,999,999,999,999.99" in error
    assert f'value="{BIG}"' in response.content.decode()  # what was typed is kept
    assert client.get(reverse("portal:invoices")).status_code == 200


def test_portal_refuses_a_total_beyond_the_limit_naming_it(client, cast, contract):
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:invoice_create", args=[contract.pk])
    # The tester's case: 9,999,999,999.9999 x 1000 fits a line, 50 such lines do not.
    response = client.post(url, _form(contract, [BIG] * 50))
    assert response.status_code == 200 and not Invoice.objects.exists()
    [error] = response.context["line_errors"]
    assert "invoice's total would be 499,999,999,999,995.00 USD" in error
    assert "99,999,999,999,999.99" in error


def test_api_refuses_line_amounts_and_total_beyond_the_limit_with_400(client, cast, contract):
    dear = RateCardLine.objects.create(contract=contract, item="Project", unit="lot", rate=Decimal("100000"))
    client.force_login(cast.vendor_x_admin)
    rate = contract.rates.get(item="Agent hour").pk
    payload = {"contract": contract.pk, "number": "API-BIG", "period": "2026-02"}
    lines = [{"rate_card_line": rate, "quantity": "1"}, {"rate_card_line": dear.pk, "quantity": BIG}]
    response = client.post("/api/v1/invoices/", {**payload, "lines": lines}, content_type="application/json")
    assert response.status_code == 400 and not Invoice.objects.exists()
    [error] = response.json()["errors"]
    assert error["attr"] == "lines" and error["detail"].startswith("Line 2:")
    assert "above the largest amount a line can hold" in error["detail"]
    lines = [{"rate_card_line": rate, "quantity": BIG}] * 50
    response = client.post("/api/v1/invoices/", {**payload, "lines": lines}, content_type="application/json")
    assert response.status_code == 400 and not Invoice.objects.exists()
    [error] = response.json()["errors"]
    assert error["attr"] == "lines" and "invoice's total would be" in error["detail"]
    assert client.get("/api/v1/invoices/").status_code == 200


def test_the_largest_amount_is_still_accepted(cast, contract):
    line = RateCardLine.objects.create(contract=contract, item="Lot", unit="lot", rate=Decimal("9999999999.9999"))
    invoice = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="MAX",
        period="2026-02",
        lines=[{"rate_card_line": line.pk, "quantity": "10000"}],
    )
    assert Invoice.objects.get(pk=invoice.pk).gross_amount == Decimal("99999999999999.00")
