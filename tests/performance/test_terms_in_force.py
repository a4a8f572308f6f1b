"""The engine's charges and at-risk amount of a period use the terms in force on its first day (the
contract's versions by effective date), not the contract's current fields: re-evaluating a month
before an amendment keeps its credits. Invoicing's monthly-fee line takes the fee in force in the
invoice's month. The versions of all contracts of a scheduled run are read in one query."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bpo.core.zones import today_in
from contracts import services as contract_services
from contracts.services.lifecycle import add_months
from delivery import invoicing
from delivery.choices import InvoiceLineKind
from performance import engine, services
from performance.models import Credit, Period
from tests.contracts.factories import ContractFactory

from .helpers import at, level, samples

D = Decimal


@pytest.fixture
def today(cast):
    return today_in(cast.program_a.time_zone)


def _contract(cast, today, number="TIF-1"):
    """Active since the first day of the month three months ago; fee 100,000.00, at-risk 10%; v1 signed."""
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        number=number,
        status="active",
        start_date=add_months(today.replace(day=1), -3),
        end_date=add_months(today.replace(day=1), 24),
    )
    contract_services.contracts.record_version(contract, cast.manager)
    return contract


def _amend(cast, contract, terms, **decide):
    change = contract_services.change_request_create(
        contract=contract, by=cast.manager, title="New fee", description="d", proposed_terms=terms
    )
    contract_services.change_request_assess(change=change, by=cast.manager)
    return contract_services.change_request_decide(change=change, by=cast.manager, approve=True, **decide)


def test_credits_of_a_month_before_the_amendment_use_the_old_terms(cast, today):
    contract = _contract(cast, today)
    sl = level(contract, "ASA20", measure="percent_within", threshold=20, expected=80, minimum=75, allocation_pct=40)
    this_month = today.replace(day=1)
    last_month = add_months(this_month, -1)
    samples(sl, [10] * 18 + [99] * 7, when=at(last_month.year, last_month.month, 10))  # 72%: a breach
    period = Period.objects.create(contract=contract, kind="monthly", start=last_month, end=this_month)
    services.evaluate_period(period_id=period.pk)
    period.refresh_from_db()
    assert (period.charges, period.at_risk_amount) == (D("100000.00"), D("10000.00"))

    _amend(cast, contract, {"monthly_fee": "200000", "at_risk_pct": "20"})  # in force from today
    contract.refresh_from_db()
    assert (contract.monthly_fee, contract.at_risk_pct) == (D("200000.00"), D("20.00"))
    # Late samples arrive: last month is evaluated again, with the terms of its first day.
    samples(sl, [99], when=at(last_month.year, last_month.month, 20))
    services.evaluate_period(period_id=period.pk)
    period.refresh_from_db()
    assert (period.charges, period.at_risk_amount) == (D("100000.00"), D("10000.00"))
    assert Credit.objects.get(period=period).amount == D("4000.00")  # 40% of 10,000.00, not of 40,000.00

    next_month = add_months(this_month, 1)
    assert engine.period_charges(contract, "monthly", next_month, add_months(next_month, 1)) == D("200000.00")
    assert engine.terms_in_force(contract, next_month).at_risk_pct == D("20.00")
    assert engine.terms_in_force(contract, last_month).at_risk_pct == D("10.00")


def test_a_future_amendment_counts_from_its_day_and_invoices_carry_each_months_fee(cast, today):
    contract = _contract(cast, today)
    this_month = today.replace(day=1)
    next_month = add_months(this_month, 1)
    _amend(cast, contract, {"monthly_fee": "200000"}, effective_date=next_month)
    contract.refresh_from_db()
    assert contract.monthly_fee == D("100000.00")  # not yet applied
    # The engine reads the version, applied or not.
    assert engine.period_charges(contract, "monthly", this_month, next_month) == D("100000.00")
    assert engine.period_charges(contract, "monthly", next_month, add_months(next_month, 1)) == D("200000.00")
    assert engine.period_charges(contract, "quarterly", this_month, add_months(this_month, 3)) == D("500000.00")
    week = next_month + timedelta(days=7 - next_month.weekday())  # a Monday in the next month
    assert engine.period_charges(contract, "weekly", week, week + timedelta(days=7)) == D("46153.85")
    # Before the contract's first version (a month starting before the contract): the terms as signed.
    assert engine.terms_in_force(contract, contract.start_date - timedelta(days=40)).monthly_fee == D("100000.00")

    contract_services.amendments_apply_due(today=next_month)
    contract.refresh_from_db()
    assert contract.monthly_fee == D("200000.00")
    # This month's invoice carries the fee in force this month; next month's the amended one.
    current = invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="INV-1", period=this_month, lines=[], include_monthly_fee=True
    )
    following = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="INV-2",
        period=next_month,
        lines=[],
        include_monthly_fee=True,
        today=next_month,
    )
    fee = {i.number: i.lines.get(kind=InvoiceLineKind.MONTHLY_FEE).amount for i in (current, following)}
    assert fee == {"INV-1": D("100000.00"), "INV-2": D("200000.00")}
    assert (current.gross_amount, following.gross_amount) == (D("100000.00"), D("200000.00"))


def _version_queries(ctx):
    return [q["sql"] for q in ctx.captured_queries if "contracts_contractversion" in q["sql"]]


def test_the_scheduled_run_reads_every_contracts_versions_in_one_query(cast, today):
    def run():
        with CaptureQueriesContext(connection) as ctx:
            services.evaluate_all()
        return _version_queries(ctx)

    first = _contract(cast, today, "TIF-1")
    level(first, "ASA20", allocation_pct=40)
    assert len(run()) == 1
    for n in (2, 3, 4):
        other = _contract(cast, today, f"TIF-{n}")
        level(other, "ASA20", allocation_pct=40)
        _amend(cast, other, {"monthly_fee": "150000"})
    assert len(run()) == 1
