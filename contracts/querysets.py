"""Who may see and change which contracts: the rule is written here once.

Every record hanging off a contract (service levels, obligations, change requests,
disputes, and in other apps measurements, results and credits) is visible exactly when
its contract is, through `ContractChildQuerySet` or `contract_visibility`.
"""

from django.db import models

# Program roles that read a program's contracts; evaluators only score proposals.
CONTRACT_READING_ROLES = ("manager", "contributor", "viewer")


class ContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Global roles (administrator, finance, legal, executive) read every contract; program
        staff read their programs' contracts (not evaluators); a vendor user reads their own
        vendor's contracts once both reviews approved them."""
        from .choices import VENDOR_VISIBLE

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_vendor_user:
            return self.filter(vendor_id=user.vendor_id, status__in=VENDOR_VISIBLE)
        if user.reads_all_programs:
            return self.all()
        return self.filter(
            program__memberships__user=user, program__memberships__role__in=CONTRACT_READING_ROLES
        ).distinct()

    def editable_by(self, user):
        """Administrators and the managers of the contract's program change it."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(program__memberships__user=user, program__memberships__role="manager").distinct()

    def operable_by(self, user):
        """Administrators, managers and contributors run a contract's day-to-day records
        (measurement exclusions, obligations' evidence, disputes)."""
        if not user.is_authenticated or not user.is_active or user.is_vendor_user:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(
            program__memberships__user=user, program__memberships__role__in=("manager", "contributor")
        ).distinct()


def contract_visibility(qs, user, path="contract"):
    """Restrict a queryset of records under a contract (reached through `path`) to those the user may see."""
    from bpo.core.scoping import scoped

    from .models import Contract

    return scoped(qs, user, path, Contract.objects.visible_to(user).values("pk"))


class ContractChildQuerySet(models.QuerySet):
    """Records that belong to one contract: visible and editable exactly as their contract."""

    contract_path = "contract"

    def visible_to(self, user):
        return contract_visibility(self, user, self.contract_path)

    def editable_by(self, user):
        from .models import Contract

        return self.filter(**{f"{self.contract_path}__in": Contract.objects.editable_by(user).values("pk")})
