"""A line's rate is money and is printed as its amount is: "100,000.00" beside "100,000.00" (the
invoice page printed the monthly fee's rate "100,000"), and a rate card's rate as 25.50 USD."""

import re
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from bpo.core.formats import format_rate
from contracts.models import RateCardLine
from delivery import invoicing
from tests.contracts.factories import contract_of_a


def test_format_rate_keeps_the_cents_and_any_finer_places():
    with translation.override("en"):
        assert format_rate(Decimal("100000.0000")) == "100,000.00"
        assert format_rate(Decimal("25.5000"), "USD") == "25.50 USD"
        assert format_rate(Decimal("0.0125")) == "0.0125"
        assert format_rate(None) == ""


def test_invoice_page_prints_rates_like_amounts(client, cast):
    contract = contract_of_a(cast)
    line = RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    invoice = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="R-1",
        period="2026-02",
        lines=[{"rate_card_line": line.pk, "quantity": Decimal("10")}],
        include_monthly_fee=True,
    )
    client.force_login(cast.finance)
    page = client.get(reverse("delivery:invoice_detail", args=[invoice.pk])).content.decode()
    cells = re.findall(r'<td class="num">([^<]*)</td>', page)
    fee = invoice.lines.get(kind="monthly_fee")
    assert f"{fee.rate:,.2f}" in cells and f"{fee.rate:,.0f}" not in cells
    assert "25.50" in cells and "255.00" in cells
    contract_page = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    assert "25.50 " + contract.currency in contract_page
