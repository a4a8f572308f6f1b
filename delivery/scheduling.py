"""Schedule arithmetic of the implementation plan: durations, variance and the critical path.

Dates are whole days with both ends included (a task from the 1st to the 3rd lasts 3 days).
Dependencies are finish-to-start: a successor starts the day after its last predecessor finishes.

The critical path is computed on the *current* schedule of each task: it starts on its
actual start (or its baseline start), lasts its actual duration when finished (its baseline
duration otherwise), and never starts before the day after its predecessors finish. Early
and late dates come from a forward and a backward pass; a task whose total float is zero
is critical (so ties - two equally long chains - are both critical). A cycle is refused.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CycleError(ValidationError):
    """The dependencies loop back on themselves."""


@dataclass
class Node:
    """One task of a network: the earliest day it may start, its duration in days, its predecessors."""

    key: object
    start: date
    duration: int
    predecessors: list = field(default_factory=list)
    fixed: bool = False  # an actual start is a fact: the passes do not move it
    # Results of the passes:
    early_start: date | None = None
    early_finish: date | None = None
    late_start: date | None = None
    late_finish: date | None = None

    @property
    def total_float(self) -> int:
        return (self.late_start - self.early_start).days

    @property
    def critical(self) -> bool:
        return self.total_float <= 0  # negative when a fixed (actual) start already pushes past the finish


def topological_order(nodes: dict) -> list:
    """Keys in an order where every predecessor comes first; CycleError when there is none."""
    remaining = {k: {p for p in n.predecessors if p in nodes} for k, n in nodes.items()}
    successors = {k: [] for k in nodes}
    for k, preds in remaining.items():
        for p in preds:
            successors[p].append(k)
    ready = sorted((k for k, preds in remaining.items() if not preds), key=str)
    order = []
    while ready:
        k = ready.pop(0)
        order.append(k)
        for s in successors[k]:
            remaining[s].discard(k)
            if not remaining[s]:
                ready.append(s)
    if len(order) != len(nodes):
        raise CycleError(_("The dependencies form a cycle."))
    return order


def critical_path(nodes: dict) -> dict:
    """Runs the forward and backward passes over {key: Node}; returns the same dict, filled in."""
    if not nodes:
        return nodes
    order = topological_order(nodes)
    day = timedelta(days=1)
    for k in order:
        n = nodes[k]
        starts = [n.start] + [nodes[p].early_finish + day for p in n.predecessors if p in nodes]
        n.early_start = n.start if n.fixed else max(starts)
        n.early_finish = n.early_start + (n.duration - 1) * day
    project_finish = max(n.early_finish for n in nodes.values())
    successors = {k: [] for k in nodes}
    for k, n in nodes.items():
        for p in n.predecessors:
            if p in nodes:
                successors[p].append(k)
    for k in reversed(order):
        n = nodes[k]
        finishes = [nodes[s].late_start - day for s in successors[k]]
        n.late_finish = min(finishes) if finishes else project_finish
        n.late_start = n.late_finish - (n.duration - 1) * day
    return nodes


def duration(start: date, finish: date) -> int:
    return (finish - start).days + 1


def current_dates(task, on: date | None = None) -> tuple[date, date]:
    """(start, finish) of the task as it stands: actual where recorded, else moved with its start.
    As of a day `on`: a task not started by then starts that day at the earliest, and an open
    task whose forecast finish has passed is forecast to finish that day."""
    start = task.actual_start or task.baseline_start
    if task.actual_finish:
        return start, task.actual_finish
    if on is not None and not task.actual_start and start < on:
        start = on
    finish = start + timedelta(days=duration(task.baseline_start, task.baseline_finish) - 1)
    if on is not None and finish < on:
        finish = on
    return start, finish


def planned_percent(task, on: date) -> int:
    """How complete the baseline says the task should be on a day (linear over its baseline days)."""
    if on < task.baseline_start:
        return 0
    if on >= task.baseline_finish:
        return 100
    return round(100 * duration(task.baseline_start, on) / duration(task.baseline_start, task.baseline_finish))


def is_slipped(task, on: date) -> bool:
    """Late against the baseline as of a day: finished after its baseline finish, or still open
    after it, or forecast to finish after it."""
    if task.actual_finish:
        return task.actual_finish > task.baseline_finish
    return on > task.baseline_finish or current_dates(task, on)[1] > task.baseline_finish


@dataclass
class TaskSchedule:
    """A task with its computed figures, for the timeline, the lists and the API."""

    task: object
    start: date
    finish: date
    start_variance: int  # days the (actual or forecast) start lies after the baseline start
    finish_variance: int  # days the (actual or forecast) finish lies after the baseline finish
    planned_percent: int
    schedule_variance: int  # percent complete minus planned percent: negative is behind
    slipped: bool
    total_float: int = 0
    critical: bool = False


def task_figures(task, on: date) -> TaskSchedule:
    start, finish = current_dates(task, on)
    planned = planned_percent(task, on)
    return TaskSchedule(
        task=task,
        start=start,
        finish=finish,
        start_variance=(start - task.baseline_start).days,
        finish_variance=(finish - task.baseline_finish).days,
        planned_percent=planned,
        schedule_variance=task.percent_complete - planned,
        slipped=is_slipped(task, on),
    )


def schedule(tasks, predecessors: dict, on: date) -> list[TaskSchedule]:
    """Figures and critical path of a program's tasks. `predecessors`: {task pk: [task pks]}."""
    rows = {t.pk: task_figures(t, on) for t in tasks}
    nodes = {
        pk: Node(
            key=pk,
            start=r.start,
            duration=duration(r.start, r.finish),
            predecessors=predecessors.get(pk, []),
            fixed=r.task.actual_start is not None,
        )
        for pk, r in rows.items()
    }
    critical_path(nodes)
    for pk, r in rows.items():
        r.total_float = nodes[pk].total_float
        r.critical = nodes[pk].critical
        r.start, r.finish = nodes[pk].early_start, nodes[pk].early_finish
        r.finish_variance = (r.finish - r.task.baseline_finish).days
    return list(rows.values())


def weighted_schedule_variance(rows: list[TaskSchedule]) -> tuple[int, int, int]:
    """(percent complete, planned percent, variance) of a plan, weighted by baseline days."""
    total = sum(duration(r.task.baseline_start, r.task.baseline_finish) for r in rows)
    if not total:
        return 0, 0, 0
    done = sum(r.task.percent_complete * duration(r.task.baseline_start, r.task.baseline_finish) for r in rows)
    planned = sum(r.planned_percent * duration(r.task.baseline_start, r.task.baseline_finish) for r in rows)
    return round(done / total), round(planned / total), round((done - planned) / total)
