"""Incidents (timeline, plan activation as a timed checklist, post-incident review) and corrective actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import get_editable_or_403
from bpo.core.records import RecordDetailView, RecordFormView, add_service_errors
from bpo.core.zones import today_in

from .. import services
from ..choices import ACTION_TRANSITIONS, ActionSource, ActionStatus
from ..filtersets import ActionFilterSet, IncidentFilterSet
from ..forms import ActionForm, ActivatePlanForm, EventForm, IncidentForm, ReviewForm, TransitionForm
from ..models import ChecklistItem, CorrectiveAction, Incident, Risk
from ..tables import ACTION_COLUMNS, INCIDENT_COLUMNS
from .base import ActOnRecordView, RiskListView


class IncidentListView(RiskListView):
    model = Incident
    filterset_class = IncidentFilterSet
    columns = INCIDENT_COLUMNS
    title = _("Incidents")
    export_name = "incidents"
    create_url_name = "risk:incident_create"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "risk", "plan")


class IncidentDetailView(RecordDetailView):
    model = Incident
    template_name = "risk/incident_detail.html"
    # A timeline entry or a plan activation refused: the page again with what was typed and the
    # errors by their field.
    event_form = None
    activate_form = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = context["object"]
        can_edit = context["can_edit"]
        context.update(
            events=incident.events.select_related("by"),
            checklist=incident.checklist.select_related("done_by"),
            actions=incident.corrective_actions.select_related("owner"),
            event_form=(self.event_form or EventForm(incident=incident)) if can_edit else None,
            activate_form=(self.activate_form or ActivatePlanForm(incident=incident))
            if can_edit and not incident.plan_id
            else None,
            now=timezone.now(),
        )
        return context


class IncidentFormView(RecordFormView):
    model = Incident
    form_class = IncidentForm

    def can_create(self):
        return services.can_create_in_any_program(self.request.user)

    def get_initial(self):
        initial = super().get_initial()
        for key in ("program", "risk"):
            if key in self.request.GET:
                initial[key] = self.request.GET[key]
        if self.object is None:
            # Now, in the zone of the program the form opens with (the only one the user edits, or
            # the one asked for), as the time is typed in the program's zone. Without a program
            # there is no default: the server's time (UTC) was read in the zone of the program
            # chosen afterwards, 8 hours early for a Shanghai program.
            from bpo.core.zones import naive_in_zone
            from strategy.models import Program

            from ..querysets import risk_program_ids

            editable = Program.objects.filter(pk__in=risk_program_ids(self.request.user))
            asked = str(initial.get("program", ""))
            chosen = editable.filter(pk=asked).first() if asked.isdigit() else None
            if chosen is None and not asked:
                only = list(editable[:2])
                chosen = only[0] if len(only) == 1 else None
                if chosen is not None:
                    initial["program"] = chosen.pk
            if chosen is not None:
                now = timezone.now().replace(second=0, microsecond=0)
                initial["occurred_at"] = naive_in_zone(now, chosen.time_zone)
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New incident")

    def save(self, form):
        if self.object is None:
            return services.incident_create(by=self.request.user, **form.cleaned_data)
        return services.incident_update(incident=self.object, by=self.request.user, **form.cleaned_data)


def _post_service(request, obj, call, ok_message):
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, ok_message)
    return redirect(obj)


def _incident_page_refused(request, pk, form, name="event_form"):
    """The incident page again (400), the timeline (or plan activation) form bound: errors next
    to their field."""
    page = IncidentDetailView()
    page.setup(request, pk=pk)
    setattr(page, name, form)
    response = page.render_to_response(page.get_context_data(pk=pk))
    response.status_code = 400
    return response


@login_required
@require_POST
def incident_add_event(request, pk):
    incident = get_editable_or_403(Incident, request.user, pk=pk)
    form = EventForm(request.POST, incident=incident)
    if form.is_valid():
        try:
            services.incident_add_event(incident=incident, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Timeline entry added."))
            return redirect(incident)
    return _incident_page_refused(request, pk, form)


@login_required
@require_POST
def incident_activate_plan(request, pk):
    incident = get_editable_or_403(Incident, request.user, pk=pk)
    form = ActivatePlanForm(request.POST, incident=incident)
    if form.is_valid():
        try:
            services.incident_activate_plan(incident=incident, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Contingency plan activated: its steps are the checklist below."))
            return redirect(incident)
    return _incident_page_refused(request, pk, form, name="activate_form")


@login_required
@require_POST
def checklist_item_done(request, pk):
    item = get_editable_or_403(ChecklistItem, request.user, pk=pk)
    return _post_service(
        request,
        item.incident,
        lambda: services.checklist_item_complete(item=item, by=request.user),
        _("Step marked done."),
    )


class IncidentReviewView(ActOnRecordView):
    parent_model = Incident
    form_class = ReviewForm
    success_message = _("Post-incident review recorded; the incident is closed.")

    def get_initial(self):
        i = self.parent
        return {"review_summary": i.review_summary, "root_cause": i.root_cause, "lessons_learned": i.lessons_learned}

    def get_title(self):
        return _("Post-incident review of %(incident)s") % {"incident": self.parent}

    def perform(self, form):
        return services.incident_record_review(incident=self.parent, by=self.request.user, **form.cleaned_data)


class IncidentActionView(ActOnRecordView):
    parent_model = Incident
    form_class = ActionForm
    success_message = _("Corrective action raised.")

    def get_title(self):
        return _("Corrective action for %(incident)s") % {"incident": self.parent}

    def get_initial(self):
        return {"root_cause": self.parent.root_cause}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.parent.program}

    def perform(self, form):
        incident = self.parent
        return services.action_create(
            by=self.request.user,
            program=incident.program,
            source=ActionSource.INCIDENT,
            incident=incident,
            **form.cleaned_data,
        )


class RiskActionView(ActOnRecordView):
    """A corrective action decided in a risk review."""

    parent_model = Risk
    form_class = ActionForm
    success_message = _("Corrective action raised.")

    def get_title(self):
        return _("Corrective action for %(risk)s") % {"risk": self.parent}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.parent.program}

    def perform(self, form):
        risk = self.parent
        return services.action_create(
            by=self.request.user, program=risk.program, source=ActionSource.RISK_REVIEW, risk=risk, **form.cleaned_data
        )


class ActionListView(RiskListView):
    model = CorrectiveAction
    filterset_class = ActionFilterSet
    columns = ACTION_COLUMNS
    title = _("Corrective actions")
    export_name = "corrective-actions"

    # Raised from a finding, an incident, a risk, an audit or a review on their pages; "New" is a complaint.
    create_url_name = "performance:quality_complaint_action"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "owner", "vendor", "contract")


class ActionDetailView(RecordDetailView):
    model = CorrectiveAction
    template_name = "risk/action_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = context["object"]
        moves = ACTION_TRANSITIONS[ActionStatus(action.status)]
        context.update(
            moves=[(m.value, m.label) for m in moves],
            transition_form=TransitionForm() if context["can_edit"] and moves else None,
            today=today_in(action.program.time_zone),  # "late" as the overdue filter has it
        )
        return context


class ActionFormView(RecordFormView):
    model = CorrectiveAction
    form_class = ActionForm

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.object.program if self.object else None}

    def save(self, form):
        return services.action_update(action=self.object, by=self.request.user, **form.cleaned_data)


@login_required
@require_POST
def action_transition(request, pk):
    action = get_editable_or_403(CorrectiveAction, request.user, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
        return redirect(action)
    return _post_service(
        request,
        action,
        lambda: services.action_transition(action=action, by=request.user, **form.cleaned_data),
        _("Status changed."),
    )
