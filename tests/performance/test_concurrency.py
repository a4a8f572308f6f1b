"""Two evaluations at once give the same results and credits as one, never duplicates (PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from performance.choices import CreditStatus
from performance.models import Credit, Period, Result
from performance.services import contract_run

from .helpers import D, at, level, samples, signed_contract

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL (SQLite serializes writers)"
)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_write_each_row_once():
    contract = signed_contract()
    sls = [level(contract, code, expected=80, minimum=75, allocation_pct=pct) for code, pct in (("A", 40), ("B", 80))]
    for sl in sls:
        samples(sl, [70, 71, 72])
    barrier, errors = threading.Barrier(2), []

    def run():
        try:
            barrier.wait()
            contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    # January (final) and February (provisional, started): each period and result once.
    assert sorted(Period.objects.values_list("start", "status")) == [
        (date(2026, 1, 1), "finalized"),
        (date(2026, 2, 1), "provisional"),
    ]
    assert Result.objects.count() == 4
    credits = sorted(Credit.objects.values_list("service_level__code", "amount", "status"))
    # 10,000 x 40/120 = 3,333.33…, 10,000 x 80/120 = 6,666.66… -> 3,333.33 + 6,666.67
    assert credits == [("A", D("3333.33"), CreditStatus.APPLIED), ("B", D("6666.67"), CreditStatus.APPLIED)]
