"""Measurements are visible exactly when their contract is (vendors: their own contracts only)."""

from django.db import models

from contracts.querysets import contract_visibility


class SampleQuerySet(models.QuerySet):
    def visible_to(self, user):
        return contract_visibility(self, user, "service_level__contract")

    def editable_by(self, user):
        """Staff who run the contract (managers, contributors, administrators) flag exclusions."""
        from contracts.models import Contract

        return self.filter(service_level__contract__in=Contract.objects.operable_by(user).values("pk"))


class BatchQuerySet(models.QuerySet):
    def visible_to(self, user):
        return contract_visibility(self, user, "contract")

    def editable_by(self, user):
        return self.none()  # a batch is a record of what was received; it never changes
