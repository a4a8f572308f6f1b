"""Dates that cannot be (user test 2026-11-27): an incident in the future, timeline entries in the
future, before the incident or too long, a drill before its program started, a risk's next review
in the past. Each refused next to its field on the page, which keeps what was typed, and on the
API's field where the API writes (risks)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from risk import services
from risk.models import Drill, Incident, IncidentEvent, Risk
from tests.strategy.test_program_pages import _field_block

from .test_consistency import _incident_form, _local, _login
from .test_register import make_risk

FMT = "%Y-%m-%dT%H:%M"


def _error_at(response, field, message, status=200):
    assert response.status_code == status
    block = _field_block(response.content.decode(), field)
    assert "has-error" in block.split(">")[0] and message in block, block[:2000]
    return block


def test_an_incident_cannot_occur_in_the_future(cast, client):
    _login(client, cast.contributor, "en")
    data = _incident_form(cast, occurred_at="2099-01-01T10:00")
    block = _error_at(
        client.post(reverse("risk:incident_create"), data), "occurred_at", "cannot have occurred in the future"
    )
    assert "2099-01-01T10:00" in block  # what was typed stays
    assert not Incident.objects.exists()


@pytest.fixture
def incident(cast):
    return services.incident_create(
        by=cast.contributor,
        program=cast.program_a,
        title="Power cut",
        description="d",
        severity="sev2",
        occurred_at=timezone.now() - datetime.timedelta(days=1),
    )


def test_timeline_entries_between_the_incident_and_now_and_at_most_2000_characters(cast, client, incident):
    _login(client, cast.contributor, "en")
    url = reverse("risk:incident_add_event", args=[incident.pk])
    future = client.post(url, {"entry": "Carrier called back", "at": "2099-01-01T10:00"})
    block = _error_at(future, "at", "A timeline entry cannot be in the future.", status=400)
    assert "2099-01-01T10:00" in block
    assert "Carrier called back" in _field_block(future.content.decode(), "entry")
    before = (timezone.localtime(incident.occurred_at) - datetime.timedelta(hours=2)).strftime(FMT)
    _error_at(
        client.post(url, {"entry": "Earlier", "at": before}),
        "at",
        "A timeline entry cannot be before the incident occurred.",
        status=400,
    )
    _error_at(client.post(url, {"entry": "x" * 20000}), "entry", "at most 2000 characters", status=400)
    with pytest.raises(ValidationError) as refused:
        services.incident_add_event(incident=incident, by=cast.contributor, entry="y" * 2001)
    assert "entry" in refused.value.message_dict
    assert IncidentEvent.objects.filter(incident=incident).count() == 1  # "Incident recorded." only
    word = "w" * 1500
    assert client.post(url, {"entry": word, "at": _local(-datetime.timedelta(hours=1))}).status_code == 302
    page = client.get(reverse("risk:incident_detail", args=[incident.pk])).content.decode()
    assert f'<span class="long-text">{word}</span>' in page  # a long word wraps


def test_drills_not_scheduled_or_run_before_the_program_started(cast, client):
    cast.program_a.start_date = datetime.date(2026, 1, 1)
    cast.program_a.save(update_fields=["start_date"])
    plan = services.plan_create(by=cast.manager, program=cast.program_a, title="Site down", scenario="s", triggers="t")
    _login(client, cast.contributor, "en")
    data = {"title": "Failover", "scheduled_for": "2020-01-01", "objectives": "Calls flow"}
    block = _error_at(
        client.post(reverse("risk:drill_create", args=[plan.pk]), data),
        "scheduled_for",
        "Enter a date from the program&#x27;s start (2026-01-01) to 2099-12-31.",
    )
    assert "2020-01-01" in block
    assert not Drill.objects.exists()
    drill = services.drill_schedule(
        plan=plan, by=cast.manager, title="Failover", scheduled_for=datetime.date(2026, 2, 1), objectives=["o"]
    )
    url = reverse("risk:drill_run", args=[drill.pk])
    result = {f"result_{drill.objectives.get().pk}": "met"}
    _error_at(client.post(url, {"run_on": "2019-01-01", **result}), "run_on", "before the program started")
    _error_at(client.post(url, {"run_on": "2099-01-01", **result}), "run_on", "before it has run")
    drill.refresh_from_db()
    assert drill.run_on is None


def test_a_risks_next_review_cannot_be_in_the_past(cast, client):
    _login(client, cast.manager, "en")
    data = {
        "program": cast.program_a.pk,
        "title": "Typhoon",
        "category": "continuity",
        "event": "Site closed",
        "treatment": "mitigate",
        "review_frequency": "quarterly",
        "status": "open",
        "next_review_date": "2020-01-01",
    }
    block = _error_at(
        client.post(reverse("risk:risk_create"), data), "next_review_date", "The next review cannot be in the past."
    )
    assert "2020-01-01" in block
    assert not Risk.objects.exists()
    api = client.post(reverse("risk-list"), data, content_type="application/json")
    assert api.status_code == 400 and "next_review_date" in str(api.json())
    risk = make_risk(cast)
    patch = client.patch(
        reverse("risk-detail", args=[risk.pk]), {"next_review_date": "2020-01-01"}, content_type="application/json"
    )
    assert patch.status_code == 400 and "next_review_date" in str(patch.json())
    # An overdue review does not block other edits: only a changed date is checked.
    Risk.objects.filter(pk=risk.pk).update(next_review_date=datetime.date(2020, 1, 1))
    ok = client.patch(reverse("risk-detail", args=[risk.pk]), {"title": "Renamed"}, content_type="application/json")
    assert ok.status_code == 200, ok.json()
