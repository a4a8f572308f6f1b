"""Staff pages of the transition checklist (the transition gate) and the status reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_program_part_or_404, get_visible_or_404
from bpo.core.lists import FilteredListView
from bpo.core.records import RecordFormView, run_with_message
from bpo.core.scoping import CONTENT
from strategy.choices import PHASE_ORDER, Phase
from strategy.models import Program
from strategy.services.gates import gate_checklist

from . import plan_services, status_report
from .choices_plan import TransitionCategory
from .filtersets_plan import StatusReportFilterSet
from .forms_plan import EvidenceForm, NarrativeForm, PeriodForm, TransitionItemForm, add_service_errors
from .models import StatusReport, TransitionItem
from .querysets_plan import programs_operable
from .tables_plan import STATUS_REPORT_COLUMNS
from .views_plan import _can_plan, _staff, program_filtered


@login_required
def transition(request, pk):
    """The checklist by category, the gate it feeds, and (for managers) a form to add items and
    links to edit or delete each one."""
    user = _staff(request)
    program = get_program_part_or_404(user, pk, CONTENT)
    can_plan = _can_plan(user, program)
    form = TransitionItemForm()
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        form = TransitionItemForm(request.POST)
        if form.is_valid():
            try:
                plan_services.transition_item_save(program=program, by=user, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Checklist item added."))
                return redirect("delivery:transition", pk=program.pk)
    return _transition_page(request, user, program, form, can_plan)


def _transition_page(request, user, program, form, can_plan, failed=None, status=200):
    """The checklist page; `failed`: an item's refused Mark done ({pk, evidence, errors}), shown
    again next to its evidence field with what was typed."""
    items = list(TransitionItem.objects.filter(program=program).select_related("done_by"))
    groups = [
        {"label": label, "items": [i for i in items if i.category == value]}
        for value, label in TransitionCategory.choices
    ]
    gate = next(g for g in gate_checklist(program) if g["phase"] == "transition")
    return render(
        request,
        "delivery/transition.html",
        {
            "program": program,
            "groups": groups,
            "gate": gate,
            "past_transition": PHASE_ORDER.index(program.phase) > PHASE_ORDER.index(Phase.TRANSITION),
            "open_mandatory": sum(1 for i in items if i.mandatory and not i.is_done),
            "form": form,
            "evidence_form": EvidenceForm(),
            "can_plan": can_plan,
            "can_operate": Program.objects.filter(pk=program.pk, pk__in=programs_operable(user)).exists(),
            "failed": failed,
        },
        status=status,
    )


@login_required
@require_POST
def transition_item_action(request, pk, action):
    user = _staff(request)
    item = get_visible_or_404(TransitionItem, user, pk=pk)
    try:
        if action == "complete":
            evidence = request.POST.get("evidence", "")
            try:
                plan_services.transition_item_complete(item=item, by=user, evidence=evidence)
            except ValidationError as exc:
                if not hasattr(exc, "error_dict"):
                    raise
                # Next to the evidence field, once, with what was typed (not a banner after a redirect).
                failed = {"pk": item.pk, "evidence": evidence, "errors": exc.message_dict.get("evidence", exc.messages)}
                program = item.program
                return _transition_page(
                    request, user, program, TransitionItemForm(), _can_plan(user, program), failed=failed, status=400
                )
            messages.success(request, _("Item done."))
        else:
            plan_services.transition_item_reopen(item=item, by=user)
            messages.success(request, _("Item reopened."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("delivery:transition", pk=item.program_id)


class TransitionItemFormView(RecordFormView):
    """Changes a checklist item (program managers and administrators); back to the checklist."""

    model = TransitionItem
    form_class = TransitionItemForm
    success_message = _("Checklist item saved.")

    def get_title(self):
        return _("Edit checklist item %(name)s") % {"name": self.opened_name}

    def save(self, form):
        return plan_services.transition_item_save(
            program=self.object.program, by=self.request.user, item=self.object, data=form.cleaned_data
        )


@login_required
@require_POST
def transition_item_delete(request, pk):
    """Deletes an open checklist item; a done one is refused with a message (reopen it first)."""
    user = _staff(request)
    item = get_visible_or_404(TransitionItem, user, pk=pk)
    run_with_message(request, plan_services.transition_item_delete, _("Checklist item deleted."), item=item, by=user)
    return redirect("delivery:transition", pk=item.program_id)


class StatusReportListView(StaffRequiredMixin, FilteredListView):
    model = StatusReport
    filterset_class = StatusReportFilterSet
    columns = STATUS_REPORT_COLUMNS
    template_name = "delivery/status_report_list.html"
    fragment_template = "delivery/_status_report_table.html"
    export_name = "status-reports"
    paginate_by = 50

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("program", "contract").order_by("-period", "program__code", "pk")
        )

    def get_context_data(self, **kwargs):
        program = program_filtered(self.request)
        can_report = program is not None and _can_plan(self.request.user, program)
        return super().get_context_data(title=_("Status reports"), program=program, can_report=can_report, **kwargs)


@login_required
def status_report_create(request, pk):
    """A program manager drafts the report of a month; the figures are filled in at once."""
    user = _staff(request)
    program = get_program_part_or_404(user, pk, CONTENT)
    if not _can_plan(user, program):
        raise PermissionDenied
    # The month offered: the program's first month without a report (status_report.suggested_period).
    suggested = status_report.suggested_period(program=program)
    form = PeriodForm(request.POST or None, initial={"period": suggested.strftime("%Y-%m") if suggested else ""})
    if request.method == "POST" and form.is_valid():
        try:
            report = status_report.status_report_create(program=program, period=form.cleaned_data["period"], by=user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Draft created with the figures of the month."))
            return redirect(report)
    return render(
        request,
        "delivery/status_report_create.html",
        {
            "form": form,
            "program": program,
            "reports": StatusReport.objects.visible_to(user).filter(program=program)[:24],
        },
    )


def report_page(request, report, template, **extra):
    """Shared by the staff page and the portal: the narrative form saves or submits a draft."""
    user = request.user
    can_edit = StatusReport.objects.editable_by(user).filter(pk=report.pk).exists()
    form = NarrativeForm(initial={"narrative": report.narrative})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = NarrativeForm(request.POST)
        if form.is_valid():
            narrative = form.cleaned_data["narrative"]
            try:
                if request.POST.get("action") == "submit":
                    status_report.status_report_submit(report=report, by=user, narrative=narrative)
                    messages.success(request, _("Report submitted. Its figures are now frozen."))
                else:
                    status_report.status_report_save(report=report, by=user, narrative=narrative)
                    messages.success(request, _("Draft saved; figures brought up to date."))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(request.path)
    return render(
        request, template, {"report": report, "f": report.figures, "form": form, "can_edit": can_edit, **extra}
    )


@login_required
def status_report_detail(request, pk):
    _staff(request)
    report = get_visible_or_404(StatusReport, request.user, pk=pk)
    return report_page(request, report, "delivery/status_report_detail.html")
