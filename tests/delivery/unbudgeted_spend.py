"""Spending inside and outside a program's budget lines, for the budget chart and finance workbook tests."""

from datetime import date
from decimal import Decimal

from delivery.models import CostEntry, Invoice
from strategy.models import BudgetLine
from tests.contracts.factories import contract_of_a


def spend(cast):
    """Program A: vendor fees budgeted for 2026-Q1 (10,000), internal staff for 2026 (1,000).
    Invoices: January 3,000 approved (in the line), April 2,000 approved and 500 open (no line);
    cost entries: training 700 in February (no training line), internal staff 50 in March (in
    its line). Not budgeted: training 700; vendor fees 2,000 actual and 500 committed."""
    program = cast.program_a
    contract = contract_of_a(cast)
    BudgetLine.objects.create(program=program, category="vendor_fees", period="2026-Q1", planned_amount=10000)
    BudgetLine.objects.create(program=program, category="internal_staff", period="2026", planned_amount=1000)
    for number, month, status, amount in (
        ("IN-1", 1, "approved", "3000"),
        ("OUT-4", 4, "approved", "2000"),
        ("OPEN-4", 4, "submitted", "500"),
    ):
        Invoice.objects.create(
            contract=contract,
            number=number,
            period=date(2026, month, 1),
            status=status,
            gross_amount=Decimal(amount),
            net_amount=Decimal(amount),
            submitted_by=cast.vendor_x_admin,
        )
    cost(cast, program, "training", date(2026, 2, 1), "700")
    cost(cast, program, "internal_staff", date(2026, 3, 1), "50")
    return program


def cost(cast, program, category, month, amount):
    return CostEntry.objects.create(
        program=program,
        category=category,
        period=month,
        amount=Decimal(amount),
        description=category,
        created_by=cast.manager,
    )
