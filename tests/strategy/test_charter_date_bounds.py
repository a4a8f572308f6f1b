"""A charter row's dates run from the program's start to 2099-12-31 (bpo.core.dates.schedule_errors,
as meetings and drills): an objective due 1990 or 2200 was saved and shown as SMART, a milestone of
1800 and an internal resource of 1900 too."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from strategy.models import Milestone, Objective, ResourceAllocation
from strategy.services import charter_item_create
from tests.strategy.test_program_pages import _field_block

FROM_START = "Enter a date from the program's start (2026-01-01) to 2099-12-31."
RANGE = "Enter a date from 2000-01-01 to 2099-12-31."


@pytest.fixture
def program(cast):
    cast.program_a.start_date, cast.program_a.end_date = date(2026, 1, 1), date(2028, 12, 31)
    cast.program_a.save(update_fields=["start_date", "end_date"])
    return cast.program_a


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("objective", {"statement": "Cut cost", "target_date": date(1990, 1, 1)}, "target_date"),
        ("objective", {"statement": "Cut cost", "target_date": date(2200, 1, 1)}, "target_date"),
        ("milestone", {"name": "Go-live", "phase": "transition", "baseline_date": date(1800, 1, 1)}, "baseline_date"),
        (
            "milestone",
            {
                "name": "Go-live",
                "phase": "transition",
                "baseline_date": date(2026, 5, 1),
                "forecast_date": date(2100, 1, 1),
            },
            "forecast_date",
        ),
        (
            "resource",
            {"team": "QA", "role": "Analyst", "fte": 1, "start_date": date(1900, 1, 1), "end_date": date(1900, 2, 1)},
            "start_date",
        ),
        ("resource", {"team": "QA", "role": "Analyst", "fte": 1, "start_date": date(2025, 12, 31)}, "start_date"),
    ],
)
def test_a_charter_date_outside_the_programs_start_to_2099_is_refused(cast, program, kind, data, field):
    with pytest.raises(ValidationError) as exc:
        charter_item_create(program=program, kind=kind, by=cast.manager, **data)
    assert exc.value.message_dict[field] == [FROM_START]
    assert not (Objective.objects.exists() or Milestone.objects.exists() or ResourceAllocation.objects.exists())


def test_dates_from_the_programs_start_are_saved(cast, program):
    charter_item_create(program=program, kind="objective", by=cast.manager, statement="S", target_date=date(2026, 1, 1))
    charter_item_create(
        program=program,
        kind="milestone",
        by=cast.manager,
        name="M",
        phase="transition",
        baseline_date=date(2099, 12, 31),
    )
    charter_item_create(
        program=program, kind="resource", by=cast.manager, team="T", role="R", fte=1, start_date=date(2026, 2, 1)
    )


def test_without_a_start_the_dates_keep_to_2000_2099(cast):
    with pytest.raises(ValidationError) as exc:
        charter_item_create(
            program=cast.program_a, kind="objective", by=cast.manager, statement="S", target_date=date(1990, 1, 1)
        )
    assert exc.value.message_dict["target_date"] == [RANGE]


def test_the_form_shows_the_refusal_next_to_the_field_keeping_what_was_typed(cast, program, client):
    client.force_login(cast.manager)
    url = reverse("strategy:charter_item_create", args=[program.pk, "objective"])
    response = client.post(url, {"statement": "Faster answers", "kpi": "AHT", "target_date": "2200-01-01"})
    assert response.status_code == 200
    block = _field_block(response.content.decode().replace("&#x27;", "'"), "target_date")
    assert "2099-12-31" in block and 'value="2200-01-01"' in block
    assert not Objective.objects.exists()


def test_the_api_answers_400_on_the_field(cast, program):
    api = APIClient()
    api.force_authenticate(cast.manager)
    body = {"program": program.pk, "name": "Old", "phase": "transition", "baseline_date": "1800-01-01"}
    response = api.post("/api/v1/milestones/", body, format="json")
    assert response.status_code == 400, response.content
    assert [e["attr"] for e in response.json()["errors"]] == ["baseline_date"]
    body = {
        "program": program.pk,
        "team": "QA",
        "role": "A",
        "fte": "1",
        "start_date": "1900-01-01",
        "end_date": "1900-02-01",
    }
    response = api.post("/api/v1/resources/", body, format="json")
    assert response.status_code == 400, response.content
    assert {e["attr"] for e in response.json()["errors"]} == {"start_date", "end_date"}
