"""Writes of the plan: dependency rules (errors next to the field), owners, progress by the vendor."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from delivery.models import TaskUpdate
from delivery.plan_services import task_progress, task_save
from tests.contracts.factories import contract_of_a

from .plan_factories import package, task


def _data(cast, **kwargs):
    data = {
        "work_package": package(cast.program_a),
        "name": "Configure telephony",
        "baseline_start": date(2026, 2, 1),
        "baseline_finish": date(2026, 2, 10),
    }
    data.update(kwargs)
    return data


def _errors(exc):
    return exc.value.message_dict


def test_manager_creates_a_task_with_a_dependency(cast):
    first = task(cast.program_a, "Design", 1, 31)
    created = task_save(program=cast.program_a, by=cast.manager, data=_data(cast, depends_on=[first]))
    assert list(created.depends_on.all()) == [first] and created.percent_complete == 0


def test_only_managers_change_the_plan(cast):
    with pytest.raises(PermissionDenied):
        task_save(program=cast.program_a, by=cast.contributor, data=_data(cast))


def test_a_task_cannot_start_before_the_task_it_depends_on_finishes(cast):
    first = task(cast.program_a, "Design", 1, 31)
    with pytest.raises(ValidationError) as exc:
        task_save(
            program=cast.program_a,
            by=cast.manager,
            data=_data(cast, baseline_start=date(2026, 1, 31), depends_on=[first]),
        )
    assert "Design" in _errors(exc)["baseline_start"][0]


def test_moving_a_predecessor_past_its_successor_is_refused_on_the_finish(cast):
    first = task(cast.program_a, "Design", 1, 10)
    task(cast.program_a, "Build", 11, 20, depends_on=[first])
    with pytest.raises(ValidationError) as exc:
        task_save(program=cast.program_a, by=cast.manager, task=first, data={"baseline_finish": date(2026, 1, 15)})
    assert "Build" in _errors(exc)["baseline_finish"][0]


def test_cycles_are_refused_on_the_dependencies_field(cast):
    a = task(cast.program_a, "A", 1, 2)
    b = task(cast.program_a, "B", 3, 4, depends_on=[a])
    c = task(cast.program_a, "C", 5, 6, depends_on=[b])
    with pytest.raises(ValidationError) as exc:
        task_save(program=cast.program_a, by=cast.manager, task=a, data={"depends_on": [c]})
    assert "cycle" in _errors(exc)["depends_on"][0]
    with pytest.raises(ValidationError) as exc:
        task_save(program=cast.program_a, by=cast.manager, task=a, data={"depends_on": [a]})
    assert "depends_on" in _errors(exc)


def test_a_task_of_another_program_is_no_dependency(cast):
    other = task(cast.program_b, "Elsewhere", 1, 2)
    with pytest.raises(ValidationError) as exc:
        task_save(program=cast.program_a, by=cast.manager, data=_data(cast, depends_on=[other]))
    assert "depends_on" in _errors(exc)


def test_a_task_cannot_finish_before_the_one_it_depends_on(cast):
    a = task(cast.program_a, "Design", 1, 5)
    b = task(cast.program_a, "Build", 6, 9, depends_on=[a])
    with pytest.raises(ValidationError) as exc:
        task_save(
            program=cast.program_a,
            by=cast.manager,
            task=b,
            data={"actual_start": date(2026, 1, 6), "actual_finish": date(2026, 1, 9)},
        )
    assert "has not finished" in _errors(exc)["actual_finish"][0]
    task_save(
        program=cast.program_a,
        by=cast.manager,
        task=a,
        data={"actual_start": date(2026, 1, 1), "actual_finish": date(2026, 1, 12)},
    )
    with pytest.raises(ValidationError) as exc:
        task_save(
            program=cast.program_a,
            by=cast.manager,
            task=b,
            data={"actual_start": date(2026, 1, 6), "actual_finish": date(2026, 1, 10)},
        )
    assert "2026-01-12" in _errors(exc)["actual_finish"][0]
    b = task_save(
        program=cast.program_a,
        by=cast.manager,
        task=b,
        data={"actual_start": date(2026, 1, 6), "actual_finish": date(2026, 1, 12)},
    )
    assert b.percent_complete == 100


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"baseline_finish": date(2026, 1, 31)}, "baseline_finish"),
        ({"percent_complete": 40}, "actual_start"),
        ({"percent_complete": 100, "actual_start": date(2026, 2, 1)}, "actual_finish"),
        ({"actual_start": date(2026, 2, 5), "actual_finish": date(2026, 2, 2)}, "actual_finish"),
        ({"actual_start": date(2099, 1, 1)}, "actual_start"),
    ],
)
def test_date_and_percent_rules_land_on_their_field(cast, changes, field):
    with pytest.raises(ValidationError) as exc:
        task_save(program=cast.program_a, by=cast.manager, data=_data(cast, **changes))
    assert field in _errors(exc)


def test_a_vendor_owner_must_work_for_a_vendor_of_the_program_and_sets_the_vendor(cast):
    with pytest.raises(ValidationError) as exc:
        task_save(program=cast.program_a, by=cast.manager, data=_data(cast, owner=cast.vendor_x_user))
    assert "owner" in _errors(exc)
    contract_of_a(cast)
    t = task_save(program=cast.program_a, by=cast.manager, data=_data(cast, owner=cast.vendor_x_user))
    assert t.vendor == cast.vendor_x
    with pytest.raises(ValidationError) as exc:
        task_save(program=cast.program_a, by=cast.manager, data=_data(cast, vendor=cast.vendor_y))
    assert "vendor" in _errors(exc)


def test_the_vendor_updates_progress_of_its_own_tasks_only(cast):
    contract_of_a(cast)
    mine = task(cast.program_a, "Recruit agents", 1, 20, vendor=cast.vendor_x)
    theirs = task(cast.program_a, "Internal", 1, 20)
    task_progress(task=mine, by=cast.vendor_x_user, percent_complete=30, actual_start=date(2026, 1, 2), comment="On it")
    mine.refresh_from_db()
    assert mine.percent_complete == 30 and mine.actual_start == date(2026, 1, 2)
    assert TaskUpdate.objects.get(task=mine).comment == "On it"
    for user, t in ((cast.vendor_x_user, theirs), (cast.vendor_y_admin, mine), (cast.viewer, mine)):
        with pytest.raises(PermissionDenied):
            task_progress(task=t, by=user, percent_complete=50, actual_start=date(2026, 1, 2))
    with pytest.raises(ValidationError) as exc:
        task_progress(task=mine, by=cast.vendor_x_user, percent_complete=100, actual_start=date(2026, 1, 2))
    assert "actual_finish" in _errors(exc)


def test_new_owners_and_vendors_are_told_once(cast):
    contract_of_a(cast)
    t = task_save(program=cast.program_a, by=cast.manager, data=_data(cast, owner=cast.vendor_x_user))
    task_save(program=cast.program_a, by=cast.manager, task=t, data={"name": "Renamed"})
    assert cast.vendor_x_user.notifications.filter(event_key__startswith=f"task:{t.pk}:assigned").count() == 1
    whole = task_save(
        program=cast.program_a, by=cast.manager, data=_data(cast, name="Vendor-wide", vendor=cast.vendor_x)
    )
    assert cast.vendor_x_admin.notifications.filter(
        event_key=f"task:{whole.pk}:assigned:{cast.vendor_x_admin.pk}"
    ).exists()
    assert not cast.vendor_y_admin.notifications.filter(event_key__startswith="task:").exists()
