"""Contingency plans (with their ordered steps) and drills (scheduled, run, findings -> actions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import get_editable_or_403
from bpo.core.records import RecordDetailView, RecordFormView

from .. import services
from ..choices import DrillStatus
from ..filtersets import DrillFilterSet, PlanFilterSet
from ..forms import DrillForm, DrillRunForm, FindingActionForm, PlanForm, StepFormSet
from ..models import ContingencyPlan, Drill, DrillFinding
from ..tables import DRILL_COLUMNS, PLAN_COLUMNS
from .base import ActOnRecordView, RiskListView


class PlanListView(RiskListView):
    model = ContingencyPlan
    filterset_class = PlanFilterSet
    columns = PLAN_COLUMNS
    title = _("Contingency plans")
    export_name = "contingency-plans"
    create_url_name = "risk:plan_create"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "risk", "vendor", "backup_vendor", "owner")


class PlanDetailView(RecordDetailView):
    model = ContingencyPlan
    template_name = "risk/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = context["object"]
        context.update(
            steps=plan.steps.all(),
            drills=plan.drills.all(),
            activations=plan.activations.all()[:20],
        )
        return context


class PlanFormView(RecordFormView):
    model = ContingencyPlan
    form_class = PlanForm

    def can_create(self):
        return services.can_create_in_any_program(self.request.user)

    def get_initial(self):
        initial = super().get_initial()
        for key in ("program", "risk"):
            if key in self.request.GET:
                initial[key] = self.request.GET[key]
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New contingency plan")

    def save(self, form):
        if self.object is None:
            return services.plan_create(by=self.request.user, **form.cleaned_data)
        return services.plan_update(plan=self.object, by=self.request.user, **form.cleaned_data)


class PlanStepsView(ActOnRecordView):
    """Edits the ordered response steps of a plan in one form (rows in order; empty rows ignored)."""

    parent_model = ContingencyPlan
    template_name = "risk/plan_steps.html"
    success_message = _("Response steps saved.")

    def get_form(self, form_class=None):
        initial = [
            {"who": s.who, "action": s.action, "within_minutes": s.within_minutes} for s in self.parent.steps.all()
        ]
        if self.request.method == "POST":
            return StepFormSet(self.request.POST, initial=initial, prefix="steps")
        return StepFormSet(initial=initial, prefix="steps")

    def get_title(self):
        return _("Response steps of %(plan)s") % {"plan": self.parent}

    def perform(self, formset):
        # Untouched blank rows have no data; rows ticked for deletion are dropped.
        steps = [
            f.cleaned_data for f in formset.forms if f.cleaned_data.get("who") and not f.cleaned_data.get("DELETE")
        ]
        services.plan_set_steps(plan=self.parent, by=self.request.user, steps=steps)
        return self.parent

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formset"] = context.pop("form")
        return context


class DrillListView(RiskListView):
    model = Drill
    filterset_class = DrillFilterSet
    columns = DRILL_COLUMNS
    title = _("Drills")
    export_name = "drills"

    def can_create(self):
        return False  # drills are scheduled from a plan's page

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("plan__program")


class DrillCreateView(ActOnRecordView):
    parent_model = ContingencyPlan
    form_class = DrillForm
    success_message = _("Drill scheduled.")

    def get_title(self):
        return _("Schedule a drill of %(plan)s") % {"plan": self.parent}

    def perform(self, form):
        return services.drill_schedule(plan=self.parent, by=self.request.user, **form.cleaned_data)


class DrillDetailView(RecordDetailView):
    model = Drill
    template_name = "risk/drill_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        drill = context["object"]
        context.update(
            objectives=drill.objectives.all(),
            findings=drill.findings.select_related("corrective_action"),
            participants=drill.participants.all(),
            can_run=context["can_edit"] and drill.status == DrillStatus.SCHEDULED,
        )
        return context


class DrillRunView(ActOnRecordView):
    """Records the run: date, participants, a result per objective, findings."""

    parent_model = Drill
    form_class = DrillRunForm
    success_message = _("Drill results recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "drill": self.parent}

    def get_initial(self):
        return {"run_on": timezone.localdate()}

    def get_title(self):
        return _("Record the run of %(drill)s") % {"drill": self.parent}

    def perform(self, form):
        return services.drill_record_run(
            drill=self.parent,
            by=self.request.user,
            run_on=form.cleaned_data["run_on"],
            results=form.results(),
            participants=form.cleaned_data["participants"],
            other_participants=form.cleaned_data["other_participants"],
            summary=form.cleaned_data["summary"],
            findings=form.finding_lines(),
        )


@login_required
@require_POST
def drill_cancel(request, pk):
    drill = get_editable_or_403(Drill, request.user, pk=pk)
    try:
        services.drill_cancel(drill=drill, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Drill cancelled."))
    return redirect(drill)


class FindingActionView(ActOnRecordView):
    """Turns a drill finding into a corrective action."""

    parent_model = DrillFinding
    form_class = FindingActionForm
    success_message = _("Corrective action raised.")

    def get_initial(self):
        return {"title": self.parent.description[:200]}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.parent.drill.plan.program}

    def get_title(self):
        return _("Corrective action for a finding of %(drill)s") % {"drill": self.parent.drill}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.parent.drill
        return context

    def perform(self, form):
        return services.finding_raise_action(finding=self.parent, by=self.request.user, **form.cleaned_data)
