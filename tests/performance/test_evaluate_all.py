"""The scheduled evaluation runs each contract on its own: a contract that raises (as the grace
period of 99999999999 days stored on SQLite before it was bounded did, overflowing the date
arithmetic) is logged with its number, every other contract is still evaluated, and the job
still reports the failure (EvaluationFailed naming the contract)."""

import logging

import pytest

from performance import services, tasks
from performance.models import Credit
from performance.services import EvaluationFailed
from tests.contracts.factories import ContractFactory

from .helpers import level, samples


def _breaching_contract(cast, number):
    contract = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1, number=number
    )
    sl = level(contract, "ASA20", measure="percent_within", threshold=20, expected=80, minimum=75, allocation_pct=40)
    samples(sl, [10] * 18 + [99] * 7)  # 72%: a breach, so a credit
    return contract


def test_a_broken_contract_does_not_stop_the_others_and_the_job_reports_it(cast, monkeypatch, caplog):
    broken = _breaching_contract(cast, "BROKEN-1")  # first in the run
    healthy = _breaching_contract(cast, "HEALTHY-2")
    real_run = services.contract_run

    def run(*, contract_id, now=None):
        if contract_id == broken.pk:  # as SQLite's stored 99999999999-day grace period did (PostgreSQL's
            raise OverflowError("Python int too large to convert to C int")  # smallint cannot hold it)
        return real_run(contract_id=contract_id, now=now)

    monkeypatch.setattr(services, "contract_run", run)
    with caplog.at_level(logging.ERROR, logger="performance.services"):
        with pytest.raises(EvaluationFailed) as failed:
            tasks.evaluate_service_levels.delay()
    assert "BROKEN-1" in str(failed.value) and "HEALTHY-2" not in str(failed.value)
    assert Credit.objects.filter(period__contract=healthy).count() == 1
    assert not Credit.objects.filter(period__contract=broken).exists()
    records = [r for r in caplog.records if "BROKEN-1" in r.getMessage()]
    assert records and records[0].exc_info and records[0].exc_info[0] is OverflowError


def test_any_exception_of_one_contract_is_isolated(cast, monkeypatch, caplog):
    first = _breaching_contract(cast, "FIRST-1")
    second = _breaching_contract(cast, "SECOND-2")
    third = _breaching_contract(cast, "THIRD-3")
    real_run = services.contract_run

    def run(*, contract_id, now=None):
        if contract_id == second.pk:
            raise RuntimeError("boom")
        return real_run(contract_id=contract_id, now=now)

    monkeypatch.setattr(services, "contract_run", run)
    with caplog.at_level(logging.ERROR, logger="performance.services"):
        with pytest.raises(EvaluationFailed, match="SECOND-2"):
            services.evaluate_all()
    assert {c.period.contract_id for c in Credit.objects.select_related("period")} == {first.pk, third.pk}
    assert any("SECOND-2" in r.getMessage() for r in caplog.records)


def test_without_failures_the_job_returns_its_totals(cast):
    _breaching_contract(cast, "OK-1")
    _breaching_contract(cast, "OK-2")
    totals = services.evaluate_all()
    assert totals["contracts"] == 2 and totals["evaluated"] + totals["finalized"] >= 2
