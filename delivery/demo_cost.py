"""Demo invoices of CS-MSA-2026-001 (called by load_demo; idempotent: an invoice number is sent once).

Apex bills the monthly fee: October's invoice is approved by finance, and October's applied
4,000.00 credit is deducted from it on approval (net 96,000.00); November's waits for finance.
The fee equals the contract's monthly fee, so the charges behind that credit do not change.
"""

from contracts.models import Contract

from .invoicing import invoice_approve, invoice_submit, parse_period
from .models import Invoice
from .models.cost import invoice_month_not_started

# (invoice number, period, approved by finance)
INVOICES = [
    ("APX-2026-10", "2026-10", True),
    ("APX-2026-11", "2026-11", False),
]


def load_cost(*, users, programs) -> int:
    """Apex's monthly invoices for CS-2026's contract; returns how many were created."""
    contract = Contract.objects.filter(program=programs["CS-2026"], number="CS-MSA-2026-001").first()
    if contract is None:
        return 0
    created = 0
    for number, period, approve in INVOICES:
        if Invoice.objects.filter(contract=contract, number=number).exists():
            continue
        if invoice_month_not_started(parse_period(period), contract):
            continue  # a month not started is not invoiced (a later load adds it)
        invoice = invoice_submit(
            contract=contract, by=users["apex.admin"], number=number, period=period, lines=[], include_monthly_fee=True
        )
        if approve:
            invoice_approve(invoice=invoice, by=users["finance"])
        created += 1
    return created
