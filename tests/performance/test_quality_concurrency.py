"""Two engine runs at once propose each breach's corrective action once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from risk.models import CorrectiveAction

from .helpers import at, level, samples, signed_contract

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL (SQLite serializes writers)"
)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_propose_one_action_per_breach():
    from performance.quality.tasks import propose_breach_actions
    from performance.services import contract_run

    contract = signed_contract()
    for code in ("A", "B"):
        samples(level(contract, code, expected=80, minimum=75), [70, 71])
    barrier, errors = threading.Barrier(3), []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    jobs = [lambda: contract_run(contract_id=contract.pk, now=at(2026, 2, 10))] * 2 + [propose_breach_actions]
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(CorrectiveAction.objects.values_list("source", "result__service_level__code")) == [
        ("breach", "A"),
        ("breach", "B"),
    ]
