"""Writes to programs. Every door (page, API, command) comes through here."""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import ProgramRole
from bpo.accounts.models import ProgramMembership

from ..models import Program

EDITABLE_FIELDS = (
    "code",
    "name",
    "description",
    "business_unit",
    "sponsor",
    "owner",
    "strategic_alignment",
    "phase",
    "start_date",
    "end_date",
    "currency",
    "time_zone",
    "baseline_cost",
    "target_savings_pct",
)


def program_can_create(user) -> bool:
    """Administrators and anyone who already manages a program may start a new one."""
    return user.is_authenticated and not user.is_vendor_user and (user.is_administrator or user.manages_any_program())


@transaction.atomic
def program_create(*, by, **data) -> Program:
    """Creates a program; its creator becomes one of its managers."""
    if not program_can_create(by):
        raise PermissionDenied
    with set_actor(by):
        program = Program(**{k: v for k, v in data.items() if k in EDITABLE_FIELDS})
        program.full_clean()
        program.save()
        ProgramMembership.objects.create(user=by, program=program, role=ProgramRole.MANAGER)
    return program


@transaction.atomic
def program_update(*, program: Program, by, **data) -> Program:
    """Changes a program's fields; the audit log records each old and new value."""
    if not Program.objects.editable_by(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    program = Program.objects.select_for_update().get(pk=program.pk)
    if "phase" in data and data["phase"] != program.phase:
        # A program is created in the phase it is in; after that it moves only through its gates.
        raise ValidationError({"phase": _("The phase changes only by passing its gate on the program page.")})
    changed = []
    for field, value in data.items():
        if field in EDITABLE_FIELDS and getattr(program, field) != value:
            setattr(program, field, value)
            changed.append(field)
    if changed:
        program.full_clean()
        with set_actor(by):
            program.save(update_fields=[*changed, "updated_at"])
    return program
