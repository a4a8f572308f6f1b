"""A past month's status report gives each task's percent complete as it stood on the month's
last day (in the program's time zone), read from the audit log, not today's value."""

import datetime
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from delivery.plan_services import task_progress
from delivery.status_report import compute_figures

from .plan_factories import task
from .status_history import at_moment, on_day

pytestmark = pytest.mark.django_db

SEP, OCT, NOV = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)
TODAY = date(2026, 11, 20)


def progress(t, by, percent, day):
    with on_day(day):
        task_progress(task=t, by=by, percent_complete=percent)


@pytest.fixture
def plan(cast):
    program = cast.program_a
    # The same baseline days, so each weighs the same in the program's percent complete.
    moved = task(program, "Moved", date(2026, 9, 1), date(2026, 12, 31), actual_start=date(2026, 9, 1))
    progress(moved, cast.manager, 30, date(2026, 9, 15))
    progress(moved, cast.manager, 60, date(2026, 10, 10))
    progress(moved, cast.manager, 90, date(2026, 11, 5))
    # first moved in October: it stood at its first value (10) all September
    late = task(
        program, "Late start", date(2026, 9, 1), date(2026, 12, 31), actual_start=date(2026, 9, 1), percent_complete=10
    )
    progress(late, cast.manager, 50, date(2026, 10, 20))
    # never changed: its value is the same on every day
    task(program, "Still", date(2026, 9, 1), date(2026, 12, 31), actual_start=date(2026, 9, 1), percent_complete=20)
    return cast


def percent(cast, period):
    return compute_figures(program=cast.program_a, period=period, today=TODAY)["percent_complete"]


def test_each_past_month_counts_the_percent_of_its_last_day(plan):
    assert percent(plan, SEP) == round((30 + 10 + 20) / 3)
    assert percent(plan, OCT) == round((60 + 50 + 20) / 3)


def test_the_current_month_counts_todays_percent(plan):
    assert percent(plan, NOV) == round((90 + 50 + 20) / 3)


def test_the_months_end_is_read_in_the_programs_time_zone(cast):
    program = cast.program_a
    program.time_zone = "Asia/Shanghai"
    program.save(update_fields=["time_zone"])
    t = task(program, "Zoned", date(2026, 9, 1), date(2026, 12, 31), actual_start=date(2026, 9, 1))
    # 30 September 20:00 UTC is already 1 October 04:00 in Shanghai: not September's.
    with at_moment(datetime.datetime(2026, 9, 30, 20, 0, tzinfo=ZoneInfo("UTC"))):
        task_progress(task=t, by=cast.manager, percent_complete=40)
    # 30 September 14:00 UTC is 22:00 in Shanghai: September's.
    other = task(program, "Zoned early", date(2026, 9, 1), date(2026, 12, 31), actual_start=date(2026, 9, 1))
    with at_moment(datetime.datetime(2026, 9, 30, 14, 0, tzinfo=ZoneInfo("UTC"))):
        task_progress(task=other, by=cast.manager, percent_complete=80)
    assert percent(cast, SEP) == round((0 + 80) / 2)
    assert percent(cast, OCT) == round((40 + 80) / 2)
