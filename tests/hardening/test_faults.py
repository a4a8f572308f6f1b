"""Tasks under faults: a real Celery worker on Redis, killed in the middle of a task.

The service-level evaluation of the demo contract (``performance.tasks.evaluate_contract``) is
queued on Redis and taken by a worker subprocess (``--pool=solo``, so the task runs in the
process that is killed). That worker is instrumented (``WORKER`` below, only for this test):
at the second period it measures, inside that period's transaction (the first period is
already committed), it writes a marker file and waits. The test waits for the marker, so the
middle of the task is observed, not guessed; checks that the database holds a partial run;
kills the worker with SIGKILL; starts a normal worker, which gets the task again from Redis
(``CELERY_TASK_ACKS_LATE`` with a visibility timeout shortened to a few seconds through
``CELERY_VISIBILITY_TIMEOUT``) and runs it to the end. The periods, results, credits,
corrective actions and notifications are then the same as after an undisturbed run, with no
duplicates; and running the task once more changes nothing.

Needs PostgreSQL and Redis (``DATABASE_URL``, ``REDIS_URL``), as in CI; skipped otherwise. The
worker shares pytest-django's test database (``test_<name>``), so the test commits for real
(``transaction=True``).
"""

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Max

needs_worker = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs a real worker: REDIS_URL and PostgreSQL (DATABASE_URL)",
)

ROOT = Path(__file__).resolve().parents[2]
TASK = "performance.tasks.evaluate_contract"
VISIBILITY = 3  # seconds before Redis hands a task whose worker died to another worker
WAIT = 120  # seconds to wait for a worker to start and do its part

# The worker: Django set up, then, with BPO_FAULT_MARKER, the pause in the second measurement.
WORKER = """
import os, sys, time
import django
django.setup()
marker = os.environ.get("BPO_FAULT_MARKER")
if marker:
    from performance import engine
    original, calls = engine.measure_values, []

    def measure_values(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            with open(marker, "w") as f:
                f.write("paused")
            time.sleep(600)
        return original(*args, **kwargs)

    engine.measure_values = measure_values
from bpo.celery import app
app.worker_main(["worker", "--pool=solo", "--loglevel=INFO", "--without-mingle", "--without-gossip",
                 "--without-heartbeat", "-n", sys.argv[1]])
"""


def _database_url():
    """The test database as a URL, for the worker (the same database the test writes)."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """A celery worker subprocess whose log is kept in a file."""

    def __init__(self, tmp_path, name, marker=None):
        self.log = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bpo.test_settings",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "DATABASE_URL": _database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
        }
        env.pop("BPO_FAULT_MARKER", None)
        if marker:
            env["BPO_FAULT_MARKER"] = str(marker)
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", WORKER, f"{name}@faults"], cwd=ROOT, env=env, stdout=log, stderr=log
            )

    def text(self):
        return self.log.read_text(errors="replace")

    def wait_for(self, condition, what):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited ({self.process.returncode}) before {what}:\n{self.text()[-3000:]}")
            time.sleep(0.2)
        pytest.fail(f"timed out waiting for {what}:\n{self.text()[-3000:]}")

    def succeeded(self, times=1):
        self.wait_for(lambda: self.text().count("succeeded in") >= times, f"{TASK} to succeed")

    def kill(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def _snapshot(contract, *, since=0, with_ids=False):
    """Everything the evaluation writes for the contract, as sorted tuples (times left out)."""
    from bpo.core.models import Notification
    from performance.models import Credit, Period, Result
    from risk.models import CorrectiveAction

    def rows(queryset, *fields):
        fields = (("pk",) if with_ids else ()) + fields
        return sorted(queryset.values_list(*fields))

    return {
        "periods": rows(
            Period.objects.filter(contract=contract), "kind", "start", "end", "status", "charges", "at_risk_amount"
        ),
        "results": rows(
            Result.objects.filter(period__contract=contract),
            "period__kind",
            "period__start",
            "service_level__code",
            "value",
            "sample_count",
            "excluded_count",
            "state",
        ),
        "credits": rows(
            Credit.objects.filter(period__contract=contract),
            "period__kind",
            "period__start",
            "service_level__code",
            "allocation_pct",
            "uncapped_amount",
            "amount",
            "status",
        ),
        "corrective actions": CorrectiveAction.objects.filter(vendor=contract.vendor).count(),
        # what the runs told people (early warnings, proposed corrective actions), in any order
        "notifications": rows(Notification.objects.filter(pk__gt=since), "recipient", "category", "title")
        if not with_ids
        else rows(Notification.objects.all(), "event_key", "recipient", "title"),
    }


def _reset(contract, since):
    """The state before any run: no periods (so no results, credits or corrective actions
    proposed from them) and none of the notifications runs sent (those after ``since``)."""
    from bpo.core.models import Notification
    from performance.models import Period

    Period.objects.filter(contract=contract).delete()
    Notification.objects.filter(pk__gt=since).delete()


def _no_duplicates(snapshot):
    for key in ("periods", "results", "credits"):
        names = [row[:3] for row in snapshot[key]]
        assert len(names) == len(set(names)), f"duplicate {key}"


def _forget_unacked():
    """Drops what an earlier, interrupted run may have left taken-but-unacknowledged on Redis
    (kombu's ``unacked`` hash), so that no stale task is delivered again during this one."""
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).delete("unacked", "unacked_index")


@needs_worker
@pytest.mark.timeout(300)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")  # send_task always queues
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_the_evaluation_ends_like_an_undisturbed_run(tmp_path):
    from bpo.celery import app
    from bpo.core.models import Notification
    from contracts.models import Contract
    from delivery.models import Sample
    from performance import services
    from performance.models import Result

    call_command("load_demo", stdout=StringIO())
    contract = Contract.objects.get(number="CS-MSA-2026-001")
    samples = Sample.objects.filter(service_level__contract=contract).count()
    assert samples >= 100, samples

    # The undisturbed run, from no periods at all.
    since = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    _reset(contract, since)
    services.contract_run(contract_id=contract.pk)
    undisturbed = _snapshot(contract, since=since)
    assert len(undisturbed["periods"]) >= 2 and undisturbed["results"], undisturbed
    _reset(contract, since)

    app.control.purge()
    _forget_unacked()
    marker = tmp_path / "paused"
    first = Worker(tmp_path, "first", marker=marker)
    workers = [first]
    try:
        app.send_task(TASK, args=[contract.pk])
        first.wait_for(marker.exists, "the worker to reach the middle of the task")
        # The middle: the first period is committed, the second one's transaction is open.
        partial = Result.objects.filter(period__contract=contract).count()
        assert 0 < partial < len(undisturbed["results"]), (partial, len(undisturbed["results"]))
        first.kill()
        assert Result.objects.filter(period__contract=contract).count() == partial  # the open one rolled back

        time.sleep(VISIBILITY + 1)  # the task is now overdue: the next worker takes it again
        second = Worker(tmp_path, "second")
        workers.append(second)
        second.succeeded()
        after_fault = _snapshot(contract, since=since)
        assert after_fault == undisturbed
        _no_duplicates(after_fault)

        # The same task again (as a redelivery after a lost acknowledgement would run it): nothing changes.
        before = _snapshot(contract, with_ids=True)
        app.send_task(TASK, args=[contract.pk])
        second.succeeded(times=2)
        assert _snapshot(contract, with_ids=True) == before
    finally:
        for worker in workers:
            worker.stop()
        app.control.purge()
        _forget_unacked()


def test_the_evaluation_task_run_twice_changes_nothing_the_second_time(db):
    """The same property without a worker (it runs everywhere, SQLite too)."""
    from contracts.models import Contract
    from performance.tasks import evaluate_contract

    call_command("load_demo", stdout=StringIO())
    contract = Contract.objects.get(number="CS-MSA-2026-001")
    evaluate_contract.delay(contract.pk)
    once = _snapshot(contract, with_ids=True)
    evaluate_contract.delay(contract.pk)
    assert _snapshot(contract, with_ids=True) == once
    _no_duplicates(once)
