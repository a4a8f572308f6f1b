"""The engine's period charges come from approved invoice lines, the monthly fee otherwise."""

from datetime import date
from decimal import Decimal

import pytest

from contracts.models import RateCardLine
from delivery import invoicing
from performance import engine
from tests.contracts.factories import contract_of_a


@pytest.fixture
def contract(cast):
    c = contract_of_a(cast)  # monthly fee 100,000.00, at-risk 10%
    RateCardLine.objects.create(contract=c, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    return c


def _invoice(cast, contract, number, period):
    return invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number=number,
        period=period,
        lines=[{"rate_card_line": contract.rates.get().pk, "quantity": "100"}],
        include_monthly_fee=True,
    )


def test_at_risk_amount_uses_the_approved_invoice_lines_of_the_period(cast, contract):
    invoicing.invoice_approve(invoice=_invoice(cast, contract, "F", "2026-02"), by=cast.finance)
    _invoice(cast, contract, "M", "2026-03")  # submitted, not approved: the fee still counts
    # February: 100 x 25.50 = 2,550.00 + monthly fee 100,000.00 = 102,550.00; 10% = 10,255.00
    feb = engine.period_charges(contract, "monthly", date(2026, 2, 1), date(2026, 3, 1))
    assert feb == Decimal("102550.00")
    assert engine.at_risk_amount(contract, feb) == Decimal("10255.00")
    # January and March have no approved invoice: the monthly fee.
    assert engine.period_charges(contract, "monthly", date(2026, 1, 1), date(2026, 2, 1)) == Decimal("100000.00")
    assert engine.period_charges(contract, "monthly", date(2026, 3, 1), date(2026, 4, 1)) == Decimal("100000.00")
    # Q1: 100,000 + 102,550 + 100,000 = 302,550.00
    assert engine.period_charges(contract, "quarterly", date(2026, 1, 1), date(2026, 4, 1)) == Decimal("302550.00")


def test_credits_deducted_do_not_lower_the_period_charges(cast, contract):
    invoice = invoicing.invoice_approve(invoice=_invoice(cast, contract, "F", "2026-02"), by=cast.finance)
    invoice.deduction_amount, invoice.net_amount = Decimal("1000"), Decimal("101550")
    invoice.save()
    assert engine.period_charges(contract, "monthly", date(2026, 2, 1), date(2026, 3, 1)) == Decimal("102550.00")
