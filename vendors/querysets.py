"""Who may see and change which vendors: the rule is written here once."""

from django.db import models


class VendorQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff read the whole registry; a vendor user reads only their own vendor."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_vendor_user:
            return self.filter(pk=user.vendor_id)
        return self.all()

    def editable_by(self, user):
        """Administrators and program managers keep the registry; vendors propose changes instead."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if user.is_administrator or user.manages_any_program():
            return self.all()
        return self.none()
