"""Staff pages of the implementation plan: the program's timeline, the task list, a task's page
and form, progress updates, and work packages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_program_part_or_404, get_visible_or_404
from bpo.core.history import history_for
from bpo.core.lists import FilteredListView
from bpo.core.locking import opened_version
from bpo.core.records import RecordFormView, run_with_message, save_checked
from bpo.core.scoping import CONTENT
from bpo.core.zones import today_in
from strategy.models import Program

from . import plan_services
from .filtersets_plan import TaskFilterSet
from .forms_plan import ProgressForm, TaskForm, WorkPackageForm
from .models import Task, WorkPackage
from .tables_plan import TASK_COLUMNS
from .timeline import program_schedule, timeline


def _staff(request):
    if request.user.is_vendor_user:
        raise PermissionDenied
    return request.user


def _can_plan(user, program) -> bool:
    return Program.objects.editable_by(user).filter(pk=program.pk).exists()


@login_required
def plan(request, pk):
    """The program's plan: timeline (baseline against current, critical path), figures, packages."""
    user = _staff(request)
    program = get_program_part_or_404(user, pk, CONTENT)
    return _plan_page(request, user, program, WorkPackageForm())


def _plan_page(request, user, program, package_form):
    today = today_in(program.time_zone)  # the plan as of the program's date, its today line too
    rows, summary = program_schedule(program, today=today)
    return render(
        request,
        "delivery/plan.html",
        {
            "program": program,
            "rows": rows,
            "summary": summary,
            "chart": timeline(rows, today=today),
            "packages": WorkPackage.objects.filter(program=program).annotate(task_count=Count("tasks")),
            "can_plan": _can_plan(user, program),
            "package_form": package_form,
        },
    )


@login_required
@require_POST
def work_package_create(request, pk):
    user = _staff(request)
    program = get_program_part_or_404(user, pk, CONTENT)
    if not _can_plan(user, program):
        raise PermissionDenied
    form = WorkPackageForm(request.POST)
    if form.is_valid():
        try:
            plan_services.work_package_save(
                program=program, by=user, name=form.cleaned_data["name"], position=form.cleaned_data["position"] or 0
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Work package added."))
            return redirect("delivery:plan", pk=program.pk)
    # The plan page again, each error next to its field and the typed values kept.
    return _plan_page(request, user, program, form)


class WorkPackageFormView(RecordFormView):
    """Renames a work package or changes its position (program managers and administrators)."""

    model = WorkPackage
    form_class = WorkPackageForm
    success_message = _("Work package saved.")

    def get_title(self):
        return _("Edit work package %(name)s") % {"name": self.opened_name}

    def save(self, form):
        return plan_services.work_package_save(
            program=self.object.program, by=self.request.user, package=self.object, **form.cleaned_data
        )


@login_required
@require_POST
def work_package_delete(request, pk):
    """Deletes an empty work package; one with tasks is refused with a message."""
    user = _staff(request)
    package = get_visible_or_404(WorkPackage, user, pk=pk)
    run_with_message(request, plan_services.work_package_delete, _("Work package deleted."), package=package, by=user)
    return redirect("delivery:plan", pk=package.program_id)


TASK_LIST_FIELDS = (
    *("name", "program", "work_package", "owner", "vendor", "percent_complete"),
    *("baseline_start", "baseline_finish", "actual_start", "actual_finish"),
    *("program__code", "program__time_zone", "work_package__name", "vendor__name"),
    *("owner__username", "owner__first_name", "owner__last_name"),
)


class TaskListView(StaffRequiredMixin, FilteredListView):
    """Every task the user may see, across programs; filters, sorting and CSV/XLSX export."""

    model = Task
    filterset_class = TaskFilterSet
    columns = TASK_COLUMNS
    template_name = "delivery/task_list.html"
    fragment_template = "delivery/_task_table.html"
    export_name = "tasks"
    paginate_by = 50

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("program", "work_package", "owner", "vendor")
            # What the columns print (TASK_COLUMNS; an owner prints as their name): 200,000 tasks
            # with every column of five tables read about 2 ms slower per page.
            .only(*TASK_LIST_FIELDS)
            .order_by("program__code", "baseline_start", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Tasks"), program=program_filtered(self.request), **kwargs)


def program_filtered(request):
    """The program a list is filtered on (?program=, its id or its code), when the user may see it."""
    from bpo.core.pickers import KINDS

    return KINDS["program"].resolve(Program.objects.visible_to(request.user), request.GET.get("program", ""))


@login_required
def task_detail(request, pk):
    """A task: its dates and computed variance, dependencies, progress updates and history."""
    user = _staff(request)
    task = get_visible_or_404(Task, user, pk=pk)
    rows, _summary = program_schedule(task.program)
    row = next(r for r in rows if r.task.pk == task.pk)
    can_progress = Task.objects.progress_by(user).filter(pk=task.pk).exists()
    # The progress form carries the task's version (see bpo.core.locking): a form opened before
    # someone else's update is refused, not saved over it.
    version = opened_version(request, task)
    record_changed = False
    form = ProgressForm(
        initial={
            "actual_start": task.actual_start,
            "actual_finish": task.actual_finish,
            "percent_complete": task.percent_complete,
        }
    )
    if request.method == "POST":
        if not can_progress:
            raise PermissionDenied
        form = ProgressForm(request.POST)
        if form.is_valid():
            checked = save_checked(
                request, form, task, lambda: plan_services.task_progress(task=task, by=user, **form.cleaned_data)
            )
            record_changed = checked.record_changed
            if checked.saved:
                messages.success(request, _("Progress recorded."))
                return redirect(task)
    return render(
        request,
        "delivery/task_detail.html",
        {
            "task": task,
            "row": row,
            "predecessors": task.depends_on.order_by("baseline_start"),
            "successors": task.successors.order_by("baseline_start"),
            "updates": task.updates.select_related("by")[:30],
            "can_edit": _can_plan(user, task.program),
            "can_progress": can_progress,
            "form": form,
            "record_version": version,
            "record_changed": record_changed,
            "history": history_for(task),
        },
    )


def _task_form(request, program, task=None):
    user = request.user
    if not _can_plan(user, program):
        raise PermissionDenied
    # An edited task carries its version (see bpo.core.locking); a stale save is refused.
    version = opened_version(request, task)
    form = TaskForm(request.POST or None, program=program, task=task)
    record_changed = False
    if request.method == "POST" and form.is_valid():
        checked = save_checked(
            request,
            form,
            task,
            lambda: plan_services.task_save(program=program, by=user, task=task, data=form.cleaned_data),
        )
        record_changed = checked.record_changed
        if checked.saved:
            messages.success(request, _("Task saved."))
            return redirect(checked.result)
    title = (
        _("Edit task %(name)s") % {"name": task.name}
        if task
        else _("New task in %(program)s") % {"program": program.code}
    )
    return render(
        request,
        "delivery/task_form.html",
        {
            "form": form,
            "program": program,
            "task": task,
            "title": title,
            "has_packages": form.fields["work_package"].queryset.exists(),
            "record_version": version,
            "record_changed": record_changed,
        },
    )


@login_required
def task_create(request, pk):
    _staff(request)
    return _task_form(request, get_program_part_or_404(request.user, pk, CONTENT))


@login_required
def task_update(request, pk):
    _staff(request)
    task = get_visible_or_404(Task, request.user, pk=pk)
    return _task_form(request, task.program, task)
