"""FilterSets shared by the list pages and their API endpoints."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter
from bpo.core.zones import due_before_today_q
from strategy.models import Program
from vendors.models import Vendor

from .choices import ActionSource, ActionStatus, Category, DrillStatus, IncidentStatus, Level, RiskStatus, Severity
from .models import ContingencyPlan, CorrectiveAction, Drill, Incident, Risk
from .querysets import review_overdue_q

SCALE_CHOICES = [(n, str(n)) for n in range(1, 6)]


def _programs(request):
    if request is None:
        return Program.objects.none()
    return Program.objects.visible_to(request.user)


def _vendors(request):
    if request is None:
        return Vendor.objects.none()
    return Vendor.objects.visible_to(request.user)


def _contracts(request):
    from contracts.models import Contract

    if request is None:
        return Contract.objects.none()
    return Contract.objects.visible_to(request.user)


class RiskFilterSet(SearchFilterSet):
    """Used by the risk register page and /api/v1/risks/ alike. The heat map's cells link
    here with `<basis>_likelihood` and `<basis>_impact`."""

    search_fields = ("title", "cause", "event", "effect", "controls", "program__code")
    # Pickers, not drop-downs: 10,000 contracts made the register slow (bpo/core/pickers.py).
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    vendor = RecordChoiceFilter(label=_("Vendor"), queryset=_vendors, kind="vendor")
    contract = RecordChoiceFilter(label=_("Contract"), queryset=_contracts, kind="contract")
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    residual_level = django_filters.ChoiceFilter(label=_("Residual level"), choices=Level.choices)
    inherent_level = django_filters.ChoiceFilter(label=_("Inherent level"), choices=Level.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RiskStatus.choices)
    assessed = django_filters.BooleanFilter(
        label=_("Assessed"), field_name="assessed_at", lookup_expr="isnull", exclude=True
    )
    review_overdue = django_filters.BooleanFilter(label=_("Review overdue"), method="filter_overdue")
    shared_with_vendor = django_filters.BooleanFilter(label=_("Shared with the vendor"))
    # ChoiceFilter, not TypedChoiceFilter: its drop-down starts with the empty choice, so the
    # filter form (submitted by a picker or *Filter*) does not send "1" for each of them.
    inherent_likelihood = django_filters.ChoiceFilter(label=_("Inherent likelihood"), choices=SCALE_CHOICES)
    inherent_impact = django_filters.ChoiceFilter(label=_("Inherent impact"), choices=SCALE_CHOICES)
    residual_likelihood = django_filters.ChoiceFilter(label=_("Residual likelihood"), choices=SCALE_CHOICES)
    residual_impact = django_filters.ChoiceFilter(label=_("Residual impact"), choices=SCALE_CHOICES)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("pk", "reference"),
            ("title", "title"),
            ("program__code", "program"),
            ("category", "category"),
            ("inherent_score", "inherent_score"),
            ("residual_score", "residual_score"),
            ("next_review_date", "next_review_date"),
            ("status", "status"),
        ),
    )

    class Meta:
        model = Risk
        fields = ["q", "program", "vendor", "category", "residual_level", "inherent_level", "status"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = review_overdue_q()  # before today in the risk's program's time zone
        return queryset.filter(late) if value else queryset.exclude(late)


class PlanFilterSet(SearchFilterSet):
    search_fields = ("title", "scenario", "triggers", "program__code")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    vendor = RecordChoiceFilter(label=_("Vendor"), queryset=_vendors, kind="vendor")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("title", "title"), ("program__code", "program"), ("updated_at", "updated"))
    )

    class Meta:
        model = ContingencyPlan
        fields = ["q", "program", "vendor"]


class DrillFilterSet(SearchFilterSet):
    search_fields = ("title", "plan__title", "summary")
    program = RecordChoiceFilter(label=_("Program"), field_name="plan__program", queryset=_programs, kind="program")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DrillStatus.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("title", "title"), ("scheduled_for", "scheduled_for"), ("run_on", "run_on"), ("status", "status")),
    )

    class Meta:
        model = Drill
        fields = ["q", "program", "status"]


class IncidentFilterSet(SearchFilterSet):
    search_fields = ("title", "description", "lessons_learned", "program__code")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=Severity.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=IncidentStatus.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("pk", "reference"),
            ("title", "title"),
            ("severity", "severity"),
            ("occurred_at", "occurred_at"),
            ("status", "status"),
        ),
    )

    class Meta:
        model = Incident
        fields = ["q", "program", "severity", "status"]


class ActionFilterSet(SearchFilterSet):
    search_fields = ("title", "problem", "root_cause", "action_plan", "program__code")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    source = django_filters.ChoiceFilter(label=_("Source"), choices=ActionSource.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    vendor = RecordChoiceFilter(label=_("Vendor"), queryset=_vendors, kind="vendor")
    contract = RecordChoiceFilter(label=_("Contract"), queryset=_contracts, kind="contract")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("pk", "reference"), ("title", "title"), ("due_date", "due_date"), ("status", "status")),
    )

    class Meta:
        model = CorrectiveAction
        fields = ["q", "program", "source", "status"]

    def filter_overdue(self, queryset, name, value):
        """Open or in progress and due before today in the action's program's time zone."""
        if value is None:
            return queryset
        late = Q(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]) & due_before_today_q("due_date")
        return queryset.filter(late) if value else queryset.exclude(late)
