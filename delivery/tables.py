from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column

SAMPLE_COLUMNS = (
    Column("service_level.code", _("Service level"), order="service_level"),
    Column("measured_at", _("Measured at"), order="measured_at"),
    Column("value", _("Value"), order="value"),
    Column("reference", _("Reference")),
    Column("excluded", _("Approved exclusion")),
    Column("exclusion_reason", _("Exclusion reason")),
)

INVOICE_COLUMNS = (
    Column("number", _("Invoice"), order="number"),
    Column("contract.number", _("Contract")),
    Column("period", _("Period"), order="period"),
    Column("status", _("Status")),
    Column("gross_amount", _("Charges"), order="gross"),
    Column("deduction_amount", _("Credits deducted")),
    Column("net_amount", _("Net amount"), order="net"),
)
