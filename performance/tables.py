from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column, money, percent

CREDIT_COLUMNS = (
    Column("period.contract.number", _("Contract"), link=True),
    Column("period.contract.vendor.name", _("Vendor")),
    Column("period.label", _("Period"), order="period"),
    Column("service_level.code", _("Service level")),
    Column("allocation_pct", _("Allocation (%)"), fmt=percent),
    Column("uncapped_amount", _("Before the cap"), fmt=money, css="num"),
    Column("amount", _("Credit"), order="amount", fmt=money, css="num"),
    Column("period.contract.currency", _("Currency")),
    Column("status", _("Status"), order="status"),
)
