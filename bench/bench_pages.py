"""Main pages and API lists, served by gunicorn as in production, against the framework's floor.

``BENCH_SCALE=small|large`` (default small) picks the synthetic data set (``generate_data``);
it is created on first use in the database of DATABASE_URL (use one database per scale).
The benchmark starts gunicorn (2 workers, like a small production box) with the project's own
settings plus one trivial view (``bench/urls.py``: same middleware, no query) as the floor,
signs in as the synthetic administrator, a program manager and a vendor admin (sessions
written directly), warms each URL, then times ``BENCH_REQUESTS`` sequential requests per URL
and reports p50/p95 in milliseconds and p95 / floor p95, the floor timed between the page's
requests (one floor request after each page request). Query counts are measured in-process
with Django's test client on the same database, so small and large can be compared.

Results: bench/results/bench_pages_<scale>.json (and bench_pages.json through bench/run.py).
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PORT = int(os.environ.get("BENCH_PORT", "8123"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
WARMUP = 3


def _urls():
    """(who, url) pairs: the main staff pages, API lists and the vendor portal."""
    from contracts.models import Contract
    from strategy.models import Program

    program = Program.objects.filter(code="SYN-P0001").values_list("pk", flat=True).get()
    contract = Contract.objects.filter(number="SYN-C000001").values_list("pk", flat=True).get()
    staff_pages = [
        "/",
        "/strategy/programs/",
        f"/strategy/programs/{program}/",
        "/vendors/",
        "/sourcing/",
        "/contracts/",
        f"/contracts/{contract}/",
        f"/contracts/{contract}/measurements/",
        "/invoices/",
        "/credits/",
        "/risk/risks/",
        "/tasks/",
    ]
    api = [
        "/api/v1/programs/",
        "/api/v1/vendors/",
        "/api/v1/contracts/",
        "/api/v1/sourcing-events/",
        "/api/v1/proposals/",
        "/api/v1/risks/",
        "/api/v1/invoices/",
        f"/api/v1/samples/?contract={contract}",
        "/api/v1/plan-tasks/",
    ]
    portal = ["/portal/?refresh=1", "/portal/", "/portal/contracts/", "/portal/invoices/"]
    # "/?refresh=1" computes the home figures every time (the cold cost); "/" is served from the
    # per-user cache after the first view (HOME_CACHE_SECONDS), as a user coming back sees it.
    # The portal home keeps its figures the same way.
    pairs = [("admin", url) for url in ["/?refresh=1", *staff_pages, *api]]
    pairs += [
        ("manager", url)
        for url in ["/?refresh=1", *staff_pages[:3], "/contracts/", "/invoices/", "/risk/risks/", "/tasks/"]
    ]
    pairs += [("vendor", url) for url in portal + ["/api/v1/contracts/", "/api/v1/invoices/"]]
    return pairs


def _sessions():
    """A session cookie per role, written straight into the session store."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from bpo.accounts.models import User

    cookies = {}
    for who, username in (("admin", "syn-admin"), ("manager", "syn-pm-1"), ("vendor", "syn-vendor-1")):
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[who] = store.session_key
    return cookies


def _query_counts(pairs):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bpo.accounts.models import User

    users = {
        "admin": User.objects.get(username="syn-admin"),
        "manager": User.objects.get(username="syn-pm-1"),
        "vendor": User.objects.get(username="syn-vendor-1"),
    }
    counts = {}
    for who, url in pairs:
        client = Client()
        client.force_login(users[who])
        client.get(url, secure=True)  # warm caches (schema, content types, ...)
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(url, secure=True).status_code
        counts[f"{who} {url}"] = {"queries": len(ctx.captured_queries), "status": status}
    return counts


def _start_gunicorn():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "PYTHONPATH": str(HERE.parent),
    }
    command = [
        sys.executable, "-m", "gunicorn", "bpo.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
        "--workers", os.environ.get("BENCH_WORKERS", "2"), "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=HERE.parent)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def _time(url, cookie):
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{url}", headers={"Cookie": f"sessionid={cookie}"})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        status = response.status
    return (time.perf_counter() - began) * 1000, status


def _percentiles(samples):
    samples = sorted(samples)
    return round(statistics.median(samples), 1), round(samples[max(0, int(len(samples) * 0.95) - 1)], 1)


def _measure(url, cookie, floor_cookie=None):
    """`url` timed REQUESTS times after WARMUP; with `floor_cookie`, each request is followed by one
    of the floor, so the page's p95 is divided by the floor's p95 of the same seconds: on a shared
    virtual machine the speed drifts by a third from one minute to the next, and a floor measured
    once at the start made the ratios move with it."""
    for _ in range(WARMUP):
        _time(url, cookie)
    samples, floor, status = [], [], None
    for _ in range(REQUESTS):
        ms, status = _time(url, cookie)
        samples.append(ms)
        if floor_cookie:
            floor.append(_time("/bench/floor/", floor_cookie)[0])
    p50, p95 = _percentiles(samples)
    result = {"p50_ms": p50, "p95_ms": p95, "status": status}
    if floor:
        result["floor_p50_ms"], result["floor_p95_ms"] = _percentiles(floor)
    return result


def main() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bpo.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bpo.core import synthetic

    scale = os.environ.get("BENCH_SCALE", "small")
    call_command("migrate", verbosity=0)
    generated = None
    if not synthetic.exists():
        began = time.perf_counter()
        counts = synthetic.generate(scale, log=lambda line: print("  ", line))
        generated = {"counts": counts, "seconds": round(time.perf_counter() - began, 1)}
    pairs = _urls()
    queries = _query_counts(pairs)
    cookies = _sessions()
    connection.close()
    server = _start_gunicorn()
    try:
        floor = _measure("/bench/floor/", cookies["admin"])
        pages = {}
        for who, url in pairs:
            result = _measure(url, cookies[who], floor_cookie=cookies["admin"])
            result["x_floor_p95"] = round(result["p95_ms"] / max(result["floor_p95_ms"], 0.1), 1)
            result.update(queries[f"{who} {url}"])
            pages[f"{who} {url}"] = result
            print(f"  {who:8} {url:45} p50 {result['p50_ms']:7.1f} ms  p95 {result['p95_ms']:7.1f} ms  "
                  f"floor p95 {result['floor_p95_ms']:5.1f} ms  x{result['x_floor_p95']:5.1f}  {result['queries']} queries")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {
        "scale": scale,
        "requests_per_url": REQUESTS,
        "gunicorn_workers": int(os.environ.get("BENCH_WORKERS", "2")),
        "floor": floor,
        "worst_x_floor_p95": max(p["x_floor_p95"] for p in pages.values()),
        "generated": generated,
        "pages": pages,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"bench_pages_{scale}.json").write_text(json.dumps(result, indent=2))
    return result
