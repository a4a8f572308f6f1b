"""Periods, results and credits are the money a contract's service levels earn: visible when the
contract's money is (finance reads every program's, legal only as a member; bpo.core.scoping)."""

from django.db import models

from bpo.core.scoping import MONEY
from contracts.querysets import contract_visibility


class _ByContract(models.QuerySet):
    contract_path = "contract"

    def visible_to(self, user):
        return contract_visibility(self, user, self.contract_path, MONEY)

    def editable_by(self, user):
        """Only program managers (and administrators) reopen a period; nothing else is edited by hand."""
        from contracts.models import Contract

        return self.filter(**{f"{self.contract_path}__in": Contract.objects.editable_by(user).values("pk")})


class PeriodQuerySet(_ByContract):
    contract_path = "contract"


class ResultQuerySet(_ByContract):
    contract_path = "period__contract"


class CreditQuerySet(_ByContract):
    contract_path = "period__contract"
