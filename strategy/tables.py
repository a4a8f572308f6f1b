from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column

PROGRAM_COLUMNS = (
    Column("code", _("Code"), order="code", link=True),
    Column("name", _("Name"), order="name", link=True),
    Column("business_unit", _("Business unit")),
    Column("phase", _("Phase"), order="phase"),
    Column("status", _("Approval"), order="status"),
    Column("sponsor", _("Sponsor")),
    Column("start_date", _("Start date"), order="start_date"),
    Column("currency", _("Currency")),
)
