"""Staff pages of meetings, action items and the communication plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from bpo.core.access import StaffRequiredMixin, get_editable_or_403, get_visible_or_404
from bpo.core.lists import FilteredListView
from bpo.core.records import (
    RecordDetailView,
    RecordFormView,
    add_service_errors,  # noqa: F401 (re-exported for the views that import it here)
)
from bpo.core.zones import due_before_today_q, today_in

from . import meetings
from .choices_engagement import ActionItemStatus
from .filtersets_engagement import ActionItemFilterSet, CommunicationFilterSet, MeetingFilterSet
from .forms_engagement import ActionItemForm, CloseForm, CommunicationForm, MarkSentForm, MeetingForm
from .models import ActionItem, Communication, Meeting
from .querysets_engagement import editable_program_ids
from .tables_engagement import ACTION_ITEM_COLUMNS, COMMUNICATION_COLUMNS, MEETING_COLUMNS


def _staff(request):
    if request.user.is_vendor_user:
        raise PermissionDenied
    return request.user


class EngagementListView(StaffRequiredMixin, FilteredListView):
    """A list of program records: "New" for administrators and program managers/contributors."""

    def can_create(self):
        return editable_program_ids(self.request.user).exists()


class ScopedFormView(RecordFormView):
    """A RecordFormView whose form is limited to the user's programs and people."""

    def can_create(self):
        return editable_program_ids(self.request.user).exists()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(obj.get_absolute_url())


# --- meetings ---------------------------------------------------------------------------


class MeetingListView(EngagementListView):
    model = Meeting
    filterset_class = MeetingFilterSet
    columns = MEETING_COLUMNS
    title = _("Meetings")
    export_name = "meetings"
    create_url_name = "delivery:meeting_create"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("program")
            .annotate(open_items=Count("action_items", filter=Q(action_items__status=ActionItemStatus.OPEN)))
            .order_by("-starts_at", "-pk")  # a GROUP BY drops Meta.ordering
        )


class MeetingDetailView(RecordDetailView):
    model = Meeting
    template_name = "delivery/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = context["object"]
        context.update(
            attendees=meeting.attendees.select_related("vendor").order_by("vendor__name", "username"),
            items=meeting.action_items.select_related("owner", "vendor"),
            item_form=ActionItemForm(user=self.request.user, program=meeting.program) if context["can_edit"] else None,
            today=today_in(meeting.program.time_zone),
        )
        return context


class MeetingFormView(ScopedFormView):
    model = Meeting
    form_class = MeetingForm

    def get_initial(self):
        initial = super().get_initial()
        if "program" in self.request.GET:
            initial["program"] = self.request.GET["program"]
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.object is not None:
            kwargs["program"] = self.object.program  # attendees: this program's staff and vendors
        return kwargs

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New meeting")

    def save(self, form):
        data = dict(form.cleaned_data)
        if self.object is None:
            return meetings.meeting_create(by=self.request.user, **data)
        return meetings.meeting_update(meeting=self.object, by=self.request.user, **data)


class ActionItemCreateView(ScopedFormView):
    """An action item of a meeting: owner among staff and the program's vendors' users."""

    model = ActionItem
    form_class = ActionItemForm
    success_message = _("Action item added.")

    def get_object(self):
        self.meeting = get_editable_or_403(Meeting, self.request.user, pk=self.kwargs["pk"])
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.meeting.program}

    def get_title(self):
        return _("Action item of %(meeting)s") % {"meeting": self.meeting}

    def save(self, form):
        meetings.action_item_create(meeting=self.meeting, by=self.request.user, **form.cleaned_data)
        return self.meeting


# --- action items -----------------------------------------------------------------------


class ActionItemListView(EngagementListView):
    model = ActionItem
    filterset_class = ActionItemFilterSet
    columns = ACTION_ITEM_COLUMNS
    title = _("Action items")
    export_name = "action-items"

    def can_create(self):
        return False  # raised from a meeting

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "meeting", "owner", "vendor")


class ActionItemDetailView(RecordDetailView):
    model = ActionItem
    template_name = "delivery/action_item_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = context["object"]
        is_open = item.status == ActionItemStatus.OPEN
        context.update(
            can_edit=context["can_edit"] and is_open,
            close_form=CloseForm() if is_open and meetings.can_complete(self.request.user, item) else None,
            can_cancel=is_open and context["can_edit"],
            today=today_in(item.program.time_zone),
        )
        return context


class ActionItemFormView(ScopedFormView):
    model = ActionItem
    form_class = ActionItemForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.object.program}

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object}

    def save(self, form):
        return meetings.action_item_update(item=self.object, by=self.request.user, **form.cleaned_data)


@login_required
@require_POST
def action_item_close(request, pk, action):
    """Marks an action item done (owner, their vendor, program staff) or cancels it (program staff)."""
    user = _staff(request)
    item = get_visible_or_404(ActionItem, user, pk=pk)
    form = CloseForm(request.POST)
    note = form.data.get("note", "")
    try:
        if action == "done":
            meetings.action_item_complete(item=item, by=user, note=note)
            messages.success(request, _("Action item marked done."))
        else:
            meetings.action_item_cancel(item=item, by=user, note=note)
            messages.success(request, _("Action item cancelled."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(item)


# --- the communication plan -------------------------------------------------------------


def with_overdue(qs):
    late = Q(active=True) & due_before_today_q("next_due_on")  # as the list's overdue filter
    return qs.annotate(is_overdue=Case(When(late, then=Value(True)), default=Value(False), output_field=BooleanField()))


class CommunicationListView(EngagementListView):
    model = Communication
    filterset_class = CommunicationFilterSet
    columns = COMMUNICATION_COLUMNS
    title = _("Communication plan")
    export_name = "communication-plan"
    create_url_name = "delivery:communication_create"

    def get_base_queryset(self):
        return with_overdue(super().get_base_queryset().select_related("program", "owner"))


class CommunicationDetailView(RecordDetailView):
    model = Communication
    template_name = "delivery/communication_detail.html"

    def get_object(self):
        qs = with_overdue(Communication.objects.visible_to(self.request.user)).select_related("program", "owner")
        return get_object_or_404(qs, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sent_form"] = MarkSentForm() if context["can_edit"] else None
        return context


class CommunicationFormView(ScopedFormView):
    model = Communication
    form_class = CommunicationForm

    def get_initial(self):
        initial = super().get_initial()
        if "program" in self.request.GET:
            initial["program"] = self.request.GET["program"]
        return initial

    def get_title(self):
        return _("Edit %(name)s") % {"name": self.object} if self.object else _("New communication")

    def save(self, form):
        if self.object is None:
            return meetings.communication_create(by=self.request.user, **form.cleaned_data)
        return meetings.communication_update(communication=self.object, by=self.request.user, **form.cleaned_data)


@login_required
@require_POST
def communication_sent(request, pk):
    """The "mark sent" action: records the sending and moves the next due date."""
    user = _staff(request)
    comm = get_editable_or_403(Communication, user, pk=pk)
    form = MarkSentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
        return redirect(comm)
    try:
        meetings.communication_mark_sent(communication=comm, by=user, sent_on=form.cleaned_data["sent_on"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Marked sent."))
    return redirect(comm)
