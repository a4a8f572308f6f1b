"""A past month's status report shows what was true on the month's last day: a task done only
if it finished by then, slipped judged on that day (not today's forecast), and the budget's
actuals of the months up to that month only. The current month's report (as of today) is
unchanged."""

from datetime import date
from decimal import Decimal

import pytest

from delivery import budget
from delivery.models import CostEntry
from delivery.status_report import compute_figures, status_report_create, status_report_submit
from strategy.models import BudgetLine, Milestone

from .plan_factories import task

pytestmark = pytest.mark.django_db

SEP = date(2026, 9, 1)
TODAY = date(2026, 11, 20)


@pytest.fixture
def plan(cast):
    program = cast.program_a
    # finished in October, on its baseline: open (and not yet due) on 30 September
    task(
        program,
        "Late finish",
        date(2026, 9, 1),
        date(2026, 10, 10),
        actual_start=date(2026, 9, 1),
        actual_finish=date(2026, 10, 10),
        percent_complete=100,
    )
    # finished on time in September
    task(
        program,
        "Done",
        date(2026, 9, 1),
        date(2026, 9, 20),
        actual_start=date(2026, 9, 1),
        actual_finish=date(2026, 9, 15),
        percent_complete=100,
    )
    # due in December, open: today's forecast runs past its baseline, on 30 September nothing had slipped
    task(program, "Forecast late", date(2026, 11, 1), date(2026, 12, 1))
    # due 25 September, finished 5 October: open and slipped on 30 September
    task(
        program,
        "Overdue",
        date(2026, 9, 1),
        date(2026, 9, 25),
        actual_start=date(2026, 9, 1),
        actual_finish=date(2026, 10, 5),
        percent_complete=100,
    )
    Milestone.objects.create(
        program=program,
        name="Go-live",
        phase="transition",
        baseline_date=date(2026, 10, 15),
        forecast_date=date(2026, 12, 1),
    )
    BudgetLine.objects.create(program=program, category="other", period="2026", planned_amount=Decimal("12000"))
    for month, amount in ((date(2026, 9, 1), "1000"), (date(2026, 10, 1), "5000")):
        CostEntry.objects.create(
            program=program,
            category="other",
            period=month,
            amount=Decimal(amount),
            description="x",
            created_by=cast.manager,
        )
    return cast


def test_a_past_months_report_counts_what_was_true_on_its_last_day(plan):
    f = compute_figures(program=plan.program_a, period=SEP, today=TODAY)
    assert f["as_of"] == "2026-09-30"
    assert f["tasks_done"] == 1  # "Late finish" and "Overdue" finished in October
    assert f["tasks_slipped"] == 1  # "Overdue": open past its baseline; no forecast counted
    assert f["milestones_slipped"] == 0  # due 15 October: today's forecast does not count
    assert f["budget_actual"] == "1000.00"  # the October cost entry is not counted


def test_the_submitted_past_report_freezes_those_figures(plan):
    report = status_report_create(program=plan.program_a, period=SEP, by=plan.manager, today=TODAY)
    report = status_report_submit(report=report, by=plan.manager, narrative="September", today=TODAY)
    report.refresh_from_db()
    assert (report.figures["tasks_done"], report.figures["budget_actual"]) == (1, "1000.00")


def test_the_current_months_report_is_unchanged(plan):
    f = compute_figures(program=plan.program_a, period=date(2026, 11, 1), today=TODAY)
    assert f["as_of"] == "2026-11-20"
    assert f["tasks_done"] == 3
    # "Forecast late" is forecast past its baseline; "Overdue" finished late in October: October's slip
    assert f["tasks_slipped"] == 1
    assert f["milestones_slipped"] == 1
    assert f["budget_actual"] == "6000.00"
    line = BudgetLine.objects.get(program=plan.program_a)
    assert budget.line_figures(line, today=TODAY).actual == Decimal("6000")


def test_a_late_finish_is_the_slip_of_the_month_it_happened_in(plan):
    """A task or milestone finished late counts as slipped in the month it finished, not in every
    later month's report (a plan would stay red for good)."""
    Milestone.objects.create(
        program=plan.program_a,
        name="Pilot",
        phase="transition",
        baseline_date=date(2026, 9, 10),
        actual_date=date(2026, 9, 20),
    )
    sep = compute_figures(program=plan.program_a, period=SEP, today=TODAY)
    octo = compute_figures(program=plan.program_a, period=date(2026, 10, 1), today=TODAY)
    nov = compute_figures(program=plan.program_a, period=date(2026, 11, 1), today=TODAY)
    assert sep["milestones_slipped"] == 1  # "Pilot", reached late in September
    assert octo["tasks_slipped"] == 1  # "Overdue", finished late on 5 October
    # October: "Go-live" (baseline 15 October, not reached); "Pilot" was September's slip
    assert octo["milestones_slipped"] == 1
    assert nov["tasks_slipped"] == 1  # only "Forecast late": "Overdue" was October's
