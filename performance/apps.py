from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("Performance")
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [(_("Service credits"), "performance:credit_list"), (_("Scorecards"), "performance:scorecard_list")]

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Period, PeriodReopening, Scorecard, ScorecardDispute, ScorecardLine
        from .scorecards import admin, tasks  # noqa: F401 (registers the job and the template admin)

        auditlog.register(Period, include_fields=["status", "finalized_at"])
        auditlog.register(PeriodReopening)
        # Scorecards: the workflow's steps and every score change (a corrected score keeps its history too).
        auditlog.register(Scorecard, include_fields=["status", "published_at", "acknowledged_at", "total", "band"])
        auditlog.register(ScorecardLine, include_fields=["score", "original_score"])
        auditlog.register(ScorecardDispute, include_fields=["status", "corrected_score", "resolution"])
