"""Reads of cost data that other apps use (the service-level engine's period charges)."""

from datetime import date
from decimal import Decimal

from bpo.core.money import money_sum

from .choices import InvoiceStatus
from .models import InvoiceLine


def approved_charges_by_month(*, contract, start: date, end: date) -> dict[date, Decimal]:
    """{first day of month: sum of approved invoice lines} for the contract's months in [start, end)."""
    rows = (
        InvoiceLine.objects.filter(
            invoice__contract=contract,
            invoice__status=InvoiceStatus.APPROVED,
            invoice__period__gte=start,
            invoice__period__lt=end,
        )
        .values("invoice__period")
        .annotate(total=money_sum("amount"))
    )
    return {r["invoice__period"]: r["total"] for r in rows}
