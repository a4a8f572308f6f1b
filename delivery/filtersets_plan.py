import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import ScopedFilterSet, SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter
from bpo.core.zones import due_before_today_q

from .choices_plan import Rag, ReportStatus
from .models import StatusReport, Task, TransitionItem, WorkPackage


def _programs(request):
    from strategy.models import Program

    return Program.objects.visible_to(request.user) if request else Program.objects.none()


def _contracts(request):
    from contracts.models import Contract

    return Contract.objects.visible_to(request.user) if request else Contract.objects.none()


def _vendors(request):
    from vendors.models import Vendor

    return Vendor.objects.visible_to(request.user) if request else Vendor.objects.none()


TASK_STATES = (("open", _("Open")), ("done", _("Done")), ("late", _("Late")))


class TaskFilterSet(SearchFilterSet):
    """Used by the tasks page and /api/v1/plan-tasks/ alike."""

    search_fields = ("name", "work_package__name", "owner__username", "owner__last_name", "vendor__name")
    # Pickers taking the record's id or its code, among the records the user may see.
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    contract = RecordChoiceFilter(label=_("Contract"), queryset=_contracts, kind="contract")
    vendor = RecordChoiceFilter(label=_("Vendor"), queryset=_vendors, kind="vendor")
    state = django_filters.ChoiceFilter(label=_("State"), choices=TASK_STATES, method="filter_state")
    mine = django_filters.BooleanFilter(label=_("Mine"), method="filter_mine")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("baseline_start", "start"),
            ("baseline_finish", "finish"),
            ("percent_complete", "percent"),
            ("name", "name"),
        ),
    )

    class Meta:
        model = Task
        fields = ["q", "state"]

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value and user is not None and user.is_authenticated:
            return queryset.filter(owner=user)
        return queryset

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(actual_finish__isnull=True)
        if value == "done":
            return queryset.filter(actual_finish__isnull=False)
        if value == "late":
            # Finished after the baseline, or still open after its baseline finish: before today
            # in the task's program's time zone (as the homes' Late tags and the plan's variance).
            return queryset.filter(
                Q(actual_finish__gt=F("baseline_finish"))
                | (Q(actual_finish__isnull=True) & due_before_today_q("baseline_finish"))
            )
        return queryset


class StatusReportFilterSet(SearchFilterSet):
    """Used by the status reports page and /api/v1/status-reports/ alike."""

    search_fields = ("program__code", "program__name", "contract__number", "narrative")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportStatus.choices)
    overall_rag = django_filters.ChoiceFilter(label=_("Overall"), choices=Rag.choices)
    by_vendor = django_filters.BooleanFilter(label=_("Vendor's report"))
    ordering = django_filters.OrderingFilter(label=_("Sort by"), fields=(("period", "period"),))

    class Meta:
        model = StatusReport
        fields = ["q", "status", "overall_rag", "by_vendor"]


class WorkPackageFilterSet(ScopedFilterSet):
    """/api/v1/work-packages/: by program (its id or code, among the programs the caller reads)."""

    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")

    class Meta:
        model = WorkPackage
        fields = ["program"]


class TransitionItemFilterSet(ScopedFilterSet):
    """/api/v1/transition-items/: by program, as the other plan endpoints."""

    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")

    class Meta:
        model = TransitionItem
        fields = ["program"]
