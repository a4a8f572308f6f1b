from django.utils.translation import gettext_lazy as _

from bpo.core.lists import Column
from bpo.core.zones import format_in_zone

from .countries import country_name

VENDOR_COLUMNS = (
    Column("name", _("Legal name"), order="name", link=True),
    Column("local_name", _("Local name")),
    Column("country", _("Country"), order="country", fmt=lambda value, _vendor: country_name(value)),
    Column("tier", _("Tier"), order="tier"),
    Column("status", _("Status"), order="status"),
    Column("registration_number", _("Registration number")),
)

EVENT_COLUMNS = (
    Column("title", _("Title"), order="title", link=True),
    Column("kind", _("Kind")),
    Column("program", _("Program")),
    Column("status", _("Status"), order="status"),
    Column(
        "submission_deadline",
        _("Submission deadline"),
        order="submission_deadline",
        fmt=lambda value, event: format_in_zone(value, event.program.time_zone),
    ),
)
