"""Incidents keep a consistent timeline and status, and a contingency plan's backup vendor is
another vendor than the one it covers: each refused next to the field on the pages (English and
Chinese) and by the services (the risk API is read-only for incidents and plans)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from risk import services
from risk.models import ContingencyPlan, Incident
from tests.contracts.factories import ContractFactory
from tests.strategy.test_program_pages import _field_block

FMT = "%Y-%m-%dT%H:%M"


def _local(delta):
    return (timezone.localtime() + delta).strftime(FMT)


def _incident_form(cast, **overrides):
    data = {
        "program": cast.program_a.pk,
        "title": "Phone outage",
        "description": "Carrier down",
        "severity": "sev2",
        "status": "open",
        "occurred_at": _local(-datetime.timedelta(days=1)),
        "resolved_at": "",
    }
    data.update(overrides)
    return data


def _login(client, user, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = language


def _refused(client, url, data, field, message):
    response = client.post(url, data)
    assert response.status_code == 200
    block = _field_block(response.content.decode(), field)
    assert "has-error" in block.split(">")[0] and message in block, block[:2000]
    return response


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The incident cannot be resolved before it occurred."), ("zh-hans", "事件的解决时间不能早于发生时间。")],
)
def test_the_incident_form_refuses_resolved_before_occurred(cast, client, language, message):
    _login(client, cast.contributor, language)
    data = _incident_form(
        cast,
        occurred_at=_local(-datetime.timedelta(hours=6)),
        resolved_at=_local(-datetime.timedelta(days=1, hours=6)),
    )
    _refused(client, reverse("risk:incident_create"), data, "resolved_at", message)
    assert not Incident.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "An open incident has no resolved time"), ("zh-hans", "状态为“未关闭”的事件没有解决时间")],
)
def test_an_open_incident_has_no_resolved_time(cast, client, language, message):
    _login(client, cast.contributor, language)
    data = _incident_form(cast, resolved_at=_local(-datetime.timedelta(hours=2)))
    _refused(client, reverse("risk:incident_create"), data, "resolved_at", message)
    assert not Incident.objects.exists()
    resolved = client.post(reverse("risk:incident_create"), {**data, "status": "resolved"})
    assert resolved.status_code == 302
    assert Incident.objects.get().resolved_at is not None


def test_a_resolved_time_in_the_future_and_closing_without_a_review_are_refused(cast, client):
    _login(client, cast.contributor, "en")
    url = reverse("risk:incident_create")
    future = _incident_form(cast, status="resolved", resolved_at=_local(datetime.timedelta(days=1)))
    _refused(client, url, future, "resolved_at", "The resolved time cannot be in the future.")
    closed = _incident_form(cast, status="closed")
    _refused(client, url, closed, "status", "An incident is closed by its post-incident review")
    assert not Incident.objects.exists()


def test_resolving_without_a_time_takes_now_and_reopening_clears_it(cast):
    occurred = timezone.now() - datetime.timedelta(hours=3)
    common = {"program": cast.program_a, "title": "Outage", "description": "d", "severity": "sev1"}
    incident = services.incident_create(by=cast.manager, status="resolved", occurred_at=occurred, **common)
    assert occurred < incident.resolved_at <= timezone.now()
    incident = services.incident_update(incident=incident, by=cast.manager, status="open")
    incident.refresh_from_db()
    assert incident.status == "open" and incident.resolved_at is None
    with pytest.raises(ValidationError) as refused:
        services.incident_update(incident=incident, by=cast.manager, resolved_at=occurred - datetime.timedelta(hours=1))
    assert "resolved_at" in refused.value.message_dict
    incident.refresh_from_db()
    assert incident.resolved_at is None


def _plan_form(cast, **overrides):
    data = {"program": cast.program_a.pk, "title": "Exit from vendor X", "scenario": "Contract ends", "triggers": "t"}
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The backup vendor cannot be the vendor whose failure or exit the plan covers."),
        ("zh-hans", "备用供应商不能是本计划所针对的供应商。"),
    ],
)
def test_the_plan_form_refuses_the_covered_vendor_as_backup(cast, client, language, message):
    _login(client, cast.contributor, language)
    url = reverse("risk:plan_create")
    data = _plan_form(cast, vendor=cast.vendor_x.pk, backup_vendor=cast.vendor_x.pk)
    _refused(client, url, data, "backup_vendor", message)
    assert not ContingencyPlan.objects.exists()
    ok = client.post(url, {**data, "backup_vendor": cast.vendor_y.pk})
    assert ok.status_code == 302
    assert ContingencyPlan.objects.get().backup_vendor == cast.vendor_y


def test_the_contracts_vendor_is_not_a_backup_either(cast):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x)
    common = {"program": cast.program_a, "title": "Exit", "scenario": "s", "triggers": "t"}
    with pytest.raises(ValidationError) as refused:
        services.plan_create(by=cast.manager, contract=contract, backup_vendor=cast.vendor_x, **common)
    assert list(refused.value.message_dict) == ["backup_vendor"]
    plan = services.plan_create(by=cast.manager, contract=contract, backup_vendor=cast.vendor_y, **common)
    with pytest.raises(ValidationError):
        services.plan_update(plan=plan, by=cast.manager, backup_vendor=cast.vendor_x)
