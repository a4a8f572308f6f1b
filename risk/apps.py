from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "risk"
    verbose_name = _("Risk")
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [
        (_("Risk register"), "risk:risk_list"),
        (_("Heat map"), "risk:heat_map"),
        (_("Contingency plans"), "risk:plan_list"),
        (_("Drills"), "risk:drill_list"),
        (_("Incidents"), "risk:incident_list"),
        (_("Corrective actions"), "risk:action_list"),
    ]
    home_panel = "risk/_home_panel.html"
    portal_panel = "portal/risk/_home_panel.html"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Risk)
        auditlog.register(models.ContingencyPlan)
        auditlog.register(models.ResponseStep)
        auditlog.register(models.Drill, m2m_fields={"participants"})
        auditlog.register(models.Incident)
        auditlog.register(models.CorrectiveAction)
        auditlog.register(models.KeyRiskIndicator)

    def home_context(self, user):
        """The staff home: open risks by residual level, overdue reviews and open incidents."""
        from django.db.models import Count, Q
        from django.utils import timezone

        from .models import CorrectiveAction, Incident, Risk
        from .selectors import level_counts

        risks = Risk.objects.visible_to(user)
        if not risks.exists():
            return None
        return {
            "risk_counts": level_counts(risks),
            "risk_overdue": risks.review_overdue(timezone.localdate()).count(),
            "open_incidents": Incident.objects.visible_to(user).filter(status="open").count(),
            # Corrective actions waiting for staff: proposals to assign, done ones to verify (one query).
            **CorrectiveAction.objects.visible_to(user).aggregate(
                actions_proposed=Count("pk", filter=Q(status="proposed")),
                actions_to_verify=Count("pk", filter=Q(status="done")),
            ),
        }

    def portal_context(self, user):
        """The portal home: risks shared with this vendor and its corrective actions to work on (none: no panel)."""
        from .choices import ACTION_WORKING
        from .models import CorrectiveAction
        from .selectors import portal_risks

        count = portal_risks(user.vendor_id).count()
        actions = CorrectiveAction.objects.for_vendor(user.vendor_id).filter(status__in=ACTION_WORKING).count()
        if not (count or actions):
            return None
        return {"shared_risk_count": count, "open_action_count": actions}
