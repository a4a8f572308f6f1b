"""Writes to programs. Every door (page, API, command) comes through here."""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import ProgramRole
from bpo.accounts.models import ProgramMembership

from ..choices import ApprovalStatus, Phase
from ..models import Program
from .charter import SNAPSHOT_PROGRAM_FIELDS, charter_closed_message

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


def _sponsor_error(sponsor) -> ValidationError:
    return ValidationError(
        {"sponsor": _("The sponsor approves the charter, so they cannot be one of the program's managers.")}
    )


def program_can_create(user) -> bool:
    """Administrators and anyone who already manages a program may start a new one."""
    return user.is_authenticated and not user.is_vendor_user and (user.is_administrator or user.manages_any_program())


@transaction.atomic
def program_create(*, by, **data) -> Program:
    """Creates a program; its creator becomes one of its managers."""
    if not program_can_create(by):
        raise PermissionDenied
    if data.get("sponsor") is not None and data["sponsor"].pk == by.pk:
        # The creator becomes a manager, and a manager would approve their own charter.
        raise _sponsor_error(data["sponsor"])
    if data.get("phase") not in (None, "", Phase.STRATEGY):
        # A program starts at the beginning of the lifecycle; later phases are reached only through
        # their gates (the demo and generate_data place programs further on directly, not through here).
        raise ValidationError(
            {"phase": _("A new program starts in the strategy phase; it moves on only by passing its gates.")}
        )
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
    if program.status != ApprovalStatus.DRAFT:
        # What the charter's revision keeps changes only in a new revision, as the charter's rows do.
        frozen = [f for f in changed if f in SNAPSHOT_PROGRAM_FIELDS]
        if frozen:
            raise ValidationError({f: charter_closed_message(program) for f in frozen})
    if "sponsor" in changed and program.sponsor_id is not None:
        managers = program.memberships.filter(role=ProgramRole.MANAGER, user_id=program.sponsor_id)
        if managers.exists():
            raise _sponsor_error(program.sponsor)
    if changed:
        program.full_clean()
        with set_actor(by):
            program.save(update_fields=[*changed, "updated_at"])
    return program
