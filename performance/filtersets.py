import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import MonthFilter, ScopedFilterSet, SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from .choices import CreditStatus
from .models import Credit, Period, Result


def visible_contracts(request):
    """The contracts a contract filter offers and accepts: those the user may see."""
    from contracts.models import Contract

    if request is None:
        return Contract.objects.none()
    return Contract.objects.visible_to(request.user)


def visible_vendors(request):
    from vendors.models import Vendor

    if request is None:
        return Vendor.objects.none()
    return Vendor.objects.visible_to(request.user)


def visible_programs(request):
    from strategy.models import Program

    if request is None:
        return Program.objects.none()
    return Program.objects.visible_to(request.user)


class CreditFilterSet(SearchFilterSet):
    """Used by the credits page (finance) and /api/v1/credits/ alike."""

    search_fields = ("service_level__code", "service_level__name", "period__contract__number")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CreditStatus.choices)
    # A picker taking the contract's id or number (bpo/core/pickers.py), not a number box.
    contract = RecordChoiceFilter(
        label=_("Contract"), queryset=visible_contracts, field_name="period__contract", kind="contract"
    )
    program = RecordChoiceFilter(
        label=_("Program"), queryset=visible_programs, field_name="period__contract__program", kind="program"
    )
    period_from = MonthFilter(label=_("Periods from"), field_name="period__start", lookup_expr="gte")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("period__start", "period"), ("amount", "amount"), ("status", "status")),
    )

    class Meta:
        model = Credit
        fields = ["q", "status"]


class PeriodFilterSet(ScopedFilterSet):
    """/api/v1/sla-periods/: `contract` takes the contract's id or its number (visible ones)."""

    contract = RecordChoiceFilter(label=_("Contract"), queryset=visible_contracts, kind="contract")

    class Meta:
        model = Period
        fields = ["contract", "kind", "status"]


class ResultFilterSet(ScopedFilterSet):
    """/api/v1/sla-results/: `contract` (as on sla-periods and credits; `period__contract` too, its
    older name) takes the contract's id or its number (visible ones: a hidden one answers as an unknown one)."""

    contract = RecordChoiceFilter(
        label=_("Contract"), queryset=visible_contracts, field_name="period__contract", kind="contract"
    )
    period__contract = RecordChoiceFilter(label=_("Contract"), queryset=visible_contracts, kind="contract")
    period_from = MonthFilter(label=_("Periods from"), field_name="period__start", lookup_expr="gte")

    class Meta:
        model = Result
        fields = ["contract", "period", "period_from", "service_level", "state", "period__contract"]
