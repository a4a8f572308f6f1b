"""The money terms in force on a day, read from the contract's versions (DOMAIN.md, contracts).

An amendment takes effect on its change request's effective date, so the contract's own fields are
the terms of today (or of the last amendment applied), not those of an earlier period: the
service-level engine (performance.engine) and the monthly-fee line of an invoice (delivery.invoicing)
read the terms of their period's first day here.

The terms in force on a day are those of the last version with `effective_from` on or before it
(by day, then version number). A day before the first version's (version 1 is in force from the
contract's start date: a month starting before the contract) takes the first version's terms. A
contract without versions, or a version without the term, falls back to the contract's field.

`versions_by_contract` reads the versions of any number of contracts in one query, only the two
money terms of each (not the whole frozen terms); `terms_on` then picks a day's without a query.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.db.models.fields.json import KT

from .choices import TAKES_CHANGES
from .models import ContractVersion


class Terms(NamedTuple):
    monthly_fee: Decimal
    at_risk_pct: Decimal
    version: int | None  # the version they come from; None: the contract's fields


class _Row(NamedTuple):
    effective_from: date
    number: int
    monthly_fee: str | None
    at_risk_pct: str | None


def versions_by_contract(contracts) -> dict[int, list[_Row]]:
    """contract id -> its versions' (effective_from, number, monthly fee, at-risk %), in force order. One query.
    `contracts`: contract ids, or a queryset of contracts (read as a subquery: any number of them)."""
    ids = contracts.values("pk") if isinstance(contracts, QuerySet) else list(contracts)
    rows = (
        ContractVersion.objects.filter(contract_id__in=ids)
        # An amendment still waiting when its contract was terminated or expired never took effect.
        .filter(Q(applied_at__isnull=False) | Q(contract__status__in=TAKES_CHANGES))
        .order_by("contract_id", "effective_from", "number")
        .values_list("contract_id", "effective_from", "number", KT("terms__monthly_fee"), KT("terms__at_risk_pct"))
    )
    out: dict[int, list[_Row]] = {}
    for contract_id, effective_from, number, fee, pct in rows:
        out.setdefault(contract_id, []).append(_Row(effective_from, number, fee, pct))
    return out


def _decimal(raw, fallback: Decimal) -> Decimal:
    if raw in (None, ""):
        return fallback
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        return fallback
    return value if value.is_finite() else fallback


def terms_on(contract, day: date, versions: dict | None = None) -> Terms:
    """The monthly fee and at-risk % of `contract` in force on `day`. `versions`: from
    versions_by_contract (read here, one query, when not given)."""
    if versions is None:
        versions = versions_by_contract([contract.pk])
    rows = versions.get(contract.pk) or []
    chosen = None
    for row in rows:  # in force order
        if row.effective_from > day:
            break
        chosen = row
    if chosen is None and rows:
        chosen = rows[0]  # before the first version's day: the terms as signed
    if chosen is None:
        return Terms(contract.monthly_fee, contract.at_risk_pct, None)
    return Terms(
        _decimal(chosen.monthly_fee, contract.monthly_fee),
        _decimal(chosen.at_risk_pct, contract.at_risk_pct),
        chosen.number,
    )
