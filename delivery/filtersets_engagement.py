"""FilterSets of meetings, action items, communications, training and support (pages and API alike)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter
from bpo.core.zones import due_before_today_q
from strategy.models import Program

from .choices_engagement import (
    SUPPORT_ACTIVE,
    ActionItemStatus,
    Channel,
    CourseCategory,
    Frequency,
    MeetingKind,
    SessionStatus,
    SupportCategory,
    SupportPriority,
    SupportStatus,
)
from .models import ActionItem, Communication, Course, Meeting, SupportRequest, TrainingSession


def _programs(request):
    if request is None or request.user.is_vendor_user:
        return Program.objects.none()
    return Program.objects.visible_to(request.user)


def _courses(request):
    """A program has a few courses: the course filter is a drop-down of those the user may see."""
    if request is None:
        return Course.objects.none()
    return Course.objects.visible_to(request.user).select_related("program").order_by("program__code", "title")


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.program.code} · {obj}"


class CourseChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CourseChoiceField


def _mine(request, queryset, value, field):
    """`field` is (or, with False, is not) the requesting user."""
    if value is None or request is None:
        return queryset
    cond = Q(**{field: request.user})
    return queryset.filter(cond) if value else queryset.exclude(cond)


class MeetingFilterSet(SearchFilterSet):
    search_fields = ("title", "agenda", "minutes", "decisions", "program__code")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MeetingKind.choices)
    after = django_filters.DateFilter(
        label=pgettext_lazy("start of a date range", "From"), field_name="starts_at", lookup_expr="date__gte"
    )
    before = django_filters.DateFilter(label=_("Until"), field_name="starts_at", lookup_expr="date__lte")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("starts_at", "starts_at"), ("title", "title"), ("kind", "kind"))
    )

    class Meta:
        model = Meeting
        fields = ["q", "program", "kind"]


class ActionItemFilterSet(SearchFilterSet):
    search_fields = ("title", "description", "owner__username", "owner__last_name", "meeting__title")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionItemStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    mine = django_filters.BooleanFilter(label=_("Mine"), method="filter_mine")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("due_date", "due_date"), ("title", "title"), ("status", "status"))
    )

    class Meta:
        model = ActionItem
        fields = ["q", "program", "status"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status=ActionItemStatus.OPEN) & due_before_today_q("due_date")  # the program's today
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_mine(self, queryset, name, value):
        return _mine(self.request, queryset, value, "owner")


class CommunicationFilterSet(SearchFilterSet):
    search_fields = ("audience", "content")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    frequency = django_filters.ChoiceFilter(label=_("Frequency"), choices=Frequency.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    mine = django_filters.BooleanFilter(label=_("Mine"), method="filter_mine")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("next_due_on", "next_due"), ("last_sent_on", "last_sent"), ("audience", "audience")),
    )

    class Meta:
        model = Communication
        fields = ["q", "program", "frequency", "channel", "active"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(active=True) & due_before_today_q("next_due_on")
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_mine(self, queryset, name, value):
        return _mine(self.request, queryset, value, "owner")


class CourseFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=CourseCategory.choices)
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("title", "title"), ("category", "category")))

    class Meta:
        model = Course
        fields = ["q", "program", "category"]


class SessionFilterSet(SearchFilterSet):
    search_fields = ("course__title", "trainer", "location")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, field_name="course__program", kind="program")
    course = CourseChoiceFilter(label=_("Course"), queryset=_courses)
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=CourseCategory.choices, field_name="course__category"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SessionStatus.choices)
    after = django_filters.DateFilter(
        label=pgettext_lazy("start of a date range", "From"), field_name="starts_at", lookup_expr="date__gte"
    )
    before = django_filters.DateFilter(label=_("Until"), field_name="starts_at", lookup_expr="date__lte")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("starts_at", "starts_at"), ("course__title", "course"))
    )

    class Meta:
        model = TrainingSession
        fields = ["q", "program", "status"]


class SupportRequestFilterSet(SearchFilterSet):
    search_fields = ("title", "description", "resolution", "requester__username")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=SupportCategory.choices)
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=SupportPriority.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SupportStatus.choices)
    vendor_raised = django_filters.BooleanFilter(
        label=_("Raised by a vendor"), field_name="vendor", lookup_expr="isnull", exclude=True
    )
    assigned_to_me = django_filters.BooleanFilter(label=_("Assigned to me"), method="filter_assigned")
    active = django_filters.BooleanFilter(label=_("Open or in progress"), method="filter_active")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("opened_at", "opened_at"), ("resolved_at", "resolved_at"), ("priority", "priority")),
    )

    class Meta:
        model = SupportRequest
        fields = ["q", "program", "category", "priority", "status"]

    def filter_assigned(self, queryset, name, value):
        return _mine(self.request, queryset, value, "assignee")

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        cond = Q(status__in=SUPPORT_ACTIVE)
        return queryset.filter(cond) if value else queryset.exclude(cond)
