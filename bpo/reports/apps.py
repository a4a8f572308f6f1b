from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Platform sub-app: report requests, their files, scheduled reports and the holiday calendar."""

    name = "bpo.reports"
    label = "reports"
    verbose_name = _("Reports")
    # Pages in the staff menu: (label, URL name).
    nav_items = [(_("My reports"), "reports:list"), (_("Request a report"), "reports:new")]

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Holiday

        # Who added or moved a holiday (and so when the monthly reports went out) stays in the history.
        auditlog.register(Holiday)
