import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import ScopedFilterSet, SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from .choices import ContractStatus, ContractType
from .models import ChangeRequest, Contract, Dispute, Obligation, RateCardLine, ServiceLevel


def _programs(request):
    from strategy.models import Program

    return Program.objects.visible_to(request.user) if request else Program.objects.none()


def _vendors(request):
    from vendors.models import Vendor

    return Vendor.objects.visible_to(request.user) if request else Vendor.objects.none()


def _contracts(request):
    return Contract.objects.visible_to(request.user) if request else Contract.objects.none()


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


class ContractChildFilterSet(ScopedFilterSet):
    """The API filters of a contract's records (/api/v1/service-levels/, obligations, change
    requests, disputes, rate card lines): `contract` takes the contract's id or its number, among
    the contracts the caller may see (an unknown or unseen one is a 400, never a silent empty list)."""

    contract = RecordChoiceFilter(label=_("Contract"), queryset=_contracts, kind="contract")


class ServiceLevelFilterSet(ContractChildFilterSet):
    class Meta:
        model = ServiceLevel
        fields = ["contract", "kind", "measure", "period"]


class ObligationFilterSet(ContractChildFilterSet):
    class Meta:
        model = Obligation
        fields = ["contract", "status"]


class ChangeRequestFilterSet(ContractChildFilterSet):
    class Meta:
        model = ChangeRequest
        fields = ["contract", "status"]


class DisputeFilterSet(ContractChildFilterSet):
    class Meta:
        model = Dispute
        fields = ["contract", "status"]


class RateCardLineFilterSet(ContractChildFilterSet):
    class Meta:
        model = RateCardLine
        fields = ["contract"]
