import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from .choices import ContractStatus, ContractType
from .models import Contract


def _programs(request):
    from strategy.models import Program

    return Program.objects.visible_to(request.user) if request else Program.objects.none()


def _vendors(request):
    from vendors.models import Vendor

    return Vendor.objects.visible_to(request.user) if request else Vendor.objects.none()


class ContractFilterSet(SearchFilterSet):
    """Used by the contract list page and /api/v1/contracts/ alike."""

    search_fields = ("number", "title", "vendor__name", "vendor__local_name", "program__code", "program__name")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ContractStatus.choices)
    contract_type = django_filters.ChoiceFilter(label=_("Type"), choices=ContractType.choices)
    # Pickers, not drop-downs: 2,000 vendors made the page slow (bpo/core/pickers.py).
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, kind="program")
    vendor = RecordChoiceFilter(label=_("Vendor"), queryset=_vendors, kind="vendor")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("number", "number"),
            ("title", "title"),
            ("status", "status"),
            ("start_date", "start_date"),
            ("end_date", "end_date"),
            ("monthly_fee", "monthly_fee"),
        ),
    )

    class Meta:
        model = Contract
        fields = ["q", "status", "contract_type", "program", "vendor"]
