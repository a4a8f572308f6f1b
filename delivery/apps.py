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
    ]

    def ready(self):
        from auditlog.registry import auditlog

        from .models import MeasurementBatch

        # Samples are too many to audit one by one; the batch is the receipt of each submission,
        # and an exclusion records who flagged it and when on the sample itself.
        auditlog.register(MeasurementBatch)
        self._register_plan(auditlog)

    @staticmethod
    def _register_plan(auditlog):
        from . import models

        auditlog.register(models.WorkPackage)
        auditlog.register(models.Task)  # dependencies: not as m2m (history_for reads field pairs only)
        auditlog.register(models.TransitionItem)
        auditlog.register(models.StatusReport)
