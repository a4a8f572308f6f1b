"""A fee change never takes effect under an invoice that already carries that month's fee: the
month's fee is the one in force on its first day, so an amendment effective on the first of this
month, approved after the vendor invoiced this month, made the fee in force differ from the invoice
finance approves (and the engine counts), with nothing said. Refused next to the effective date."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bpo.core.zones import today_in
from contracts import services as contract_services
from contracts.services.lifecycle import add_months
from delivery import invoicing
from tests.contracts.factories import ContractFactory

D = Decimal


@pytest.fixture
def today(cast):
    return today_in(cast.program_a.time_zone)


def _change(cast, contract, terms, **kwargs):
    return contract_services.change_request_create(
        contract=contract, by=cast.manager, title="New fee", description="d", proposed_terms=terms, **kwargs
    )


def test_a_fee_change_waits_for_the_month_after_the_invoiced_one(cast, today):
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        number="FEE-1",
        status="active",
        start_date=add_months(today.replace(day=1), -3),
        end_date=add_months(today.replace(day=1), 24),
    )
    contract_services.contracts.record_version(contract, cast.manager)
    this_month = today.replace(day=1)
    next_month = add_months(this_month, 1)
    invoice = invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="INV-9", period=this_month, lines=[], include_monthly_fee=True
    )
    with pytest.raises(ValidationError) as raised:
        _change(cast, contract, {"monthly_fee": "120000"}, effective_date=this_month)
    message = " ".join(raised.value.message_dict["effective_date"])
    assert f"{this_month:%Y-%m} is already on invoice INV-9 (Submitted)" in message
    assert next_month.isoformat() in message
    # Checked again at approval (the invoice may come after the change was raised).
    change = _change(cast, contract, {"monthly_fee": "120000"})
    contract_services.change_request_assess(change=change, by=cast.manager)
    with pytest.raises(ValidationError) as raised:
        contract_services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=this_month)
    assert "INV-9" in " ".join(raised.value.message_dict["effective_date"])
    # A change of another term is not held; a later day in the month, or next month, is fine.
    _change(cast, contract, {"at_risk_pct": "12"}, effective_date=this_month)
    _change(cast, contract, {"monthly_fee": "120000"}, effective_date=this_month + timedelta(days=1))
    contract_services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=next_month)
    invoice.refresh_from_db()
    assert invoicing.monthly_fee_for(contract, this_month) == D("100000.00") == invoice.gross_amount
