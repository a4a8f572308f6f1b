from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [(_("Programs"), "strategy:program_list")]
    verbose_name = _("Strategy")
    home_panel = "strategy/_home_panel.html"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.Program,
            models.Objective,
            models.ScopeItem,
            models.BudgetLine,
            models.Milestone,
            models.Stakeholder,
            models.ResourceAllocation,
            models.PhaseGate,
        ):
            auditlog.register(model)

    def home_context(self, user):
        """The staff home: charters waiting for this user's approval (as sponsor or administrator)
        or for finance's budget approval; nothing when there are none."""
        from .models import Program

        if user.is_vendor_user:
            return None
        programs = Program.objects.visible_to(user).filter(status="submitted")
        if not user.is_administrator:
            programs = programs.filter(sponsor=user)
        budgets = Program.objects.none()
        if user.role == "finance" or user.is_administrator:
            budgets = Program.objects.filter(
                budget_lines__isnull=False, budget_lines__approved_at__isnull=True
            ).distinct()
        charters, budgets = list(programs), list(budgets)
        return {"charters": charters, "budgets": budgets} if charters or budgets else None
