"""Progress through the API changes only what the body gives: a date left out keeps its stored
value, an explicit null clears it (`{"percent_complete": 0}` used to wipe the actual start)."""

from datetime import date

import pytest

from delivery.models import Task, TaskUpdate
from tests.contracts.factories import contract_of_a

from .plan_factories import task


@pytest.fixture
def build(cast):
    contract_of_a(cast)
    return task(
        cast.program_a,
        "Build",
        1,
        20,
        vendor=cast.vendor_x,
        actual_start=date(2026, 1, 2),
        actual_finish=date(2026, 1, 19),
        percent_complete=100,
    )


def _progress(client, build, body):
    return client.post(f"/api/v1/plan-tasks/{build.pk}/progress/", body, content_type="application/json")


def test_omitted_dates_keep_their_stored_values(client, cast, build):
    client.force_login(cast.vendor_x_admin)
    response = _progress(client, build, {"percent_complete": 100, "comment": "Checked"})
    assert response.status_code == 200, response.json()
    stored = Task.objects.get(pk=build.pk)
    assert (stored.actual_start, stored.actual_finish) == (date(2026, 1, 2), date(2026, 1, 19))
    assert response.json()["actual_start"] == "2026-01-02"
    update = TaskUpdate.objects.get(task=build)
    assert (update.actual_start, update.actual_finish) == (date(2026, 1, 2), date(2026, 1, 19))


def test_progress_without_the_start_uses_the_stored_start(client, cast, build):
    client.force_login(cast.vendor_x_admin)
    response = _progress(client, build, {"percent_complete": 45, "actual_finish": None})
    assert response.status_code == 200, response.json()
    stored = Task.objects.get(pk=build.pk)
    assert (stored.percent_complete, stored.actual_start, stored.actual_finish) == (45, date(2026, 1, 2), None)


def test_an_explicit_null_clears_the_date(client, cast, build):
    client.force_login(cast.vendor_x_admin)
    response = _progress(client, build, {"percent_complete": 0, "actual_start": None, "actual_finish": None})
    assert response.status_code == 200, response.json()
    stored = Task.objects.get(pk=build.pk)
    assert (stored.percent_complete, stored.actual_start, stored.actual_finish) == (0, None, None)


def test_the_schema_says_the_dates_are_optional_and_nullable(client, cast):
    client.force_login(cast.admin)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    progress = schema["components"]["schemas"]["TaskProgress"]
    assert progress["required"] == ["percent_complete"]
    for name in ("actual_start", "actual_finish"):
        field = progress["properties"][name]
        assert field["nullable"] is True and "kept" in field["description"]
