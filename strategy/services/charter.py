"""The charter: its rows, the approval (draft -> submitted -> approved), finance's budget
approval, and revisions (an approved charter changes only through a new revision)."""

from decimal import Decimal, InvalidOperation

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import ProgramRole, Role
from bpo.core.formats import format_money, format_number
from bpo.core.history import model_field
from bpo.core.i18n import interpolate
from bpo.core.services import notifications_done, notify
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH, dispute_reason_too_long

from ..choices import ApprovalStatus
from ..models import (
    BudgetLine,
    CharterRevision,
    Milestone,
    Objective,
    Program,
    ResourceAllocation,
    ScopeItem,
    Stakeholder,
)

# kind (used in URLs and the API) -> (model, editable fields)
CHARTER_KINDS = {
    "objective": (
        Objective,
        ("statement", "kpi", "unit", "baseline", "target", "target_date", "method", "owner"),
    ),
    "scope": (ScopeItem, ("process", "in_scope", "volume", "volume_unit", "locations", "current_fte")),
    "budget": (BudgetLine, ("category", "period", "planned_amount", "note")),
    "milestone": (Milestone, ("name", "phase", "baseline_date", "forecast_date", "actual_date")),
    "stakeholder": (Stakeholder, ("name", "title", "influence", "interest", "raci")),
    "resource": (ResourceAllocation, ("team", "role", "fte", "start_date", "end_date")),
}
KIND_OF_MODEL = {model: kind for kind, (model, _fields) in CHARTER_KINDS.items()}


def _program_for_change(program: Program, by) -> Program:
    """Locks the program; only its managers and administrators change it, and only while it is a draft."""
    if not Program.objects.editable_by(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    program = Program.objects.select_for_update().get(pk=program.pk)
    return program


def charter_closed_message(program: Program):
    return _("The charter is %(status)s; start a new revision to change it.") % {"status": program.get_status_display()}


def _charter_open(program: Program):
    if program.status != ApprovalStatus.DRAFT:
        raise ValidationError(charter_closed_message(program))


def _managers(program):
    return [m.user for m in program.memberships.filter(role=ProgramRole.MANAGER).select_related("user")]


@transaction.atomic
def charter_item_create(*, program: Program, kind: str, by, **data):
    """Adds a charter row (objective, scope item, budget line, ...) to a draft charter."""
    model, fields = CHARTER_KINDS[kind]
    program = _program_for_change(program, by)
    _charter_open(program)
    item = model(program=program, **{k: v for k, v in data.items() if k in fields})
    item.full_clean()
    with set_actor(by):
        item.save()
    return item


@transaction.atomic
def charter_item_update(*, item, by, **data):
    """Changes a charter row of a draft charter. A changed budget line needs finance's approval again."""
    model = type(item)
    fields = CHARTER_KINDS[KIND_OF_MODEL[model]][1]
    program = _program_for_change(item.program, by)
    _charter_open(program)
    item = model.objects.select_for_update().get(pk=item.pk)
    changed = [f for f, v in data.items() if f in fields and getattr(item, f) != v]
    for field in changed:
        setattr(item, field, data[field])
    if changed:
        if isinstance(item, BudgetLine):
            item.approved_by, item.approved_at = None, None
            changed += ["approved_by", "approved_at"]
        item.full_clean()
        with set_actor(by):
            item.save(update_fields=changed)
    return item


@transaction.atomic
def charter_item_delete(*, item, by) -> None:
    """Removes a charter row of a draft charter. Removing a budget line changes the budget finance
    approved, as changing one does: every remaining line needs finance's approval again."""
    program = _program_for_change(item.program, by)
    _charter_open(program)
    with set_actor(by):
        item.delete()
        if isinstance(item, BudgetLine):
            for line in BudgetLine.objects.select_for_update().filter(program=program, approved_at__isnull=False):
                line.approved_by, line.approved_at = None, None
                line.save(update_fields=["approved_by", "approved_at"])


def charter_problems(program: Program) -> list:
    """Why the charter cannot be approved yet (empty when it can)."""
    problems = []
    objectives = list(program.objectives.all())
    if not objectives:
        problems.append(_("Add at least one objective."))
    for obj in objectives:
        gaps = obj.smart_gaps()
        if gaps:
            problems.append(
                _("Objective “%(goal)s” needs %(gaps)s.") % {"goal": obj.statement, "gaps": ", ".join(map(str, gaps))}
            )
    return problems


def budget_is_approved(program: Program) -> bool:
    """True when the program has budget lines and finance approved every one of them."""
    lines = list(program.budget_lines.all())  # a program has a few lines; prefetched on its page
    return bool(lines) and all(line.approved_at is not None for line in lines)


@transaction.atomic
def program_submit(*, program: Program, by) -> Program:
    """A manager submits the draft charter to the sponsor; every goal must be SMART."""
    program = _program_for_change(program, by)
    if program.status != ApprovalStatus.DRAFT:
        raise ValidationError(_("Only a draft charter can be submitted."))
    problems = charter_problems(program)
    if problems:
        raise ValidationError(problems)
    program.status = ApprovalStatus.SUBMITTED
    program.submitted_by = by
    with set_actor(by):
        program.save(update_fields=["status", "submitted_by", "updated_at"])
    approvers = [program.sponsor] if program.sponsor else []
    # One key per submission (under the revision's, which approval or return settles), so a charter
    # returned and submitted again reaches the sponsor again.
    notify(
        recipients=approvers,
        event_key=f"{_submitted_key(program)}:{timezone.now().timestamp()}",
        title=interpolate(_("Charter of %(program)s waits for your approval"), {"program": program.code}),
        url=program.get_absolute_url(),
    )
    return program


def _submitted_key(program: Program) -> str:
    """The event key of the sponsor's "waits for your approval" notifications of this revision."""
    return f"charter-submitted:{program.pk}:{program.revision}"


def is_sponsor_or_administrator(program: Program, user) -> bool:
    """The program's sponsor or an administrator (who approve its charter and its award)."""
    if not user.is_authenticated or not user.is_active or user.is_vendor_user:
        return False
    return user.is_administrator or (program.sponsor_id is not None and program.sponsor_id == user.pk)


def can_approve_charter(program: Program, user) -> bool:
    """The program's sponsor or an administrator approves (or returns) the charter, but not the
    user who submitted it nor one of the program's managers (an administrator who created the
    program is one): nobody approves their own charter."""
    if program.submitted_by_id is not None and program.submitted_by_id == user.pk:
        return False
    if not is_sponsor_or_administrator(program, user):
        return False
    return not program.memberships.filter(user_id=user.pk, role=ProgramRole.MANAGER).exists()


@transaction.atomic
def program_approve(*, program: Program, by) -> Program:
    """The sponsor (or an administrator) approves the submitted charter; it is frozen as a revision."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if not can_approve_charter(program, by):
        raise PermissionDenied
    if program.status != ApprovalStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted charter can be approved."))
    problems = charter_problems(program)
    if not budget_is_approved(program):
        problems.append(_("Finance has not approved the budget yet."))
    if problems:
        raise ValidationError(problems)
    program.status = ApprovalStatus.APPROVED
    with set_actor(by):
        program.save(update_fields=["status", "updated_at"])
        CharterRevision.objects.create(
            program=program,
            number=program.revision,
            snapshot=charter_snapshot(program),
            approved_by=by,
            approved_at=timezone.now(),
        )
    notifications_done(event_key=_submitted_key(program))
    notify(
        recipients=_managers(program),
        event_key=f"charter-approved:{program.pk}:{program.revision}",
        title=interpolate(_("Charter of %(program)s approved"), {"program": program.code}),
        url=program.get_absolute_url(),
    )
    return program


@transaction.atomic
def program_return(*, program: Program, by, reason: str) -> Program:
    """The approver sends a submitted charter back to draft, with a reason for the managers."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if not can_approve_charter(program, by):
        raise PermissionDenied
    if program.status != ApprovalStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted charter can be returned."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what needs to change.")})
    if len(reason) > DISPUTE_REASON_MAX_LENGTH:  # as long as any other recorded reason may be
        raise ValidationError({"reason": dispute_reason_too_long(len(reason))})
    program.status = ApprovalStatus.DRAFT
    program.return_reason = reason
    with set_actor(by):
        program.save(update_fields=["status", "return_reason", "updated_at"])
    notifications_done(event_key=_submitted_key(program))
    notify(
        recipients=_managers(program),
        event_key=f"charter-returned:{program.pk}:{program.revision}:{timezone.now().timestamp()}",
        title=interpolate(_("Charter of %(program)s returned for changes"), {"program": program.code}),
        body=reason,
        url=program.get_absolute_url(),
    )
    return program


@transaction.atomic
def program_revise(*, program: Program, by) -> Program:
    """Starts revision n + 1 of an approved charter; revision n stays as it was approved."""
    program = _program_for_change(program, by)
    if program.status != ApprovalStatus.APPROVED:
        raise ValidationError(_("Only an approved charter gets a new revision; this one is still open."))
    program.status = ApprovalStatus.DRAFT
    program.revision += 1
    with set_actor(by):
        program.save(update_fields=["status", "revision", "updated_at"])
    return program


def can_approve_budget(user) -> bool:
    return user.is_authenticated and user.is_active and (user.role == Role.FINANCE or user.is_administrator)


@transaction.atomic
def budget_approve(*, program: Program, by) -> int:
    """Finance approves every budget line not yet approved; returns how many it approved."""
    if not can_approve_budget(by):
        raise PermissionDenied
    if not Program.objects.visible_to(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    pending = list(BudgetLine.objects.select_for_update().filter(program=program, approved_at__isnull=True))
    if not pending:
        raise ValidationError(_("There is no budget line waiting for approval."))
    now = timezone.now()
    with set_actor(by):
        for line in pending:
            line.approved_by, line.approved_at = by, now
            line.save(update_fields=["approved_by", "approved_at"])
    notify(
        recipients=_managers(program),
        event_key=f"budget-approved:{program.pk}:{now.timestamp()}",
        title=interpolate(_("Finance approved the budget of %(program)s"), {"program": program.code}),
        url=reverse("strategy:program_detail", args=[program.pk]),
    )
    return len(pending)


def _cell(obj, field):
    """A field's value as language-neutral text: a choice's key (not its label), a record's
    name, a date in ISO form; "" when empty."""
    value = getattr(obj, field)
    if value is None or value == "":
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


SNAPSHOT_PROGRAM_FIELDS = (
    "code",
    "name",
    "description",
    "business_unit",
    "sponsor",
    "owner",
    "strategic_alignment",
    "start_date",
    "end_date",
    "currency",
    "baseline_cost",
    "target_savings_pct",
)


def charter_snapshot(program: Program) -> dict:
    """The charter as language-neutral values keyed by field name: what a revision keeps and what
    the comparison reads. Labels are not kept: the comparison shows them in the reader's language."""
    sections = {}
    for kind, (model, fields) in CHARTER_KINDS.items():
        rows = model.objects.filter(program=program).order_by("pk")
        sections[kind] = {
            "fields": list(fields),
            "rows": [[_cell(row, f) for f in fields] for row in rows],
            # Each row's id, in the order of the rows: the comparison matches rows by it, so an
            # edited row shows as changed rather than removed and added.
            "ids": [row.pk for row in rows],
        }
    return {
        "program": {f: _cell(program, f) for f in SNAPSHOT_PROGRAM_FIELDS},
        "sections": sections,
    }


def _label(model, name) -> str:
    """A snapshot field's label in the active language (the name itself if the field is gone)."""
    field = model_field(model, name)
    return str(field.verbose_name) if field is not None else name


def _shown(model, name, value: str) -> str | None:
    """A snapshot value as the reader sees it: a choice's label and yes/no in the active language;
    None when empty (the page shows a dash)."""
    if value in ("", None):
        return None
    field = model_field(model, name)
    if field is None:
        return value
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "BooleanField" and value in ("True", "False"):
        return str(_("Yes") if value == "True" else _("No"))
    if field.get_internal_type() == "DecimalField":
        # Grouped as every other page prints them: an amount (16 digits, 2 after the point) as
        # the money filter does (100,000.00), another number as the number filter (12,000, 3.5).
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        if field.max_digits >= 16 and field.decimal_places == 2:
            return format_money(number)
        return format_number(number, grouped=True)
    return value


def _row_ids(section: dict) -> list | None:
    """The ids of a snapshot section's rows, or None when the snapshot did not keep them
    (revisions approved before ids were kept)."""
    ids = section.get("ids")
    if isinstance(ids, list) and len(ids) == len(section["rows"]) and len(set(ids)) == len(ids):
        return ids
    return None


def _section_compare(o: dict, n: dict, names: list) -> tuple[list, list, list, int]:
    """Rows (value lists in the order of `names`) removed, added and changed between two snapshot
    sections, and how many are unchanged. Rows are matched by their id when both snapshots kept
    ids, so an edited row is one changed row: a list of cells {old, new, changed}. Without ids a
    row is matched only by its values: an edited row shows as removed and added."""

    def by_name(section, row):
        return dict(zip(section["fields"], row, strict=False))

    def values(section, row):
        cells = by_name(section, row)
        return tuple(cells.get(f, "") for f in names)

    old_ids, new_ids = _row_ids(o), _row_ids(n)
    if old_ids is None or new_ids is None:
        old_rows, new_rows = [values(o, r) for r in o["rows"]], [values(n, r) for r in n["rows"]]
        removed = [r for r in old_rows if r not in new_rows]
        added = [r for r in new_rows if r not in old_rows]
        return removed, added, [], len([r for r in new_rows if r in old_rows])
    old_by_id = {i: values(o, r) for i, r in zip(old_ids, o["rows"], strict=True)}
    new_by_id = {i: values(n, r) for i, r in zip(new_ids, n["rows"], strict=True)}
    removed = [row for i, row in old_by_id.items() if i not in new_by_id]
    added = [row for i, row in new_by_id.items() if i not in old_by_id]
    changed, unchanged = [], 0
    for i, after in new_by_id.items():
        before = old_by_id.get(i)
        if before is None:
            continue
        if before == after:
            unchanged += 1
        else:
            changed.append(list(zip(before, after, strict=True)))
    return removed, added, changed, unchanged


def charter_compare(old: dict, new: dict) -> dict:
    """What changed between two snapshots: program fields, and rows added, removed or changed per
    section (a changed row is matched by its id; snapshots without ids show it as removed and added).
    Values are compared as stored (field names and language-neutral values) and shown with their
    labels in the active language."""
    fields = []
    for name in dict.fromkeys([*old.get("program", {}), *new.get("program", {})]):
        before, after = old.get("program", {}).get(name, ""), new.get("program", {}).get(name, "")
        if before != after:
            fields.append(
                {
                    "field": _label(Program, name),
                    "old": _shown(Program, name, before),
                    "new": _shown(Program, name, after),
                }
            )
    sections = []
    for kind in CHARTER_KINDS:
        o = old.get("sections", {}).get(kind, {"fields": [], "rows": []})
        n = new.get("sections", {}).get(kind, {"fields": [], "rows": []})
        model = CHARTER_KINDS[kind][0]
        names = n["fields"] or o["fields"]
        removed, added, changed, unchanged = _section_compare(o, n, names)

        def shown(rows, names=names, model=model):
            return [[_shown(model, f, c) for f, c in zip(names, row, strict=False)] for row in rows]

        sections.append(
            {
                "kind": kind,
                "label": model._meta.verbose_name_plural,
                "fields": [_label(model, f) for f in names],
                "added": shown(added),
                "removed": shown(removed),
                "changed": [
                    [
                        {
                            "old": _shown(model, f, before),
                            "new": _shown(model, f, after),
                            "changed": before != after,
                        }
                        for f, (before, after) in zip(names, row, strict=False)
                    ]
                    for row in changed
                ],
                "unchanged": unchanged,
            }
        )
    return {"fields": fields, "sections": sections}
