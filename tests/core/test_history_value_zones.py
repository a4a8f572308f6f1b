"""A changed time in the history reads in the record's program's time zone, named, with the
project's format (2026-11-28 12:07 (Asia/Manila)), as the rest of the page and the entry's own
time do: auditlog stores it without its zone, in UTC, and the history showed that UTC figure
("Last assessed 2026-11-28 04:07:02 → 04:07:03"), or auditlog's "2026年11月28日 04:12" for an
incident's plan activation (user test 2026-11-28)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse

from risk import services
from risk.models import Incident, Risk

MANILA = ZoneInfo("Asia/Manila")


def _history(client, user, language, url) -> str:
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    html = client.get(url).content.decode()
    return re.sub(r"\s+", " ", html[html.index('id="h-history"') :])


@pytest.fixture
def manila(cast):
    cast.program_a.time_zone = "Asia/Manila"
    cast.program_a.save(update_fields=["time_zone"])
    return cast.program_a


def _assess(risk, by, il):
    services.risk_assess(
        risk=risk, by=by, inherent_likelihood=il, inherent_impact=2, residual_likelihood=1, residual_impact=1
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@override_settings(TIME_ZONE="Asia/Shanghai")
def test_a_reassessment_within_the_minute_reads_in_the_programs_zone(cast, client, manila, language):
    risk = services.risk_create(by=cast.manager, program=manila, title="T", category="vendor_dependency", event="e")
    _assess(risk, cast.manager, 2)
    first = Risk.objects.get(pk=risk.pk).assessed_at
    _assess(risk, cast.manager, 3)
    second = Risk.objects.get(pk=risk.pk).assessed_at
    history = _history(client, cast.manager, language, reverse("risk:risk_detail", args=[risk.pk]))
    for moment in (first, second):
        assert f"{moment.astimezone(MANILA):%Y-%m-%d %H:%M:%S} (Asia/Manila)" in history
    assert f"{first.astimezone(ZoneInfo('UTC')):%Y-%m-%d %H:%M:%S}" not in history


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@override_settings(TIME_ZONE="Asia/Shanghai")
def test_a_plan_activation_reads_in_the_programs_zone_and_format(cast, client, manila, language):
    risk = services.risk_create(by=cast.manager, program=manila, title="T", category="vendor_dependency", event="e")
    plan = services.plan_create(
        by=cast.manager, program=manila, risk=risk, title="Failover plan", scenario="s", triggers="t"
    )
    services.plan_set_steps(plan=plan, by=cast.manager, steps=[{"who": "a", "action": "b", "within_minutes": 5}])
    at = datetime(2026, 11, 27, 20, 12, tzinfo=ZoneInfo("UTC"))
    incident = Incident.objects.create(program=manila, title="Outage", occurred_at=at)
    services.incident_activate_plan(incident=incident, plan=plan, by=cast.manager, at=at)
    history = _history(client, cast.manager, language, reverse("risk:incident_detail", args=[incident.pk]))
    assert "2026-11-28 04:12 (Asia/Manila)" in history  # the activation, and the occurrence at creation
    assert "Failover plan" in history  # the plan activated, beside its time
    for other in ("年", "Nov.", "a.m.", "p.m.", "2026-11-27 20:12", "2026-11-28 04:12 (Asia/Shanghai)"):
        assert other not in history
