"""The incident page names when its plan was activated without a full stop straight after the
time (a time format may end with one itself, as Django's English "9 a.m." does)."""

import datetime
import re

import pytest
from django.utils import timezone

from risk import services

pytestmark = pytest.mark.django_db


def test_incident_page_names_the_activation_time_without_a_full_stop_after_it(cast, client):
    plan = services.plan_create(by=cast.manager, program=cast.program_a, title="Fallback", scenario="s", triggers="t")
    services.plan_set_steps(plan=plan, by=cast.manager, steps=[{"who": "Ops", "action": "Go", "within_minutes": 5}])
    incident = services.incident_create(
        by=cast.manager,
        program=cast.program_a,
        title="Outage",
        description="d",
        severity="sev1",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
    )
    services.incident_activate_plan(incident=incident, plan=plan, by=cast.manager)
    client.force_login(cast.contributor)
    page = client.get(incident.get_absolute_url()).content.decode()
    # the time in the program's zone, the zone named: 2026-11-27 09:30 (UTC)
    found = re.search(r"Fallback \(activated (\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\))(.)", page)
    assert found, page
    assert found.group(2) == ")"
    m = re.search(r" \d\d:\d\d\.(?!\d)", page)  # not the fraction of an ISO time in an attribute
    assert not m, page[m.start() - 300 : m.end() + 100]
