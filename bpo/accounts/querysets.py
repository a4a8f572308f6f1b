"""Who may see which users and memberships."""

from django.db import models


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Administrators see everyone; a vendor admin sees their own vendor's users; others see themselves."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self.all()
        if user.role == "vendor_admin":
            return self.filter(vendor_id=user.vendor_id)
        return self.filter(pk=user.pk)

    def editable_by(self, user):
        return (
            self.visible_to(user)
            if (user.is_authenticated and (user.is_administrator or user.role == "vendor_admin"))
            else self.none()
        )


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        from strategy.models import Program

        return self.filter(program__in=Program.objects.visible_to(user))

    def editable_by(self, user):
        from strategy.models import Program

        return self.filter(program__in=Program.objects.editable_by(user))
