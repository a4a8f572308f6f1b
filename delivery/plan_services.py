"""Writes of the implementation plan and the transition checklist. Every refusal is a
ValidationError keyed by the field it concerns, so forms show it next to that field.

Rules of a task (dates are whole days, both ends included):
- baseline finish on or after baseline start; actual finish on or after actual start;
  actual dates not in the future; a task with progress has an actual start;
  an actual finish makes the task 100% complete, and 100% needs the actual finish;
- the owner is a staff user who may see the program (risk.selectors.may_see_program, checked
  when the owner is given), or a user of a vendor holding a contract of the program
  (the task's vendor is then that vendor: its users update the task in the portal);
- dependencies are tasks of the same program, finish-to-start, without cycles: a task
  starts (baseline) after the tasks it depends on finish, and cannot finish (actual)
  before they have finished.
"""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bpo.core.dates import check_date_range, date_range_errors
from bpo.core.i18n import interpolate
from bpo.core.zones import today_in

from .invoicing import DISPUTE_REASON_MAX_LENGTH
from .models import Task, TaskUpdate, TransitionItem, WorkPackage
from .scheduling import CycleError, topological_order

TASK_FIELDS = (
    "work_package",
    "contract",
    "name",
    "description",
    "owner",
    "vendor",
    "baseline_start",
    "baseline_finish",
    "actual_start",
    "actual_finish",
    "percent_complete",
)
PROGRESS_FIELDS = ("actual_start", "actual_finish", "percent_complete")
# `task_progress` leaves an actual date it is not given as stored (an API call that omits it).
KEEP = object()
# A work package's position orders the plan's packages; far beyond any real plan, within a small integer.
POSITION_MAX = 9999
# A progress update's comment, shown with the task's updates: as long as a recorded reason may be.
COMMENT_MAX_LENGTH = DISPUTE_REASON_MAX_LENGTH


def comment_too_long(length: int) -> str:
    return _("At most %(max)s characters; this comment has %(length)s.") % {"max": COMMENT_MAX_LENGTH, "length": length}


def _d(value):
    return date_format(value, "Y-m-d")


def _add(errors, field, message):
    errors.setdefault(field, []).append(message)


def _program_vendor_ids(program) -> set:
    from contracts.models import Contract

    return set(Contract.objects.filter(program=program).values_list("vendor_id", flat=True))


def _check_people(task, errors, owner_changed=False):
    from risk.selectors import may_see_program

    owner = task.owner
    if owner is not None:
        if not owner.is_active:
            _add(errors, "owner", _("Choose an active user."))
        elif owner_changed and not owner.is_vendor_user and not may_see_program(owner, task.program):
            # As a risk's owner: a staff owner who cannot read the program would be told the
            # task's name and find a 404 behind the link (an evaluator-only member, an outsider).
            _add(errors, "owner", _("Choose someone who may see this task's program."))
        elif owner.is_vendor_user:
            if owner.vendor_id not in _program_vendor_ids(task.program):
                _add(errors, "owner", _("Choose a staff user or a user of a vendor of this program."))
            elif task.vendor_id and task.vendor_id != owner.vendor_id:
                _add(errors, "vendor", _("The owner works for another vendor."))
            else:
                task.vendor_id = owner.vendor_id
    if task.vendor_id and task.vendor_id not in _program_vendor_ids(task.program):
        _add(errors, "vendor", _("Choose a vendor holding a contract of this program."))


def _check_own_dates(task, errors, today):
    # Within FIRST_DATE..LAST_DATE: the Gantt and the schedule walk the months between the dates.
    for name, message in date_range_errors(
        baseline_start=task.baseline_start,
        baseline_finish=task.baseline_finish,
        actual_start=task.actual_start,
        actual_finish=task.actual_finish,
    ).items():
        _add(errors, name, message)
    if task.baseline_finish and task.baseline_start and task.baseline_finish < task.baseline_start:
        _add(errors, "baseline_finish", _("The baseline finish cannot be before the baseline start."))
    for name in ("actual_start", "actual_finish"):
        value = getattr(task, name)
        if value and value > today:
            _add(errors, name, _("An actual date cannot be in the future."))
    if task.actual_finish:
        if not task.actual_start:
            _add(errors, "actual_start", _("A finished task needs its actual start."))
        elif task.actual_finish < task.actual_start:
            _add(errors, "actual_finish", _("The actual finish cannot be before the actual start."))
        task.percent_complete = 100
    else:
        if task.percent_complete == 100:
            _add(errors, "actual_finish", _("Give the actual finish of a complete task."))
        if task.percent_complete and not task.actual_start:
            _add(errors, "actual_start", _("A task with progress needs its actual start."))


def _check_dependencies(task, predecessors, errors):
    """Same program, no cycle, finish-to-start against predecessors and successors."""
    for p in predecessors:
        if p.program_id != task.program_id or (task.pk and p.pk == task.pk):
            _add(errors, "depends_on", _("A task depends only on other tasks of its program."))
            return
    edges = {}
    for succ, pred in Task.depends_on.through.objects.filter(from_task__program_id=task.program_id).values_list(
        "from_task_id", "to_task_id"
    ):
        edges.setdefault(succ, []).append(pred)
    key = task.pk or "new"
    edges[key] = [p.pk for p in predecessors]
    nodes = {k: type("N", (), {"predecessors": v})() for k, v in edges.items()}
    for preds in list(edges.values()):
        for p in preds:
            nodes.setdefault(p, type("N", (), {"predecessors": []})())
    try:
        topological_order(nodes)
    except CycleError:
        _add(errors, "depends_on", _("These dependencies would form a cycle."))
        return
    for p in predecessors:
        if task.baseline_start and task.baseline_start <= p.baseline_finish:
            _add(
                errors,
                "baseline_start",
                _("It depends on “%(task)s”, which finishes on %(date)s: start after that.")
                % {"task": p.name, "date": _d(p.baseline_finish)},
            )
        if task.actual_finish:
            if not p.actual_finish:
                _add(
                    errors,
                    "actual_finish",
                    _("“%(task)s”, which this task depends on, has not finished yet.") % {"task": p.name},
                )
            elif task.actual_finish < p.actual_finish:
                _add(
                    errors,
                    "actual_finish",
                    _("It cannot finish before “%(task)s”, which finished on %(date)s.")
                    % {"task": p.name, "date": _d(p.actual_finish)},
                )
    if task.pk:
        for s in task.successors.all():
            if task.baseline_finish and s.baseline_start <= task.baseline_finish:
                _add(
                    errors,
                    "baseline_finish",
                    _("“%(task)s” depends on this task and starts on %(date)s.")
                    % {"task": s.name, "date": _d(s.baseline_start)},
                )
            if s.actual_finish and (not task.actual_finish or task.actual_finish > s.actual_finish):
                _add(
                    errors,
                    "actual_finish",
                    _("“%(task)s” depends on this task and finished on %(date)s.")
                    % {"task": s.name, "date": _d(s.actual_finish)},
                )


def validate_task(task, predecessors, owner_changed=False) -> None:
    """Every rule of the module docstring; raises one ValidationError with all field errors.
    `owner_changed`: a staff owner given now must be able to see the program (an older task keeps its owner)."""
    errors = {}
    today = today_in(task.program.time_zone)  # "not in the future": by the program's date
    if task.work_package_id and task.work_package.program_id != task.program_id:
        _add(errors, "work_package", _("Choose a work package of this program."))
    if task.contract_id and task.contract.program_id != task.program_id:
        _add(errors, "contract", _("Choose a contract of this program."))
    _check_people(task, errors, owner_changed)
    _check_own_dates(task, errors, today)
    _check_dependencies(task, predecessors, errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def work_package_save(*, program, by, name: str, position: int = 0, package=None) -> WorkPackage:
    from strategy.models import Program

    if not Program.objects.editable_by(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    if not 0 <= (position or 0) <= POSITION_MAX:
        raise ValidationError({"position": _("Give a position from 0 to %(max)s.") % {"max": POSITION_MAX}})
    package = package or WorkPackage(program=program)
    package.name, package.position = name.strip(), position
    if WorkPackage.objects.filter(program=program, name__iexact=package.name).exclude(pk=package.pk).exists():
        raise ValidationError({"name": _("This program already has a work package with that name.")})
    with set_actor(by):
        package.save()
    return package


@transaction.atomic
def work_package_delete(*, package: WorkPackage, by) -> None:
    """Removes an empty work package (program managers and administrators); one with tasks stays."""
    if not WorkPackage.objects.editable_by(by).filter(pk=package.pk).exists():
        raise PermissionDenied
    package = WorkPackage.objects.select_for_update().get(pk=package.pk)
    tasks = package.tasks.count()
    if tasks:
        raise ValidationError(
            ngettext(
                "“%(package)s” still has %(count)d task: move it to another work package first.",
                "“%(package)s” still has %(count)d tasks: move them to another work package first.",
                tasks,
            )
            % {"package": package.name, "count": tasks}
        )
    with set_actor(by):
        package.delete()


@transaction.atomic
def task_save(*, program, by, data: dict, task: Task | None = None) -> Task:
    """Creates or changes a task of the plan (program managers and administrators)."""
    from strategy.models import Program

    if not Program.objects.editable_by(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    if task is not None:
        task = Task.objects.select_for_update().get(pk=task.pk)
    else:
        task = Task(program=program)
    before = (task.owner_id, task.vendor_id)
    data = dict(data)
    if "depends_on" in data:
        predecessors = list(data.pop("depends_on") or [])
    else:
        predecessors = list(task.depends_on.all()) if task.pk else []
    for name in TASK_FIELDS:
        if name in data:
            setattr(task, name, data[name])
    if task.percent_complete is None:
        task.percent_complete = 0
    validate_task(task, predecessors, owner_changed=task.owner_id != before[0])
    with set_actor(by):
        task.save()
        task.depends_on.set(predecessors)
    _tell_assignees(task, by, before)
    return task


def _tell_assignees(task, by, before):
    """A new owner (or, for a task given to a vendor as a whole, the vendor's users) is told once."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils.translation import gettext_lazy

    from bpo.core.services import notify

    owner_id, vendor_id = before
    recipients = []
    if task.owner_id and task.owner_id != owner_id and task.owner_id != by.pk:
        recipients = [task.owner]
    elif task.vendor_id and task.vendor_id != vendor_id and not task.owner_id:
        recipients = list(get_user_model().objects.filter(vendor_id=task.vendor_id, is_active=True))
    for user in recipients:
        url = reverse("portal:task_update", args=[task.pk]) if user.is_vendor_user else task.get_absolute_url()
        notify(
            recipients=[user],
            event_key=f"task:{task.pk}:assigned:{user.pk}",
            title=interpolate(gettext_lazy("Task assigned to you: %(task)s"), {"task": task.name}),
            body=interpolate(
                gettext_lazy("Baseline %(start)s to %(finish)s; record progress as it goes."),
                {"start": _d(task.baseline_start), "finish": _d(task.baseline_finish)},
            ),
            url=url,
        )


@transaction.atomic
def task_progress(*, task: Task, by, percent_complete: int, actual_start=KEEP, actual_finish=KEEP, comment="") -> Task:
    """Records progress: the vendor of the task (portal, API), its staff owner, or program staff.

    Only the actual dates and percent complete change; each update is kept with its comment.
    A date not given (`KEEP`, an API call that leaves it out) keeps its stored value; None clears it."""
    if not Task.objects.progress_by(by).filter(pk=task.pk).exists():
        raise PermissionDenied
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": comment_too_long(len(comment))})
    task = Task.objects.select_for_update().get(pk=task.pk)
    task.percent_complete = percent_complete
    if actual_start is not KEEP:
        task.actual_start = actual_start
    if actual_finish is not KEEP:
        task.actual_finish = actual_finish
    validate_task(task, list(task.depends_on.all()))
    with set_actor(by):
        task.save(update_fields=[*PROGRESS_FIELDS, "updated_at"])
        TaskUpdate.objects.create(
            task=task,
            by=by,
            percent_complete=task.percent_complete,
            actual_start=task.actual_start,
            actual_finish=task.actual_finish,
            comment=comment,
        )
    return task


# --- The transition checklist ---------------------------------------------------------------


@transaction.atomic
def transition_item_save(*, program, by, data: dict, item: TransitionItem | None = None) -> TransitionItem:
    """Adds or changes a checklist item (program managers and administrators)."""
    from strategy.models import Program

    if not Program.objects.editable_by(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    if item is not None and item.pk:
        # Compared with the stored row: a form may already have copied what was typed onto `item`.
        _check_item_change(TransitionItem.objects.select_for_update().get(pk=item.pk), data)
    item = item or TransitionItem(program=program)
    for name in ("category", "title", "mandatory", "due_date"):
        if name in data:
            setattr(item, name, data[name])
    if not (item.title or "").strip():
        raise ValidationError({"title": _("Name the item.")})
    check_date_range(due_date=item.due_date)
    with set_actor(by):
        item.save()
    return item


def _check_item_change(stored: TransitionItem, data: dict) -> None:
    """The gate's checklist holds: a mandatory item stays mandatory (only a new item is added as
    optional), and a done item keeps what its evidence vouches for (its category and title)
    until it is reopened."""
    errors = {}
    if stored.mandatory and "mandatory" in data and not data["mandatory"]:
        errors["mandatory"] = [_("A mandatory item stays mandatory: only a new item can be added as optional.")]
    if stored.is_done:
        for name in ("category", "title"):
            if name in data and data[name] != getattr(stored, name):
                errors[name] = [_("This item is done: reopen it before changing what its evidence is for.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def transition_item_delete(*, item: TransitionItem, by) -> None:
    """Removes an open optional checklist item (program managers and administrators). A mandatory
    item is never deleted: it holds the transition gate, and deleting it and adding it again as
    optional would pass the gate without it (the same reason it stays mandatory when edited); it is
    done, or go-live is recorded with a manager's override reason. A done item keeps its evidence:
    it is reopened first (the evidence stays in the history)."""
    if not TransitionItem.objects.editable_by(by).filter(pk=item.pk).exists():
        raise PermissionDenied
    item = TransitionItem.objects.select_for_update().get(pk=item.pk)
    if item.mandatory:
        raise ValidationError(
            _(
                "“%(item)s” is mandatory and cannot be deleted: go-live waits for it until it is done "
                "or a manager overrides the gate with a reason."
            )
            % {"item": item.title}
        )
    if item.is_done:
        raise ValidationError(_("“%(item)s” is done: reopen it before deleting it.") % {"item": item.title})
    with set_actor(by):
        item.delete()


@transaction.atomic
def transition_item_complete(*, item: TransitionItem, by, evidence: str) -> TransitionItem:
    """Marks an item done with its evidence note (managers and contributors of the program)."""
    if not TransitionItem.objects.operable_by(by).filter(pk=item.pk).exists():
        raise PermissionDenied
    item = TransitionItem.objects.select_for_update().get(pk=item.pk)
    if not evidence.strip():
        raise ValidationError({"evidence": _("Say what shows the item is done.")})
    if item.is_done:
        raise ValidationError(_("This item is already done."))
    item.done_by, item.done_at, item.evidence = by, timezone.now(), evidence.strip()
    with set_actor(by):
        item.save(update_fields=["done_by", "done_at", "evidence"])
    return item


@transaction.atomic
def transition_item_reopen(*, item: TransitionItem, by) -> TransitionItem:
    """Opens a done item again (program managers): the evidence stays in the history."""
    if not TransitionItem.objects.editable_by(by).filter(pk=item.pk).exists():
        raise PermissionDenied
    item = TransitionItem.objects.select_for_update().get(pk=item.pk)
    item.done_by, item.done_at, item.evidence = None, None, ""
    with set_actor(by):
        item.save(update_fields=["done_by", "done_at", "evidence"])
    return item


def open_mandatory_items(program):
    """The mandatory checklist items not done yet: while any is open, go-live waits."""
    return TransitionItem.objects.filter(program=program, mandatory=True, done_at__isnull=True).order_by(
        "category", "pk"
    )
