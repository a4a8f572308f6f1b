"""`make load`: locust (bench/locustfile.py) against gunicorn on PostgreSQL, as in production.

Prepares the database of DATABASE_URL (migrate + the demo data set, whose users sign in with the
published demo password), starts gunicorn like bench/bench_pages.py (DEBUG off, static files
served, ``LOAD_WORKERS`` workers, default 2 for 2 cores), runs locust headless
(``LOAD_USERS`` users, default 50, spawned ``LOAD_RATE`` per second, for ``LOAD_TIME``, default 2m),
stops gunicorn and fails (exit status 1) if any request failed. Locust writes
bench/results/load_stats.csv (per URL: count, failures, percentiles, requests/s) and
load_failures.csv; this script adds load_summary.json (the aggregated figures, the steady state
measured by the locustfile - 10 s after every user signed in, sign-ins left out - and the machine).
"""

import csv
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

PORT = int(os.environ.get("LOAD_PORT", "8124"))


def _prepare():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bpo.settings")
    import django

    django.setup()
    from bench.db import create_database

    create_database()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    connection.close()


def _gunicorn():
    os.environ["BENCH_PORT"] = str(PORT)
    os.environ["BENCH_WORKERS"] = os.environ.get("LOAD_WORKERS", "2")
    from bench import bench_pages

    bench_pages.PORT = PORT
    return bench_pages._start_gunicorn()


def _summary(elapsed: float) -> dict:
    rows = list(csv.DictReader((HERE / "results" / "load_stats.csv").open()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    worst = sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: -float(r["95%"]))[:5]
    summary = {
        "users": int(os.environ.get("LOAD_USERS", "50")),
        "duration": os.environ.get("LOAD_TIME", "2m"),
        "gunicorn_workers": int(os.environ.get("LOAD_WORKERS", "2")),
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "max_ms": round(float(total["Max Response Time"]), 1),
        "slowest_p95": {f"{r['Type']} {r['Name']}": float(r["95%"]) for r in worst},
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}",
        "wall_seconds": round(elapsed, 1),
    }
    steady = HERE / "results" / "load_steady.json"
    if steady.exists():
        summary["steady_state"] = json.loads(steady.read_text())
        steady.unlink()
    (HERE / "results" / "load_stats_history.csv").unlink(missing_ok=True)  # large; the summary is enough
    return summary


def main() -> int:
    """Run the load test; 1 when a request failed."""
    _prepare()
    (HERE / "results").mkdir(exist_ok=True)
    server = _gunicorn()
    began = time.perf_counter()
    try:
        command = [
            sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
            "--host", f"http://127.0.0.1:{PORT}", "-u", os.environ.get("LOAD_USERS", "50"),
            "-r", os.environ.get("LOAD_RATE", "10"), "-t", os.environ.get("LOAD_TIME", "2m"),
            "--csv", str(HERE / "results" / "load"), "--only-summary", "--exit-code-on-error", "1",
        ]  # fmt: skip
        status = subprocess.call(command, cwd=HERE.parent)
    finally:
        server.terminate()
        server.wait(timeout=30)
    summary = _summary(time.perf_counter() - began)
    (HERE / "results" / "load_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    if summary["failures"] or status:
        print("load test FAILED: see bench/results/load_failures.csv", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
