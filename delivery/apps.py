from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = _("Delivery")
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [
        (_("Invoices"), "delivery:invoice_list"),
        (_("Tasks"), "delivery:task_list"),
        (_("Status reports"), "delivery:status_report_list"),
        (_("Meetings"), "delivery:meeting_list"),
        (_("Action items"), "delivery:action_item_list"),
        (_("Communication plan"), "delivery:communication_list"),
        (_("Training"), "delivery:course_list"),
        (_("Training completion"), "delivery:training_completion"),
        (_("Support requests"), "delivery:support_list"),
    ]
    # Home panels: each concern adds its part in delivery/panels.py.
    home_panel = "delivery/_home_panel.html"
    portal_panel = "portal/delivery/_home_panel.html"

    def home_context(self, user):
        from .panels import home_context

        return home_context(user)

    def portal_context(self, user):
        from .panels import portal_context

        return portal_context(user)

    def ready(self):
        from auditlog.registry import auditlog

        from . import burn_cache
        from .models import MeasurementBatch

        burn_cache.connect()  # the home page's burn is kept under stamps these writes replace

        # Samples are too many to audit one by one; the batch is the receipt of each submission,
        # and an exclusion records who flagged it and when on the sample itself.
        auditlog.register(MeasurementBatch)
        self._register_plan(auditlog)
        self._register_engagement(auditlog)

    @staticmethod
    def _register_engagement(auditlog):
        from . import models

        auditlog.register(models.Meeting)
        auditlog.register(models.ActionItem)
        auditlog.register(models.Communication)
        auditlog.register(models.Course)
        auditlog.register(models.TrainingSession)
        auditlog.register(models.SupportRequest)

    @staticmethod
    def _register_plan(auditlog):
        from . import models

        auditlog.register(models.WorkPackage)
        auditlog.register(models.Task)  # dependencies: not as m2m (history_for reads field pairs only)
        auditlog.register(models.TransitionItem)
        auditlog.register(models.StatusReport)
