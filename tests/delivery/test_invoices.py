"""Invoices: validation against the rate card and term, duplicates, approval with credit deductions."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contracts.models import RateCardLine
from delivery import invoicing
from delivery.choices import InvoiceStatus
from delivery.models import CreditDeduction, Invoice
from performance.choices import CreditStatus
from performance.models import Credit, Period
from tests.contracts.factories import contract_of_a


@pytest.fixture
def contract(cast):
    c = contract_of_a(cast)
    RateCardLine.objects.create(contract=c, item="Agent hour", unit="hour", rate=Decimal("25.5000"))
    return c


def submit(cast, contract, number="INV-1", period="2026-02", lines=None, fee=False, by=None):
    rate = contract.rates.get()
    return invoicing.invoice_submit(
        contract=contract,
        by=by or cast.vendor_x_admin,
        number=number,
        period=period,
        lines=[{"rate_card_line": rate.pk, "quantity": "100"}] if lines is None else lines,
        include_monthly_fee=fee,
    )


def applied_credit(contract, start, amount):
    period = Period.objects.create(
        contract=contract, kind="monthly", start=start, end=date(start.year, start.month + 1, 1), status="finalized"
    )
    return Credit.objects.create(
        period=period,
        service_level=contract.service_levels.get(),
        allocation_pct=Decimal("10"),
        uncapped_amount=amount,
        amount=amount,
        status=CreditStatus.APPLIED,
    )


def test_amount_is_rate_times_quantity_plus_monthly_fee(cast, contract):
    invoice = submit(cast, contract, fee=True)
    assert [line.amount for line in invoice.lines.all()] == [Decimal("2550.00"), Decimal("100000.00")]
    assert invoice.gross_amount == invoice.net_amount == Decimal("102550.00")
    assert invoice.period == date(2026, 2, 1)
    assert invoice.status == InvoiceStatus.SUBMITTED


def test_item_not_on_the_rate_card_is_refused(cast, contract):
    other = contract_of_a(cast)  # same contract; make a rate line of another contract
    foreign = RateCardLine.objects.create(
        contract=type(other).objects.create(
            program=cast.program_b,
            vendor=cast.vendor_x,
            number="CB-9",
            status=other.status,
            start_date=other.start_date,
            end_date=other.end_date,
            currency="USD",
            monthly_fee=Decimal("1"),
        ),
        item="Foreign",
        unit="hour",
        rate=Decimal("1"),
    )
    with pytest.raises(ValidationError) as exc:
        submit(cast, contract, lines=[{"rate_card_line": foreign.pk, "quantity": "1"}])
    assert "lines" in exc.value.message_dict
    assert "not on this contract's rate card" in exc.value.message_dict["lines"][0]
    assert not Invoice.objects.exists()


def test_period_outside_the_term_is_refused(cast, contract):
    with pytest.raises(ValidationError) as exc:
        submit(cast, contract, period="2028-01")
    assert "outside the contract's term" in exc.value.message_dict["period"][0]


def test_duplicate_number_is_refused(cast, contract):
    submit(cast, contract)
    with pytest.raises(ValidationError) as exc:
        submit(cast, contract, number="inv-1", period="2026-03")
    assert "already submitted" in exc.value.message_dict["number"][0]
    assert Invoice.objects.count() == 1


def test_vendor_cannot_invoice_another_vendors_contract(cast, contract):
    with pytest.raises(PermissionDenied):
        submit(cast, contract, by=cast.vendor_y_admin)
    with pytest.raises(PermissionDenied):
        submit(cast, contract, by=cast.manager)


def test_only_finance_approves_or_disputes(cast, contract):
    invoice = submit(cast, contract)
    for user in (cast.manager, cast.vendor_x_admin, cast.executive):
        with pytest.raises(PermissionDenied):
            invoicing.invoice_approve(invoice=invoice, by=user)
    with pytest.raises(ValidationError):
        invoicing.invoice_dispute(invoice=invoice, by=cast.finance, reason=" ")
    invoicing.invoice_dispute(invoice=invoice, by=cast.finance, reason="Hours do not match the roster")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DISPUTED
    with pytest.raises(ValidationError):
        invoicing.invoice_approve(invoice=invoice, by=cast.finance)


def test_approval_deducts_applied_credits_exactly_once(cast, contract):
    c1 = applied_credit(contract, date(2026, 1, 1), Decimal("500.00"))
    c2 = applied_credit(contract, date(2026, 2, 1), Decimal("300.00"))
    first = submit(cast, contract, number="INV-1", fee=True)
    second = submit(cast, contract, number="INV-2", period="2026-03", fee=True)
    invoicing.invoice_validate(invoice=first, by=cast.finance)
    first = invoicing.invoice_approve(invoice=first, by=cast.finance)
    assert first.deduction_amount == Decimal("800.00")
    assert first.net_amount == Decimal("102550.00") - Decimal("800.00")
    assert set(first.deductions.values_list("credit", flat=True)) == {c1.pk, c2.pk}
    second = invoicing.invoice_approve(invoice=second, by=cast.finance)
    assert second.deduction_amount == 0 and second.net_amount == second.gross_amount
    assert CreditDeduction.objects.count() == 2


def test_credit_larger_than_the_charges_waits_for_the_next_invoice(cast, contract):
    big = applied_credit(contract, date(2026, 1, 1), Decimal("5000.00"))
    small = submit(cast, contract, number="S", lines=[{"rate_card_line": contract.rates.get().pk, "quantity": "10"}])
    small = invoicing.invoice_approve(invoice=small, by=cast.finance)
    assert small.deduction_amount == 0 and small.net_amount == Decimal("255.00")
    large = invoicing.invoice_approve(invoice=submit(cast, contract, number="L", fee=True), by=cast.finance)
    assert large.deductions.get().credit == big
