"""The invoices page and /api/v1/invoices/ filter by program, vendor and contract (pickers: id or
code) and by month (YYYY-MM); a bad month or a hidden record is refused, not silently ignored."""

from decimal import Decimal

import pytest
from django.urls import reverse

from contracts.choices import ContractStatus
from contracts.models import RateCardLine
from delivery import invoicing
from tests.contracts.factories import ContractFactory, contract_of_a


def _invoice(contract, by, number, period):
    line = contract.rates.first() or RateCardLine.objects.create(
        contract=contract, item="Agent hour", unit="hour", rate=Decimal("25.50")
    )
    return invoicing.invoice_submit(
        contract=contract,
        by=by,
        number=number,
        period=period,
        lines=[{"rate_card_line": line.pk, "quantity": Decimal("1")}],
    )


@pytest.fixture
def invoices(cast):
    a = contract_of_a(cast)
    b = ContractFactory(
        program=cast.program_b, vendor=cast.vendor_y, number="CB-1", status=ContractStatus.ACTIVE, terms_version=1
    )
    _invoice(a, cast.vendor_x_admin, "A-FEB", "2026-02")
    _invoice(a, cast.vendor_x_admin, "A-MAR", "2026-03")
    _invoice(b, cast.vendor_y_admin, "B-FEB", "2026-02")
    return a, b


def _numbers(client, **params):
    response = client.get("/api/v1/invoices/", params)
    assert response.status_code == 200, response.content
    return sorted(i["number"] for i in response.json()["results"])


def test_api_filters_by_program_vendor_contract_and_month(client, cast, invoices):
    a, b = invoices
    client.force_login(cast.finance)
    assert _numbers(client, program=cast.program_b.pk) == ["B-FEB"]
    assert _numbers(client, program=cast.program_a.code) == ["A-FEB", "A-MAR"]
    assert _numbers(client, vendor=cast.vendor_y.pk) == ["B-FEB"]
    assert _numbers(client, contract=a.pk) == ["A-FEB", "A-MAR"]
    assert _numbers(client, period="2026-02") == ["A-FEB", "B-FEB"]
    assert _numbers(client, period="2026-02", vendor=cast.vendor_x.pk) == ["A-FEB"]


@pytest.mark.parametrize("bad", ["abc", "2026-13", "2026-2", "2026-02-02"])
def test_a_bad_month_is_a_400_on_the_field_and_an_error_on_the_page(client, cast, invoices, bad):
    client.force_login(cast.finance)
    response = client.get("/api/v1/invoices/", {"period": bad})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["attr"] == "period" and "YYYY-MM" in error["detail"]
    page = client.get(reverse("delivery:invoice_list"), {"period": bad}).content.decode()
    assert "Give the month as YYYY-MM" in page


def test_a_hidden_program_reads_as_an_unknown_one(client, cast, invoices):
    client.force_login(cast.manager)  # program A only
    assert _numbers(client) == ["A-FEB", "A-MAR"]
    hidden = client.get("/api/v1/invoices/", {"program": cast.program_b.pk})
    unknown = client.get("/api/v1/invoices/", {"program": 99999})
    assert hidden.status_code == unknown.status_code == 400
    assert hidden.json()["errors"][0]["attr"] == "program"
    assert [e["code"] for e in hidden.json()["errors"]] == [e["code"] for e in unknown.json()["errors"]]
    hidden_vendor = client.get("/api/v1/invoices/", {"vendor": 99999})
    assert hidden_vendor.status_code == 400 and hidden_vendor.json()["errors"][0]["attr"] == "vendor"


def test_the_page_shows_the_pickers_and_filters(client, cast, invoices):
    client.force_login(cast.finance)
    page = client.get(reverse("delivery:invoice_list"), {"vendor": cast.vendor_y.pk}).content.decode()
    assert "B-FEB" in page and "A-FEB" not in page
    for name in ("program", "vendor", "contract", "period"):
        assert f'name="{name}"' in page
    page = client.get(reverse("delivery:invoice_list"), {"period": "2026-03"}).content.decode()
    assert "A-MAR" in page and "A-FEB" not in page and "B-FEB" not in page
