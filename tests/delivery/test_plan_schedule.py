"""The schedule arithmetic on hand-built networks: passes, float, ties, cycles, variance."""

from datetime import date
from types import SimpleNamespace

import pytest

from delivery.scheduling import CycleError, Node, critical_path, planned_percent, schedule, task_figures

D = date(2026, 3, 1)


def _net(spec):
    """spec: {key: (duration, [predecessors])}, every task may start on D."""
    return critical_path({k: Node(key=k, start=D, duration=d, predecessors=p) for k, (d, p) in spec.items()})


def test_a_chain_is_critical_and_the_side_branch_has_float():
    # A(3) -> B(2) -> D(4); A -> C(1) -> D: C has one day of float.
    nodes = _net({"A": (3, []), "B": (2, ["A"]), "C": (1, ["A"]), "D": (4, ["B", "C"])})
    assert {k for k, n in nodes.items() if n.critical} == {"A", "B", "D"}
    assert nodes["C"].total_float == 1
    assert nodes["D"].early_start == date(2026, 3, 6) and nodes["D"].early_finish == date(2026, 3, 9)
    assert nodes["C"].late_start == date(2026, 3, 5)


def test_two_equally_long_chains_are_both_critical():
    nodes = _net({"A": (2, []), "B": (3, ["A"]), "C": (3, ["A"]), "E": (1, ["B", "C"])})
    assert all(n.critical for n in nodes.values())


def test_independent_tasks_only_the_longest_is_critical():
    nodes = _net({"A": (5, []), "B": (2, []), "C": (5, [])})
    assert {k for k, n in nodes.items() if n.critical} == {"A", "C"}
    assert nodes["B"].total_float == 3


@pytest.mark.parametrize(
    "spec",
    [
        {"A": (1, ["A"])},
        {"A": (1, ["C"]), "B": (1, ["A"]), "C": (1, ["B"])},
    ],
)
def test_cycles_are_refused(spec):
    with pytest.raises(CycleError):
        _net(spec)


def test_a_later_start_constraint_shifts_the_task_and_gives_its_chain_float():
    nodes = critical_path(
        {
            "A": Node(key="A", start=D, duration=10),
            "B": Node(key="B", start=date(2026, 3, 5), duration=2),
        }
    )
    assert nodes["B"].early_start == date(2026, 3, 5) and nodes["B"].total_float == 4 and nodes["A"].critical


def _task(pk, start, finish, pct=0, actual_start=None, actual_finish=None):
    return SimpleNamespace(
        pk=pk,
        baseline_start=start,
        baseline_finish=finish,
        percent_complete=pct,
        actual_start=actual_start,
        actual_finish=actual_finish,
    )


def test_variance_is_computed_from_dates_and_percent():
    t = _task(1, date(2026, 1, 1), date(2026, 1, 10), pct=20, actual_start=date(2026, 1, 3))
    f = task_figures(t, date(2026, 1, 5))
    assert f.start_variance == 2 and f.finish_variance == 2 and f.slipped
    assert planned_percent(t, date(2026, 1, 5)) == 50 and f.schedule_variance == -30
    done = _task(
        2, date(2026, 1, 1), date(2026, 1, 10), pct=100, actual_start=date(2026, 1, 1), actual_finish=date(2026, 1, 8)
    )
    f = task_figures(done, date(2026, 2, 1))
    assert f.finish_variance == -2 and not f.slipped and f.schedule_variance == 0


def test_schedule_pushes_a_successor_after_a_late_predecessor():
    a = _task(1, date(2026, 1, 1), date(2026, 1, 5), pct=50, actual_start=date(2026, 1, 4))
    b = _task(2, date(2026, 1, 6), date(2026, 1, 8))
    c = _task(3, date(2026, 1, 6), date(2026, 1, 7))
    rows = {r.task.pk: r for r in schedule([a, b, c], {2: [1], 3: [1]}, date(2026, 1, 5))}
    assert rows[1].finish == date(2026, 1, 8) and rows[2].start == date(2026, 1, 9)
    assert rows[2].finish_variance == 3 and rows[1].critical and rows[2].critical and not rows[3].critical


def test_open_tasks_are_forecast_from_the_day_of_the_figures():
    late_open = _task(1, date(2026, 1, 1), date(2026, 1, 10), pct=50, actual_start=date(2026, 1, 1))
    not_started = _task(2, date(2026, 1, 1), date(2026, 1, 10))
    on = date(2026, 1, 20)
    assert task_figures(late_open, on).finish == on  # still open: it finishes today at the earliest
    f = task_figures(not_started, on)
    assert (f.start, f.finish, f.finish_variance, f.slipped) == (on, date(2026, 1, 29), 19, True)
