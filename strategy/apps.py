from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [(_("Programs"), "strategy:program_list")]
    verbose_name = _("Strategy")

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
