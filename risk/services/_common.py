"""Shared by the risk services: the editable fields and the access helpers.

The field tuples are also the fields (in their order) of the risk forms (`risk.forms`), so a
page and the API or a task accept the same fields.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from ..querysets import risk_program_ids

RISK_FIELDS = (
    "program",
    "contract",
    "vendor",
    "title",
    "category",
    "cause",
    "event",
    "effect",
    "controls",
    "owner",
    "treatment",
    "treatment_plan",
    "review_frequency",
    "next_review_date",
    "status",
    "shared_with_vendor",
)
PLAN_FIELDS = (
    "program",
    "risk",
    "contract",
    "vendor",
    "title",
    "scenario",
    "triggers",
    "backup_vendor",
    "resources",
    "communication_tree",
    "recovery_time_hours",
    "recovery_point_hours",
    "recovery_targets",
    "exit_plan",
    "owner",
)
INCIDENT_FIELDS = (
    "program",
    "risk",
    "vendor",
    "title",
    "description",
    "severity",
    "status",
    "occurred_at",
    "resolved_at",
)
ACTION_FIELDS = ("title", "problem", "root_cause", "action_plan", "owner", "due_date")


# --- access helpers ---------------------------------------------------------------------


def can_create_in_any_program(user) -> bool:
    """Administrators, and managers or contributors of at least one program."""
    return risk_program_ids(user).exists()


def _require_program(by, program):
    if program is None or not risk_program_ids(by).filter(pk=program.pk).exists():
        raise PermissionDenied


def _require_editable(model, obj, by):
    if not model.objects.editable_by(by).filter(pk=obj.pk).exists():
        raise PermissionDenied


def _apply(obj, data, fields) -> list[str]:
    changed = []
    for field, value in data.items():
        if field in fields and getattr(obj, field) != value:
            setattr(obj, field, value)
            changed.append(field)
    return changed


def _check_same_program(program, **related):
    """A linked risk or plan must belong to the same program."""
    for name, obj in related.items():
        if obj is not None and obj.program_id != program.pk:
            raise ValidationError({name: _("Choose one of this program's records.")})


def program_today(program):
    """Today in the program's time zone (bpo.core.zones): what "in the past" and "in the future" mean
    for its dates, whatever the server's zone."""
    from django.utils import timezone

    from bpo.core.zones import in_zone

    return in_zone(timezone.now(), getattr(program, "time_zone", None)).date()


def _program_managers(program):
    from bpo.accounts.choices import ProgramRole

    return [m.user for m in program.memberships.filter(role=ProgramRole.MANAGER).select_related("user")]
