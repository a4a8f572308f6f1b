from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("Performance")
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [(_("Service credits"), "performance:credit_list")]

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Period, PeriodReopening

        auditlog.register(Period, include_fields=["status", "finalized_at"])
        auditlog.register(PeriodReopening)
