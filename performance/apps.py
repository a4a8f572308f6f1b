from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = _("Performance")
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [
        (_("Service credits"), "performance:credit_list"),
        (_("Scorecards"), "performance:scorecard_list"),
        (_("Quality standards"), "performance:quality_standard_list"),
        (_("Quality audits"), "performance:quality_audit_list"),
        (_("Quality reviews"), "performance:quality_review_list"),
        (_("Improvement"), "performance:initiative_list"),
        (_("Lessons learned"), "performance:lesson_list"),
    ]

    def ready(self):
        from auditlog.registry import auditlog

        from .improvement import tasks as improvement_tasks  # noqa: F401 (registers the lessons-offer job)
        from .models import Period, PeriodReopening, Scorecard, ScorecardDispute, ScorecardLine
        from .quality import tasks as quality_tasks  # noqa: F401 (registers the breach-proposal catch-up job)
        from .scorecards import admin, tasks  # noqa: F401 (registers the job and the template admin)

        auditlog.register(Period, include_fields=["status", "finalized_at"])
        auditlog.register(PeriodReopening)
        # Scorecards: the workflow's steps and every score change (a corrected score keeps its history too).
        auditlog.register(Scorecard, include_fields=["status", "published_at", "acknowledged_at", "total", "band"])
        auditlog.register(ScorecardLine, include_fields=["score", "original_score"])
        auditlog.register(ScorecardDispute, include_fields=["status", "corrected_score", "resolution"])
        # Quality records: every change (an audit's defects and result, a standard's levels).
        from .models import QualityAudit, QualityReview, QualityStandard

        auditlog.register(QualityStandard)
        auditlog.register(QualityAudit)
        auditlog.register(QualityReview)
        # Improvement: the initiative's workflow and benefits, and every edit of a lesson.
        from .models import ImprovementInitiative, Lesson

        auditlog.register(ImprovementInitiative)
        auditlog.register(Lesson)
