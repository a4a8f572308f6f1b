from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column

VENDOR_COLUMNS = (
    Column("name", _("Legal name"), order="name", link=True),
    Column("local_name", _("Local name")),
    Column("country", _("Country"), order="country"),
    Column("tier", _("Tier"), order="tier"),
    Column("status", _("Status"), order="status"),
    Column("registration_number", _("Registration number")),
)
