"""Who may open the plan, transition and status report pages and endpoints (merged by access.py).

Vendors see only the tasks of their own vendor and their own status reports (404 otherwise)."""

from datetime import date
from itertools import count

from tests.access import CONTENT_READERS_OF_A, NOT_CONTENT_READERS_OF_A, expect, only
from tests.contracts.factories import contract_of_a

PLANNERS = ["admin", "manager"]
POST_ONLY = expect(302, 405, 403)


def _program(c):
    return {"pk": c.program_a.pk}


def _task(c):
    from delivery.models import Task, WorkPackage

    contract_of_a(c)
    package = WorkPackage.objects.get_or_create(program=c.program_a, name="Transition")[0]
    task = Task.objects.create(
        program=c.program_a,
        work_package=package,
        name="Hire agents",
        vendor=c.vendor_x,
        baseline_start=date(2026, 1, 1),
        baseline_finish=date(2026, 1, 31),
    )
    return {"pk": task.pk}


def _package(c):
    from delivery.models import WorkPackage

    return {"pk": WorkPackage.objects.create(program=c.program_a, name="Knowledge transfer").pk}


_numbers = count(1)


def _fresh_package(c):
    """A package of its own for each role (one a DELETE removed cannot be asked again)."""
    from delivery.models import WorkPackage

    return {"pk": WorkPackage.objects.create(program=c.program_a, name=f"Package {next(_numbers)}").pk}


def _item(c):
    from delivery.models import TransitionItem

    item = TransitionItem.objects.create(program=c.program_a, category="go_live", title="Support desk staffed")
    return {"pk": item.pk}


def _fresh_optional_item(c):
    """An open optional item of its own for each role (a mandatory one is never deleted)."""
    from delivery.models import TransitionItem

    item = TransitionItem.objects.create(
        program=c.program_a, category="go_live", title=f"Optional {next(_numbers)}", mandatory=False
    )
    return {"pk": item.pk}


def _report(c, by_vendor=False):
    from delivery.models import StatusReport

    report = StatusReport.objects.create(
        program=c.program_a,
        contract=contract_of_a(c) if by_vendor else None,
        by_vendor=by_vendor,
        period=date(2026, 1, 1),
        created_by=c.vendor_x_admin if by_vendor else c.manager,
    )
    return {"pk": report.pk}


READERS_OF_A = only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A)
EXPECT = {
    "delivery:plan": (_program, READERS_OF_A),
    "delivery:work_package_create": (_program, POST_ONLY),
    "delivery:work_package_update": (_package, only(PLANNERS, **NOT_CONTENT_READERS_OF_A)),
    "delivery:work_package_delete": (_package, POST_ONLY),
    "delivery:task_create": (_program, only(PLANNERS, **NOT_CONTENT_READERS_OF_A)),
    "delivery:task_list": (None, expect(302, 200, 403)),
    "delivery:task_detail": (_task, READERS_OF_A),
    "delivery:task_update": (_task, only(PLANNERS, **NOT_CONTENT_READERS_OF_A)),
    "delivery:transition": (_program, READERS_OF_A),
    "delivery:transition_item_action": (lambda c: {**_item(c), "action": "complete"}, POST_ONLY),
    "delivery:transition_item_update": (_item, only(PLANNERS, **NOT_CONTENT_READERS_OF_A)),
    "delivery:transition_item_delete": (_item, POST_ONLY),
    "delivery:status_report_list": (None, expect(302, 200, 403)),
    "delivery:status_report_create": (_program, only(PLANNERS, **NOT_CONTENT_READERS_OF_A)),
    "delivery:status_report_detail": (_report, READERS_OF_A),
    "work-package-list": (None, expect(401, 200, 403)),
    "work-package-detail": (_package, expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A)),
    "plan-task-list": (None, expect(401, 200, 200)),
    "plan-task-detail": (_task, expect(401, 200, 200, **NOT_CONTENT_READERS_OF_A, vendor_y_admin=404)),
    "plan-task-progress": (_task, expect(401, 405, 405)),
    "transition-item-list": (None, expect(401, 200, 403)),
    "transition-item-detail": (_item, expect(401, 200, 403, **NOT_CONTENT_READERS_OF_A)),
    "transition-item-complete": (_item, expect(401, 405, 403)),
    "transition-item-reopen": (_item, expect(401, 405, 403)),
    "status-report-list": (None, expect(401, 200, 200)),
    "status-report-detail": (_report, expect(401, 200, 404, **NOT_CONTENT_READERS_OF_A)),
    "status-report-submit": (_report, expect(401, 405, 405)),
    "portal:tasks": (None, expect(302, 403, 200)),
    "portal:task_update": (_task, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:status_reports": (None, expect(302, 403, 200)),
    "portal:status_report_detail": (lambda c: _report(c, by_vendor=True), expect(302, 403, 200, vendor_y_admin=404)),
}

# Writes on API records (tests/test_access_matrix.py): route -> (a fresh record for each role,
# {method: (body, expected status per role)}). Program managers and administrators change and
# delete work packages; other readers of the program get 403, the outsider 404, vendors 403.
PACKAGE_WRITERS = expect(401, 403, 403, admin=200, manager=200, **NOT_CONTENT_READERS_OF_A)
WRITES = {
    "work-package-detail": (
        _fresh_package,
        {
            "PATCH": ({"position": 5}, PACKAGE_WRITERS),
            "PUT": (
                lambda c: {"program": c.program_a.pk, "name": f"Renamed {next(_numbers)}", "position": 2},
                PACKAGE_WRITERS,
            ),
            "DELETE": (None, {**PACKAGE_WRITERS, "admin": 204, "manager": 204}),
        },
    ),
    # Program managers and administrators delete an open optional item of the checklist.
    "transition-item-detail": (
        _fresh_optional_item,
        {"DELETE": (None, {**PACKAGE_WRITERS, "admin": 204, "manager": 204})},
    ),
}
