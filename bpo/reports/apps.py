from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Platform sub-app: report requests, their files and scheduled reports."""

    name = "bpo.reports"
    label = "reports"
    verbose_name = _("Reports")
    # Pages in the staff menu: (label, URL name).
    nav_items = [(_("My reports"), "reports:list"), (_("Request a report"), "reports:new")]
