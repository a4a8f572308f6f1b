"""Measurements are visible when their contract's program's records are (vendors: their own contracts
only); invoices and cost entries are money, which finance reads across programs (bpo.core.scoping)."""

from django.db import models

from bpo.core.scoping import CONTENT, MONEY
from contracts.querysets import contract_visibility


class SampleQuerySet(models.QuerySet):
    def visible_to(self, user):
        return contract_visibility(self, user, "service_level__contract", CONTENT)

    def editable_by(self, user):
        """Staff who run the contract (managers, contributors, administrators) flag exclusions."""
        from contracts.models import Contract

        return self.filter(service_level__contract__in=Contract.objects.operable_by(user).values("pk"))


class BatchQuerySet(models.QuerySet):
    def visible_to(self, user):
        return contract_visibility(self, user, "contract", CONTENT)

    def editable_by(self, user):
        return self.none()  # a batch is a record of what was received; it never changes


class ImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """As the measurements: the vendor's users their own vendor's imports, staff their programs'."""
        return contract_visibility(self, user, "contract", CONTENT)

    def editable_by(self, user):
        return self.none()  # an import is changed only by its task


def is_finance(user) -> bool:
    """Finance (and administrators) validate, approve and dispute invoices."""
    from bpo.accounts.choices import Role

    return user.is_authenticated and user.is_active and (user.role == Role.FINANCE or user.is_administrator)


class InvoiceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Money under the contract: the vendor its own, finance all, program staff their programs'."""
        return contract_visibility(self, user, "contract", MONEY)

    def editable_by(self, user):
        return self.all() if is_finance(user) else self.none()


class CostEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        from strategy.models import Program

        if not user.is_authenticated or user.is_vendor_user:
            return self.none()
        return self.filter(program__in=Program.objects.reading(user, MONEY).values("pk"))

    def editable_by(self, user):
        from bpo.accounts.choices import ProgramRole

        if not user.is_authenticated or user.is_vendor_user:
            return self.none()
        if user.is_administrator:
            return self.all()
        return self.filter(program__memberships__user=user, program__memberships__role=ProgramRole.MANAGER)
