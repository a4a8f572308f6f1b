from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Exists, OuterRef, Prefetch, Value, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from bpo.core.access import StaffRequiredMixin, get_editable_or_403, get_visible_or_404
from bpo.core.history import history_for
from bpo.core.lists import FilteredListView
from bpo.core.records import RecordDetailView, RecordFormView
from bpo.core.scoping import CONTENT, MONEY, reads_all
from performance.improvement.selectors import with_lessons_panel

from .choices import Phase
from .filtersets import ProgramFilterSet
from .forms import GatePassForm, ProgramForm, ReturnForm, charter_form_for
from .models import (
    BudgetLine,
    CharterRevision,
    Milestone,
    Objective,
    Program,
    ResourceAllocation,
    ScopeItem,
    Stakeholder,
)
from .services import (
    CHARTER_KINDS,
    budget_approve,
    charter_item_create,
    charter_item_delete,
    charter_item_update,
    charter_snapshot,
    gate_checklist,
    gate_pass,
    program_approve,
    program_can_create,
    program_create,
    program_return,
    program_revise,
    program_submit,
    program_update,
)
from .services.charter import (
    budget_is_approved,
    can_approve_budget,
    can_approve_charter,
    charter_compare,
    charter_problems,
)
from .services.gates import with_gate_readiness
from .tables import PROGRAM_COLUMNS


class ProgramListView(StaffRequiredMixin, FilteredListView):
    model = Program
    filterset_class = ProgramFilterSet
    columns = PROGRAM_COLUMNS
    title = _("Programs")
    export_name = "programs"
    create_url_name = "strategy:program_create"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("sponsor")

    def can_create(self):
        return program_can_create(self.request.user)


class ProgramDetailView(RecordDetailView):
    """The whole charter on one screen, with the lifecycle gates and what each still lacks.

    A fixed number of queries whatever the size of the charter: the program is read with
    whether this user may edit it and what the gates ask of other apps (Exists() annotations),
    and every section of the charter once, in the view.

    Finance and legal read every program's header, but of its records only the money (finance)
    or the contracts (both) unless they are a member (bpo.core.scoping): for them the page shows
    the header, the approval card and the team, the budget to finance, and leaves out the gates,
    the charter's other sections, the lessons panel and the links to the plan, transition, status
    reports, meetings and revisions (which answer 404 to them)."""

    model = Program
    template_name = "strategy/program_detail.html"

    def get_object(self):
        user = self.request.user
        programs = (
            Program.objects.visible_to(user)
            .select_related("sponsor", "owner")
            .annotate(user_can_edit=Exists(Program.objects.editable_by(user).filter(pk=OuterRef("pk"))))
        )
        # Whether the user reads the program's records, read with the program. Only finance and
        # legal read a program without reading its content; for anyone else it is the same rule.
        if user.reads_all_programs and not reads_all(user, CONTENT):
            reading = Program.objects.reading(user, CONTENT).filter(pk=OuterRef("pk"))
            programs = programs.annotate(user_reads_content=Exists(reading))
        else:
            programs = programs.annotate(user_reads_content=Value(True, output_field=BooleanField()))
        # The lessons panel's permission and open-initiative count, read with the program.
        programs = with_lessons_panel(programs, user)
        return get_object_or_404(with_gate_readiness(programs), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        # RecordDetailView's context (object, can_edit, history) without its separate can_edit query.
        context = super(RecordDetailView, self).get_context_data(**kwargs)
        program, user = self.get_object(), self.request.user
        reads_content = program.user_reads_content
        reads_money = reads_content or reads_all(user, MONEY)
        context.update(object=program, can_edit=program.user_can_edit, history=history_for(program))
        context.update(reads_content=reads_content, reads_money=reads_money)
        context["phases"] = Phase.choices
        context["members"] = list(program.memberships.select_related("user").order_by("role", "user__username"))
        # Every section once, here (not lazily in the template). One program's rows: ordered as
        # their models order them, without the join to the program that ordering by it needs.
        # Only the sections the user reads (finance: the budget; legal: none of them).
        sections = []
        if reads_money:
            sections.append(
                Prefetch(
                    "budget_lines",
                    queryset=BudgetLine.objects.select_related("approved_by").order_by("period", "category"),
                )
            )
        if reads_content:
            sections += [
                Prefetch("objectives", queryset=Objective.objects.select_related("owner").order_by("pk")),
                Prefetch("scope_items", queryset=ScopeItem.objects.order_by("-in_scope", "process")),
                Prefetch("milestones", queryset=Milestone.objects.order_by("baseline_date", "pk")),
                Prefetch("stakeholders", queryset=Stakeholder.objects.order_by("raci", "name")),
                Prefetch("resources", queryset=ResourceAllocation.objects.order_by("team", "role")),
                Prefetch(
                    "revisions", queryset=CharterRevision.objects.select_related("approved_by").order_by("-number")
                ),
            ]
        prefetch_related_objects([program], *sections)
        context["budget_lines"] = program.budget_lines.all() if reads_money else []
        context["budget_total"] = sum(line.planned_amount for line in context["budget_lines"])
        context["budget_approved"] = reads_money and budget_is_approved(program)
        context["can_approve_budget"] = can_approve_budget(user) and any(
            line.approved_at is None for line in context["budget_lines"]
        )
        context["charter_open"] = context["can_edit"] and program.status == "draft"
        context["can_approve"] = program.status == "submitted" and can_approve_charter(program, user)
        if reads_content:
            context["objectives"] = program.objectives.all()
            context["scope_items"] = program.scope_items.all()
            context["milestones"] = program.milestones.all()
            context["stakeholders"] = program.stakeholders.all()
            context["resources"] = program.resources.all()
            context["revisions"] = program.revisions.all()
            context["gates"] = gate_checklist(program)
            context["charter_problems"] = charter_problems(program)
            context["gate_form"] = GatePassForm()
        try:
            from vendors.models import SourcingEvent

            context["events"] = list(SourcingEvent.objects.visible_to(user).filter(program=program))
        except ImportError:
            context["events"] = []
        return context


class ProgramFormView(RecordFormView):
    model = Program
    form_class = ProgramForm

    def can_create(self):
        return program_can_create(self.request.user)

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New program")

    def save(self, form):
        if self.object is None:
            return program_create(by=self.request.user, **form.cleaned_data)
        return program_update(program=self.object, by=self.request.user, **form.cleaned_data)


def _kind_or_404(kind):
    if kind not in CHARTER_KINDS:
        raise Http404
    return CHARTER_KINDS[kind][0]


class CharterItemFormView(RecordFormView):
    """Adds (program pk) or edits (item pk) one charter row through the charter service."""

    def dispatch(self, request, *args, **kwargs):
        self.model = _kind_or_404(kwargs["kind"])
        self.form_class = charter_form_for(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        if "program_pk" in self.kwargs:
            self.program = get_editable_or_403(Program, self.request.user, pk=self.kwargs["program_pk"])
            return None
        item = get_editable_or_403(self.model, self.request.user, pk=self.kwargs["pk"])
        self.program = item.program
        return item

    def get_title(self):
        name = self.model._meta.verbose_name
        if self.object:
            return _("Edit %(kind)s: %(name)s") % {"kind": name, "name": self.object}
        return _("New %(kind)s for %(program)s") % {"kind": name, "program": self.program.code}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object or self.program
        return context

    def save(self, form):
        if self.object is None:
            return charter_item_create(
                program=self.program, kind=self.kwargs["kind"], by=self.request.user, **form.cleaned_data
            )
        return charter_item_update(item=self.object, by=self.request.user, **form.cleaned_data)


class CharterItemDeleteView(LoginRequiredMixin, StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        model = _kind_or_404(kind)
        item = get_editable_or_403(model, request.user, pk=pk)
        try:
            charter_item_delete(item=item, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Removed."))
        return redirect(item.program.get_absolute_url())


PROGRAM_ACTIONS = {
    "submit": (program_submit, _("Charter submitted for approval.")),
    "approve": (program_approve, _("Charter approved.")),
    "revise": (program_revise, _("A new charter revision is open for changes.")),
    "approve-budget": (budget_approve, _("Budget approved.")),
}


class ProgramActionView(LoginRequiredMixin, StaffRequiredMixin, View):
    """POST-only state changes of the charter: submit, approve, revise, approve the budget."""

    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in PROGRAM_ACTIONS:
            raise Http404
        program = get_visible_or_404(Program, request.user, pk=pk)
        service, done = PROGRAM_ACTIONS[action]
        try:
            service(program=program, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect(program.get_absolute_url())


class ProgramReturnView(LoginRequiredMixin, StaffRequiredMixin, View):
    """The approver sends the submitted charter back to draft with a reason."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.program = get_visible_or_404(Program, request.user, pk=kwargs["pk"])
            if not can_approve_charter(self.program, request.user):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(ReturnForm())

    def post(self, request, pk):
        form = ReturnForm(request.POST)
        if form.is_valid():
            try:
                program_return(program=self.program, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Charter returned to draft."))
                return redirect(self.program.get_absolute_url())
        return self.render(form)

    def render(self, form):
        title = _("Return the charter of %(program)s") % {"program": self.program.code}
        return render(self.request, "core/form.html", {"form": form, "title": title, "object": self.program})


class GatePassView(LoginRequiredMixin, StaffRequiredMixin, View):
    """Passes the current phase's gate: met checklist, or an override with a recorded reason."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.program = get_editable_or_403(Program, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(GatePassForm())

    def post(self, request, pk):
        form = GatePassForm(request.POST)
        if form.is_valid():
            try:
                gate_pass(program=self.program, by=request.user, override_reason=form.cleaned_data["override_reason"])
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, _("Gate passed."))
                return redirect(self.program.get_absolute_url())
        return self.render(form)

    def render(self, form):
        gate = next((g for g in gate_checklist(self.program) if g["is_current"]), None)
        return render(self.request, "strategy/gate_pass.html", {"form": form, "object": self.program, "gate": gate})


class CharterCompareView(RecordDetailView):
    """Two charter revisions side by side (by default the last approved one against the current charter)."""

    model = Program
    template_name = "strategy/charter_compare.html"

    def get_object(self):
        # The charter's revisions are the program's content: finance and legal read them only as
        # members (bpo.core.scoping); 404 otherwise, as the program's other records.
        return get_object_or_404(Program.objects.reading(self.request.user, CONTENT), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = context["object"]
        revisions = {r.number: r for r in program.revisions.all()}
        current = {
            "label": _("Current charter (revision %(n)s, %(status)s)")
            % {"n": program.revision, "status": program.get_status_display()},
            "snapshot": charter_snapshot(program),
        }

        def pick(param, default):
            value = self.request.GET.get(param)
            if value and value.isdigit() and int(value) in revisions:
                rev = revisions[int(value)]
                return {"label": str(rev), "snapshot": rev.snapshot, "number": rev.number}
            return default

        ordered = sorted(revisions)
        latest = revisions[ordered[-1]] if ordered else None
        default_old = (
            {"label": str(latest), "snapshot": latest.snapshot, "number": latest.number} if latest else current
        )
        old, new = pick("a", default_old), pick("b", current)
        context.update(old=old, new=new, diff=charter_compare(old["snapshot"], new["snapshot"]), revisions=ordered)
        return context
