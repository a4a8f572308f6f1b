from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VendorsConfig(AppConfig):
    name = "vendors"
    # Pages of this stage in the staff menu: (label, URL name).
    nav_items = [(_("Vendor registry"), "vendors:vendor_list")]
    verbose_name = _("Vendors")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Vendor

        auditlog.register(Vendor)
