"""A plan task is late, and slips, by the date in its program's time zone, not the server's: at
17:30 UTC on 26 November it is already 27 November in Shanghai, so an open Shanghai task due to
finish on the 26th is late (forecast to finish on the 27th, 1 day of finish variance) while a UTC
task due that day is not. The task list's and API's "Late" state, the finish variance (task list
column, API, plan page, task page) and "an actual date cannot be in the future" agree."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from delivery import plan_services
from delivery.models import Task
from strategy.models import Program
from tests.delivery.plan_factories import task

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai
START = date(2026, 11, 1)
STARTED = {"actual_start": START, "percent_complete": 50}  # in progress, on its baseline start


@pytest.fixture
def late(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")
    tasks = {
        "shanghai-26": task(cast.program_a, "Shanghai due 26", START, date(2026, 11, 26), **STARTED),
        "shanghai-27": task(cast.program_a, "Shanghai due 27", START, date(2026, 11, 27), **STARTED),
        "utc-26": task(cast.program_b, "UTC due 26", START, date(2026, 11, 26), **STARTED),
        "utc-25": task(cast.program_b, "UTC due 25", START, date(2026, 11, 25), **STARTED),
    }
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast, tasks


LATE = ["Shanghai due 26", "UTC due 25"]
VARIANCE = {"Shanghai due 26": 1, "Shanghai due 27": 0, "UTC due 26": 0, "UTC due 25": 1}


def test_late_filter_and_variance_of_the_list_and_api_use_each_programs_date(late, client):
    cast, _ = late
    client.force_login(cast.admin)
    page = client.get(reverse("delivery:task_list"), {"state": "late"})
    assert sorted(row["obj"].name for row in page.context["rows"]) == LATE
    everything = client.get(reverse("delivery:task_list"))
    assert {row["obj"].name: row["obj"].finish_variance for row in everything.context["rows"]} == VARIANCE
    api = client.get("/api/v1/plan-tasks/", {"state": "late"}).json()
    assert sorted(t["name"] for t in api["results"]) == LATE
    api = client.get("/api/v1/plan-tasks/").json()
    assert {t["name"]: t["finish_variance"] for t in api["results"]} == VARIANCE
    open_tasks = client.get(reverse("delivery:task_list"), {"state": "open"})
    assert len(open_tasks.context["rows"]) == 4


def test_plan_and_task_pages_mark_late_by_the_programs_date(late, client):
    cast, tasks = late
    client.force_login(cast.admin)
    for program, prefix in ((cast.program_a, "Shanghai"), (cast.program_b, "UTC")):
        rows = client.get(reverse("delivery:plan", args=[program.pk])).context["rows"]
        assert {r.task.name: r.finish_variance for r in rows} == {
            name: v for name, v in VARIANCE.items() if name.startswith(prefix)
        }
        assert {r.task.name for r in rows if r.slipped} == {n for n in LATE if n.startswith(prefix)}
    for key, t in tasks.items():
        page = client.get(reverse("delivery:task_detail", args=[t.pk]))
        assert page.context["row"].finish_variance == VARIANCE[t.name]
        html = page.content.decode()
        marked = '<dt>Finish variance (days)</dt><dd class="late">' in html
        assert marked == (t.name in LATE), key


def test_an_actual_date_is_in_the_future_by_the_programs_date(late):
    cast, tasks = late
    # The 27th has begun in Shanghai: a Shanghai task may start that day, a UTC one not yet.
    plan_services.task_progress(
        task=tasks["shanghai-27"], by=cast.admin, percent_complete=10, actual_start=date(2026, 11, 27)
    )
    assert Task.objects.get(pk=tasks["shanghai-27"].pk).actual_start == date(2026, 11, 27)
    with pytest.raises(ValidationError) as refused:
        plan_services.task_progress(
            task=tasks["utc-26"], by=cast.admin, percent_complete=10, actual_start=date(2026, 11, 27)
        )
    assert "actual_start" in refused.value.message_dict
