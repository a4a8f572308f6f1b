"""Sourcing events in the staff UI: list, event page, its parts, Q&A, documents."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from bpo.core.access import StaffRequiredMixin, get_editable_or_403, get_visible_or_404
from bpo.core.lists import FilteredListView
from bpo.core.records import RecordDetailView, RecordFormView
from strategy.models import Program

from ..files import file_response
from ..filtersets import SourcingEventFilterSet
from ..forms import AnswerForm, SourcingEventForm, event_item_form_for
from ..models import AwardDecision, EvaluatorAssignment, EventDocument, Proposal, Question, SourcingEvent
from ..services import (
    EVENT_KINDS,
    award_approve,
    can_approve_award,
    event_can_create,
    event_cancel,
    event_create,
    event_item_create,
    event_item_delete,
    event_problems,
    event_publish,
    event_update,
    question_answer,
)
from ..services.sourcing import document_add_refused, evaluator_assignment_refused
from ..tables import EVENT_COLUMNS
from .common import add_service_errors, run_with_message


class EventListView(StaffRequiredMixin, FilteredListView):
    model = SourcingEvent
    filterset_class = SourcingEventFilterSet
    columns = EVENT_COLUMNS
    title = _("Sourcing events")
    export_name = "sourcing-events"
    create_url_name = "vendors:event_create"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program")

    def can_create(self):
        return event_can_create(self.request.user)


class EventFormView(RecordFormView):
    model = SourcingEvent
    form_class = SourcingEventForm

    def can_create(self):
        return event_can_create(self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("program", "").isdigit():
            initial["program"] = int(self.request.GET["program"])
        return initial

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New sourcing event")

    def save(self, form):
        if self.object is None:
            return event_create(by=self.request.user, **form.cleaned_data)
        data = {k: v for k, v in form.cleaned_data.items() if k != "program"}
        return event_update(event=self.object, by=self.request.user, **data)


class EventDetailView(RecordDetailView):
    """The event: timeline, invitations, requirements, criteria, documents, Q&A, evaluators,
    and the proposals (only once the submission deadline has passed)."""

    model = SourcingEvent
    template_name = "vendors/event_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = context["object"], self.request.user
        criteria = list(event.criteria.all())
        context.update(
            criteria=criteria,
            weight_total=sum(c.weight for c in criteria),
            requirements=event.requirements.all(),
            invitations=event.invitations.select_related("vendor"),
            documents=event.documents.all(),
            questions=event.questions.select_related("vendor"),
            evaluators=event.evaluators.select_related("user"),
            proposals=Proposal.objects.visible_to(user).filter(event=event).select_related("vendor"),
            problems=event_problems(event) if event.status == "draft" else [],
            my_assignment=EvaluatorAssignment.objects.filter(event=event, user=user).first(),
            award=AwardDecision.objects.visible_to(user).filter(event=event).select_related("proposal__vendor").first(),
            can_approve_award=can_approve_award(event, user),
            # Offered only when the service would take it (the same predicate).
            can_assign_evaluator=evaluator_assignment_refused(event) is None,
            can_add_document=document_add_refused(event) is None,
            # An evaluator scores the events they are assigned to without being a member of the
            # program: the program is then named, not linked (its page would answer 404).
            program_visible=Program.objects.visible_to(user).filter(pk=event.program_id).exists(),
        )
        return context


class EventActionView(LoginRequiredMixin, StaffRequiredMixin, View):
    """POST-only steps of an event: publish, cancel, approve the award. (An evaluator submits their
    scores with the score sheet's own form, which saves what they typed first.)"""

    http_method_names = ["post"]
    ACTIONS = {
        "publish": (event_publish, _("Published: the invited vendors have been told.")),
        "cancel": (event_cancel, _("The event is cancelled.")),
        "approve-award": (award_approve, _("Award approved.")),
    }

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        event = get_visible_or_404(SourcingEvent, request.user, pk=pk)
        service, done = self.ACTIONS[action]
        run_with_message(request, service, done, event=event, by=request.user)
        return redirect(event.get_absolute_url())


def _event_kind(kind):
    if kind not in EVENT_KINDS:
        raise Http404
    return EVENT_KINDS[kind][0]


# The kinds of item with a rule of their own on when one may be added (the service's predicate).
ITEM_REFUSED = {"evaluator": evaluator_assignment_refused, "document": document_add_refused}


class EventItemCreateView(RecordFormView):
    """Adds a requirement, criterion, document, invited vendor or evaluator."""

    template_name = "vendors/upload_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.model = _event_kind(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        self.event = get_editable_or_403(SourcingEvent, self.request.user, pk=self.kwargs["event_pk"])
        return None

    def get(self, request, *args, **kwargs):
        # A stale link to a closed assignment or document: the event page, with the service's reason.
        if refused := ITEM_REFUSED.get(self.kwargs["kind"], lambda event: None)(self.event):
            messages.error(request, refused)
            return redirect(self.event.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_class(self):
        return event_item_form_for(self.kwargs["kind"], self.event)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.model(event=self.event)
        return kwargs

    def get_title(self):
        return _("Add %(kind)s to %(event)s") % {"kind": self.model._meta.verbose_name, "event": self.event.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.event
        return context

    def save(self, form):
        return event_item_create(event=self.event, kind=self.kwargs["kind"], by=self.request.user, **form.cleaned_data)


class EventItemDeleteView(LoginRequiredMixin, StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        item = get_editable_or_403(_event_kind(kind), request.user, pk=pk)
        run_with_message(request, event_item_delete, _("Removed."), item=item, by=request.user)
        return redirect(item.event.get_absolute_url())


class EventDocumentView(LoginRequiredMixin, StaffRequiredMixin, View):
    def get(self, request, pk):
        return file_response(get_visible_or_404(EventDocument, request.user, pk=pk).file)


class QuestionAnswerView(LoginRequiredMixin, StaffRequiredMixin, View):
    """Answers a vendor's question; every invited vendor gets the answer, nobody learns who asked."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_editable_or_403(Question, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(AnswerForm(initial={"answer": self.object.answer}))

    def post(self, request, pk):
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                question_answer(question=self.object, by=request.user, answer=form.cleaned_data["answer"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(self.object.event.get_absolute_url())
        return self.render(form)

    def render(self, form):
        return render(
            self.request,
            "vendors/question_answer.html",
            {"form": form, "question": self.object, "object": self.object.event},
        )
