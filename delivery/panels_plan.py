"""Home-page parts of the plan: the open tasks a staff user owns, and for a vendor the open
tasks of its vendor and its draft status reports (late ones flagged)."""

from bpo.core.zones import is_before_today

from .choices_plan import ReportStatus
from .models import StatusReport, Task

SHOWN = 5


def _open(tasks):
    """The first open tasks, each with `is_late`: to finish before today in its program's time zone."""
    tasks = list(
        tasks.filter(actual_finish__isnull=True)
        .select_related("program")
        .order_by("baseline_finish", "pk")[: SHOWN + 1]
    )
    for task in tasks:
        task.is_late = is_before_today(task.baseline_finish, task.program.time_zone)
    return tasks


def home_part(user):
    """The staff home: my open tasks (late flagged) and the draft status reports I may submit."""
    tasks = _open(Task.objects.visible_to(user).filter(owner=user))
    drafts = StatusReport.objects.editable_by(user).filter(status=ReportStatus.DRAFT).count()
    if not tasks and not drafts:
        return None
    return {
        "template": "delivery/plan/_home_part.html",
        "tasks": tasks[:SHOWN],
        "more_tasks": len(tasks) > SHOWN,
        "drafts": drafts,
    }


def portal_part(user):
    """The portal home: the vendor's open plan tasks and its draft status reports."""
    tasks = _open(Task.objects.visible_to(user))
    drafts = StatusReport.objects.editable_by(user).count()
    if not tasks and not drafts:
        return None
    return {
        "template": "portal/delivery/_plan_home_part.html",
        "tasks": tasks[:SHOWN],
        "more_tasks": len(tasks) > SHOWN,
        "drafts": drafts,
    }
