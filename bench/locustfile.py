"""Load test (`make load`): the main journeys of every role, run by locust against gunicorn.

Each simulated user signs in through the real login form (CSRF token parsed from the page) as one
of the demo users (``load_demo``), then walks its role's journey: home, lists, a few records
found by following the links on the list pages, the API through the session, and the vendor
portal. Any status other than 2xx/3xx counts as a failure; ``bench/load.py`` fails the run if
locust recorded any. Detail URLs are grouped under one name per kind (``/contracts/[id]/``).
"""

import json
import os
import random
import re
import time
from pathlib import Path

from locust import HttpUser, between, events, task

PASSWORD = "Demo-Pass-2026!"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ID = re.compile(r"/\d+/")
STEADY = {"since": None, "times": []}


@events.spawning_complete.add_listener
def _all_spawned(user_count, **kwargs):
    STEADY["since"] = time.time() + 10  # let the sign-in burst drain first


@events.request.add_listener
def _record(name, response_time, exception, **kwargs):
    if STEADY["since"] and time.time() > STEADY["since"] and "login" not in name:
        STEADY["times"].append(response_time)


@events.quitting.add_listener
def _write_steady(environment, **kwargs):
    """Percentiles of the steady state (10 s after every user signed in; sign-ins left out)."""
    times = sorted(STEADY["times"])
    if not times:
        return
    elapsed = max(time.time() - STEADY["since"], 1)

    def pct(q):
        return round(times[min(len(times) - 1, int(len(times) * q))], 1)

    steady = {"requests": len(times), "requests_per_s": round(len(times) / elapsed, 1),
              "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": round(times[-1], 1)}  # fmt: skip
    out = Path(os.environ.get("LOAD_STEADY_FILE", Path(__file__).resolve().parent / "results" / "load_steady.json"))
    out.write_text(json.dumps(steady, indent=2) + "\n")


class RoleUser(HttpUser):
    """A signed-in user of one role; subclasses give the login, the pages and the detail links."""

    abstract = True
    wait_time = between(1, 3)
    login_url = "/accounts/login/"
    usernames: tuple = ()
    pages: tuple = ()
    api: tuple = ()
    # (list page, regex of the detail links on it)
    details: tuple = ()

    def on_start(self):
        """Sign in through the form, as a browser does."""
        page = self.client.get(self.login_url, name=f"{self.login_url} (form)")
        token = CSRF.search(page.text)
        data = {"username": random.choice(self.usernames), "password": PASSWORD}
        data["csrfmiddlewaretoken"] = token.group(1) if token else ""
        with self.client.post(
            self.login_url, data=data, headers={"Referer": self.client.base_url + self.login_url},
            name=f"{self.login_url} (sign in)", catch_response=True,
        ) as response:  # fmt: skip
            if response.url and response.url.rstrip("/").endswith(self.login_url.rstrip("/")):
                response.failure(f"sign-in refused for {data['username']}")
        self.links = {}

    def _get(self, url):
        return self.client.get(url, name=ID.sub("/[id]/", url))

    @task(4)
    def browse_pages(self):
        """A home page or a list page."""
        self._get(random.choice(self.pages))

    @task(3)
    def open_record(self):
        """A list page, then one of the records linked from it."""
        if not self.details:
            return
        list_url, pattern = random.choice(self.details)
        response = self._get(list_url)
        found = sorted(set(re.findall(pattern, response.text or "")))
        if found:
            self._get(random.choice(found[:20]))

    @task(2)
    def call_api(self):
        """An API list through the session (what the SPA-less integrations do with a token)."""
        if self.api:
            self._get(random.choice(self.api))


class ProgramManager(RoleUser):
    """Program managers: programs, plan, contracts, service levels, risks."""

    weight = 3
    usernames = ("pm", "pm2")
    pages = ("/", "/strategy/programs/", "/tasks/", "/contracts/", "/risk/risks/", "/risk/heat-map/",
             "/scorecards/", "/credits/", "/notifications/")  # fmt: skip
    details = (
        ("/strategy/programs/", r'href="(/strategy/programs/\d+/)"'),
        ("/contracts/", r'href="(/contracts/\d+/)"'),
        ("/risk/risks/", r'href="(/risk/risks/\d+/)"'),
    )
    api = ("/api/v1/programs/", "/api/v1/contracts/", "/api/v1/risks/", "/api/v1/plan-tasks/")


class Finance(RoleUser):
    """Finance: invoices, credits, contracts."""

    weight = 2
    usernames = ("finance",)
    pages = ("/", "/invoices/", "/credits/", "/contracts/", "/scorecards/")
    details = (
        ("/invoices/", r'href="(/invoices/\d+/)"'),
        ("/contracts/", r'href="(/contracts/\d+/)"'),
    )
    api = ("/api/v1/invoices/", "/api/v1/contracts/")


class Executive(RoleUser):
    """Executives: the home dashboard, programs, risks, vendors."""

    weight = 1
    usernames = ("exec",)
    pages = ("/", "/strategy/programs/", "/risk/heat-map/", "/risk/risks/", "/vendors/", "/scorecards/")
    details = (("/strategy/programs/", r'href="(/strategy/programs/\d+/)"'),)
    api = ("/api/v1/programs/", "/api/v1/vendors/")


class Evaluator(RoleUser):
    """Evaluators: sourcing events and proposals."""

    weight = 1
    usernames = ("evaluator",)
    pages = ("/", "/sourcing/", "/vendors/", "/strategy/programs/")
    details = (("/sourcing/", r'href="(/sourcing/\d+/)"'),)
    api = ("/api/v1/sourcing-events/", "/api/v1/proposals/")


class VendorAdmin(RoleUser):
    """Vendor administrators on the portal: contracts, invoices, tasks, scorecards, risks."""

    weight = 3
    login_url = "/portal/login/"
    usernames = ("apex.admin", "huaxin.admin")
    pages = ("/portal/", "/portal/contracts/", "/portal/invoices/", "/portal/tasks/", "/portal/measurements/",
             "/portal/scorecards/", "/portal/performance/", "/portal/risks/", "/portal/users/",
             "/portal/support/")  # fmt: skip
    details = (
        ("/portal/contracts/", r'href="(/portal/contracts/\d+/)"'),
        ("/portal/invoices/", r'href="(/portal/invoices/\d+/)"'),
        ("/portal/scorecards/", r'href="(/portal/scorecards/\d+/)"'),
    )
    api = ("/api/v1/contracts/", "/api/v1/invoices/")
