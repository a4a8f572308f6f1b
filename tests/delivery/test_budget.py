"""Actuals against the budget and the 80%/100% crossings (exactly once per crossing)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections

from bpo.core.models import Notification
from contracts.models import RateCardLine
from delivery import budget, invoicing
from strategy.models import BudgetLine
from tests.contracts.factories import contract_of_a


@pytest.fixture
def setup(cast):
    contract = contract_of_a(cast)
    RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("100"))
    line = BudgetLine.objects.create(
        program=cast.program_a, category="vendor_fees", period="2026-Q1", planned_amount=Decimal("10000")
    )
    return contract, line


def _invoice(cast, contract, number, hours, period="2026-01"):
    return invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number=number,
        period=period,
        lines=[{"rate_card_line": contract.rates.get().pk, "quantity": str(hours)}],
    )


def _keys():
    return sorted(
        Notification.objects.filter(event_key__startswith="budget:").values_list("event_key", "recipient__username")
    )


def test_actual_committed_and_forecast(cast, setup):
    contract, line = setup
    invoicing.invoice_approve(invoice=_invoice(cast, contract, "A", 30), by=cast.finance)
    _invoice(cast, contract, "B", 10, "2026-02")
    budget.cost_entry_create(
        program=cast.program_a,
        by=cast.manager,
        category="vendor_fees",
        period="2026-02",
        amount=Decimal("500"),
        description="Travel",
    )
    figures = budget.line_figures(line, today=date(2026, 2, 15))
    assert figures.actual == Decimal("3500")  # 3,000 invoiced + 500 entered
    assert figures.committed == Decimal("1000")
    # burn: 3,500 over 2 of 3 months -> 1,750 a month x 3 = 5,250.00
    assert figures.forecast == Decimal("5250.00")
    assert figures.consumed_pct == Decimal("45.0")


def test_each_crossing_notifies_managers_and_finance_once(cast, setup):
    contract, line = setup
    invoicing.invoice_approve(invoice=_invoice(cast, contract, "A", 70), by=cast.finance)
    assert _keys() == []
    invoicing.invoice_approve(invoice=_invoice(cast, contract, "B", 15), by=cast.finance)  # 85%
    assert _keys() == [(f"budget:{line.pk}:80", "finance"), (f"budget:{line.pk}:80", "manager")]
    invoicing.invoice_approve(invoice=_invoice(cast, contract, "C", 1), by=cast.finance)  # 86%: no new crossing
    assert len(_keys()) == 2
    invoicing.invoice_approve(invoice=_invoice(cast, contract, "D", 20), by=cast.finance)  # 106%
    assert _keys() == sorted([(f"budget:{line.pk}:{t}", u) for t in (80, 100) for u in ("finance", "manager")])


def test_a_crossing_checked_twice_notifies_once(cast, setup):
    contract, line = setup
    invoicing.invoice_approve(invoice=_invoice(cast, contract, "A", 90), by=cast.finance)
    budget.check_thresholds(program=cast.program_a, category="vendor_fees", month=date(2026, 1, 1))
    assert len(_keys()) == 2  # 80% for the manager and finance, once each


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL (SQLite serializes writers)"
)
@pytest.mark.django_db(transaction=True)
def test_two_invoices_approved_at_once_notify_each_crossing_once(live_cast):
    cast = live_cast
    contract = contract_of_a(cast)
    RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("100"))
    line = BudgetLine.objects.create(
        program=cast.program_a, category="vendor_fees", period="2026-Q1", planned_amount=Decimal("10000")
    )
    # Submitted invoices are committed: approve happens after both; each alone is 45%.
    first, second = _invoice(cast, contract, "A", 45), _invoice(cast, contract, "B", 45)
    Notification.objects.all().delete()
    errors, barrier = [], threading.Barrier(2)

    def approve(invoice):
        try:
            barrier.wait()
            invoicing.invoice_approve(invoice=invoice, by=cast.finance)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(inv,)) for inv in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # 90% after both approvals (they were committed before): the 80% crossing once per recipient.
    assert _keys() == [(f"budget:{line.pk}:80", "finance"), (f"budget:{line.pk}:80", "manager")]
