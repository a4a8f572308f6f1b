"""`due_before_today_q` when every zone programs use is on the same date: the same rows, without
joining the program (bpo/core/zones.py); zones on different dates keep one clause per date."""

from datetime import timedelta

import pytest

from bpo.core.zones import due_before_today_q, is_before_today, today_in
from risk.models import CorrectiveAction
from strategy.models import Program

# 25 hours apart: never on the same date.
EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"


def _actions(cast):
    """For each program, actions due yesterday, today and tomorrow in the program's zone."""
    made = []
    for program in (cast.program_a, cast.program_b):
        today = today_in(program.time_zone)
        for days in (-1, 0, 1):
            made.append(
                CorrectiveAction.objects.create(
                    program=program,
                    source="risk_review",
                    title=f"{program.code} {days}",
                    problem="p",
                    owner=cast.manager,
                    due_date=today + timedelta(days=days),
                    status="open",
                )
            )
    return made


def _zones(cast, a, b):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone=a)
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone=b)
    Program.objects.exclude(pk__in=[cast.program_a.pk, cast.program_b.pk]).update(time_zone=a)
    cast.program_a.refresh_from_db()
    cast.program_b.refresh_from_db()


@pytest.mark.parametrize(("a", "b", "joins"), [(EAST, EAST, False), (WEST, WEST, False), (EAST, WEST, True)])
def test_overdue_rows_with_one_or_two_dates_in_use(cast, a, b, joins):
    _zones(cast, a, b)
    _actions(cast)
    rows = CorrectiveAction.objects.filter(due_before_today_q("due_date"))
    expected = {
        action.pk
        for action in CorrectiveAction.objects.select_related("program")
        if is_before_today(action.due_date, action.program.time_zone)
    }
    assert set(rows.values_list("pk", flat=True)) == expected and len(expected) == 2
    assert ('"strategy_program"' in str(rows.query)) is joins


def test_days_ahead_with_one_date(cast):
    _zones(cast, EAST, EAST)
    _actions(cast)
    within = CorrectiveAction.objects.filter(due_before_today_q("due_date", days=1))
    assert within.count() == 4  # yesterday and today in both programs
