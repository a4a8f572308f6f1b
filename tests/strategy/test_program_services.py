"""program_create / program_update: who may, what they record, and what they refuse."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from bpo.accounts.models import ProgramMembership
from strategy.models import Program
from strategy.services import program_can_create, program_create, program_update


def _updates(program):
    return LogEntry.objects.get_for_object(program).filter(action=LogEntry.Action.UPDATE)


@pytest.mark.parametrize("role", ["admin", "manager", "outsider"])
def test_program_create_makes_the_creator_a_manager(cast, role):
    creator = getattr(cast, role)
    program = program_create(by=creator, code="NEW-1", name="New program")
    assert program.pk
    membership = ProgramMembership.objects.get(program=program, user=creator)
    assert membership.role == "manager"
    assert Program.objects.editable_by(creator).filter(pk=program.pk).exists()


def test_program_create_records_the_creator_in_the_history(cast):
    program = program_create(by=cast.manager, code="NEW-2", name="New program")
    entry = LogEntry.objects.get_for_object(program).get(action=LogEntry.Action.CREATE)
    assert entry.actor == cast.manager


@pytest.mark.parametrize(
    "role", ["contributor", "evaluator", "viewer", "finance", "legal", "executive", "vendor_x_admin", "vendor_x_user"]
)
def test_program_create_refuses_users_who_manage_no_program(cast, role):
    user = getattr(cast, role)
    assert not program_can_create(user)
    with pytest.raises(PermissionDenied):
        program_create(by=user, code="NEW-3", name="Refused")
    assert not Program.objects.filter(code="NEW-3").exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"code": "bad code", "name": "X"}, "code"),
        ({"code": "OK-1", "name": "X", "start_date": date(2026, 5, 1), "end_date": date(2026, 4, 1)}, "end_date"),
        ({"code": "OK-2", "name": "X", "target_savings_pct": 150}, "target_savings_pct"),
        ({"code": "PA", "name": "Duplicate code"}, "code"),
    ],
)
def test_program_create_rejects_invalid_data_and_saves_nothing(cast, data, field):
    before_programs, before_members = Program.objects.count(), ProgramMembership.objects.count()
    with pytest.raises(ValidationError) as exc:
        program_create(by=cast.manager, **data)
    assert field in exc.value.message_dict
    assert Program.objects.count() == before_programs
    assert ProgramMembership.objects.count() == before_members


def test_program_update_records_field_old_new_and_actor(cast):
    program_update(program=cast.program_a, by=cast.manager, name="Customer care", business_unit="Ops")
    entry = _updates(cast.program_a).latest("timestamp")
    assert entry.actor == cast.manager
    assert entry.changes_dict["name"] == ["Program A", "Customer care"]
    assert entry.changes_dict["business_unit"] == ["", "Ops"]
    cast.program_a.refresh_from_db()
    assert cast.program_a.name == "Customer care"


def test_program_update_without_changes_records_nothing(cast):
    program_update(program=cast.program_a, by=cast.manager, name="Program A")
    assert not _updates(cast.program_a).exists()


def test_program_update_rejects_end_before_start_and_saves_nothing(cast):
    program_update(program=cast.program_a, by=cast.manager, start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))
    entries = _updates(cast.program_a).count()
    with pytest.raises(ValidationError) as exc:
        program_update(program=cast.program_a, by=cast.manager, name="Should not stick", end_date=date(2025, 12, 31))
    assert "end_date" in exc.value.message_dict
    program = Program.objects.get(pk=cast.program_a.pk)
    assert program.name == "Program A"
    assert program.end_date == date(2026, 12, 31)
    assert _updates(cast.program_a).count() == entries


@pytest.mark.parametrize(
    "role", ["contributor", "evaluator", "viewer", "outsider", "finance", "legal", "executive", "vendor_x_admin"]
)
def test_program_update_refuses_users_who_do_not_manage_the_program(cast, role):
    with pytest.raises(PermissionDenied):
        program_update(program=cast.program_a, by=getattr(cast, role), name="Hijacked")
    cast.program_a.refresh_from_db()
    assert cast.program_a.name == "Program A"


def test_admin_may_update_any_program(cast):
    program_update(program=cast.program_b, by=cast.admin, name="Program B renamed")
    assert Program.objects.get(pk=cast.program_b.pk).name == "Program B renamed"


def test_phase_moves_only_through_the_gates_not_by_editing(cast):
    with pytest.raises(ValidationError) as exc:
        program_update(program=cast.program_a, by=cast.admin, phase="sourcing", name="Renamed")
    assert "phase" in exc.value.message_dict
    program = Program.objects.get(pk=cast.program_a.pk)
    assert program.phase == "strategy" and program.name == "Program A"
