from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column, cell_html

SAMPLE_COLUMNS = (
    Column("service_level.code", _("Service level"), order="service_level"),
    Column("measured_at", _("Measured at"), order="measured_at"),
    Column("value", _("Value"), order="value"),
    Column("reference", _("Reference")),
    Column("excluded", _("Approved exclusion")),
    Column("exclusion_reason", _("Exclusion reason")),
)


def _month(value, record=None) -> str:
    return f"{value:%Y-%m}"


def _amount_in_currency(value, invoice) -> str:
    return format_html("{} {}", cell_html(value), invoice.contract.currency)


INVOICE_COLUMNS = (
    Column("number", _("Invoice"), order="number", link=True),
    Column("contract.number", _("Contract")),
    Column("period", _("Period"), order="period", fmt=_month),
    Column("status", _("Status")),
    Column("gross_amount", _("Charges"), order="gross", css="num"),
    Column("deduction_amount", _("Credits deducted"), css="num"),
    Column("net_amount", _("Net amount"), order="net", fmt=_amount_in_currency, css="num"),
)
