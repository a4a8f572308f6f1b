from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column, money

CONTRACT_COLUMNS = (
    Column("number", _("Number"), order="number", link=True),
    Column("title", _("Title"), order="title", link=True),
    Column("program.code", _("Program")),
    Column("vendor.name", _("Vendor")),
    Column("contract_type", _("Type")),
    Column("status", _("Status"), order="status"),
    Column("start_date", _("Start date"), order="start_date"),
    Column("end_date", _("End date"), order="end_date"),
    Column("monthly_fee", _("Monthly fee"), order="monthly_fee", fmt=money, css="num"),
    Column("currency", _("Currency")),
)
