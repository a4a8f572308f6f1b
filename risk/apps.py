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

        # The *_values fields are the figures behind a generated text: the history shows the text.
        auditlog.register(models.Risk, exclude_fields=["review_reason_values"])
        auditlog.register(models.ContingencyPlan)
        auditlog.register(models.ResponseStep)
        auditlog.register(models.Drill, m2m_fields={"participants"})
        auditlog.register(models.Incident)
        auditlog.register(models.CorrectiveAction, exclude_fields=["title_values", "problem_values"])
        auditlog.register(models.KeyRiskIndicator)

    def home_context(self, user):
        """The staff home: open risks by residual level, overdue reviews and open incidents, and
        the corrective actions waiting for staff (proposals to assign, done ones to verify): one query."""
        from bpo.core.dashboard import count_by_later, count_later, exists_later, run_counts

        from .choices import Level
        from .models import CorrectiveAction, Incident, Risk

        risks = Risk.objects.visible_to(user)
        actions = CorrectiveAction.objects.visible_to(user)
        counts = {
            "any": exists_later(risks),
            "levels": count_by_later(risks.open(), "residual_level"),
            "risk_overdue": count_later(risks.review_overdue()),
            "open_incidents": count_later(Incident.objects.visible_to(user).filter(status="open")),
            "actions_proposed": count_later(actions.filter(status="proposed")),
            "actions_to_verify": count_later(actions.filter(status="done")),
        }
        run_counts(*counts.values())
        if not counts.pop("any").value:
            return None
        levels = {level: 0 for level in Level.values}
        levels["unassessed"] = 0
        for level, n in counts.pop("levels").value.items():
            levels[level or "unassessed"] += n
        return {"risk_counts": levels, **{name: later.value for name, later in counts.items()}}

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
