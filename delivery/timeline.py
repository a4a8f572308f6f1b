"""The plan of a program as it stands: computed figures of every task and the geometry of the
timeline (Gantt-style SVG drawn by templates/delivery/_timeline.html with presentation
attributes only - the CSP forbids inline styles)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from bpo.core.zones import today_in

from .models import Task
from .scheduling import CycleError, schedule, weighted_schedule_variance

LABEL_W = 240  # the task names column
CHART_W = 720
ROW_H = 28
HEAD_H = 34


def program_schedule(program, *, tasks=None, today: date | None = None):
    """(rows, summary) for a program's plan: every task with its figures, in plan order, as of
    today in the program's time zone (a task slips, or is forecast later, by the program's date)."""
    today = today or today_in(program.time_zone)
    if tasks is None:
        tasks = Task.objects.filter(program=program)
    tasks = list(
        tasks.select_related("work_package", "owner", "vendor", "contract").order_by(
            "work_package__position", "work_package_id", "baseline_start", "pk"
        )
    )
    predecessors = {}
    for succ, pred in Task.depends_on.through.objects.filter(from_task__in=[t.pk for t in tasks]).values_list(
        "from_task_id", "to_task_id"
    ):
        predecessors.setdefault(succ, []).append(pred)
    try:
        rows = schedule(tasks, predecessors, today)
    except CycleError:  # the services refuse cycles; stay readable if one came in some other way
        rows = schedule(tasks, {}, today)
    order = {t.pk: i for i, t in enumerate(tasks)}
    rows.sort(key=lambda r: order[r.task.pk])
    names = {t.pk: t.name for t in tasks}
    for r in rows:
        r.depends_on = predecessors.get(r.task.pk, [])
        r.depends_on_names = [names[p] for p in r.depends_on if p in names]
    done, planned, variance = weighted_schedule_variance(rows)
    summary = {
        "tasks": len(rows),
        "critical": sum(1 for r in rows if r.critical),
        "slipped": sum(1 for r in rows if r.slipped),
        "percent_complete": done,
        "planned_percent": planned,
        "schedule_variance": variance,
        "finish": max((r.finish for r in rows), default=None),
        "baseline_finish": max((r.task.baseline_finish for r in rows), default=None),
    }
    if summary["finish"] and summary["baseline_finish"]:
        summary["finish_variance"] = (summary["finish"] - summary["baseline_finish"]).days
    return rows, summary


@dataclass
class Bar:
    x: float
    width: float


def _month_ticks(first: date, last: date):
    current = first.replace(day=1)
    while current <= last:
        yield current
        current = (current + timedelta(days=32)).replace(day=1)


def timeline(rows, *, today: date | None = None) -> dict | None:
    """Geometry of the SVG: one row per task (baseline bar, current bar, progress, critical flag),
    work-package headings, month ticks and today's line."""
    if not rows:
        return None
    today = today or timezone.localdate()
    first = min(min(r.task.baseline_start, r.start) for r in rows)
    last = max(max(r.task.baseline_finish, r.finish) for r in rows) + timedelta(days=1)
    days = max((last - first).days, 1)
    scale = CHART_W / days

    def x(day):
        return round(LABEL_W + (day - first).days * scale, 1)

    def bar(start, finish):
        return Bar(x=x(start), width=max(round((finish - start).days * scale + scale, 1), 2))

    lines, y, package = [], HEAD_H, None
    for r in rows:
        if r.task.work_package_id != package:
            package = r.task.work_package_id
            lines.append({"heading": r.task.work_package.name, "y": y, "text_y": y + 18})
            y += ROW_H
        current = bar(r.start, r.finish)
        lines.append(
            {
                "row": r,
                "y": y,
                "text_y": y + 18,
                "baseline": bar(r.task.baseline_start, r.task.baseline_finish),
                "baseline_y": y + 4,
                "current": current,
                "current_y": y + 12,
                "progress_w": round(current.width * r.task.percent_complete / 100, 1),
            }
        )
        y += ROW_H
    ticks = [{"x": x(m), "label": m.strftime("%Y-%m")} for m in _month_ticks(first, last) if m >= first]
    today_x = x(today) if first <= today <= last else None
    return {
        "width": LABEL_W + CHART_W + 10,
        "height": y + 6,
        "label_w": LABEL_W,
        "lines": lines,
        "ticks": ticks,
        "today_x": today_x,
        "axis_y": HEAD_H - 4,
    }
