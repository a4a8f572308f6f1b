import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bpo.core.filters import MonthFilter, SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from .choices import InvoiceStatus
from .models import Invoice, Sample


def _contracts(request):
    from contracts.models import Contract

    if request is None:
        return Contract.objects.none()
    return Contract.objects.visible_to(request.user)


class SampleFilterSet(SearchFilterSet):
    """Used by the measurements page of a contract and /api/v1/samples/ alike."""

    search_fields = ("reference", "service_level__code", "exclusion_reason")
    contract = RecordChoiceFilter(
        label=_("Contract"), queryset=_contracts, field_name="service_level__contract", kind="contract"
    )
    service_level = django_filters.CharFilter(label=_("Service level"), field_name="service_level__code")
    excluded = django_filters.BooleanFilter(label=_("Excluded"))
    measured_after = django_filters.IsoDateTimeFilter(
        label=pgettext_lazy("start of a date range", "From"), field_name="measured_at", lookup_expr="gte"
    )
    measured_before = django_filters.IsoDateTimeFilter(label=_("Before"), field_name="measured_at", lookup_expr="lt")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("measured_at", "measured_at"), ("value", "value"), ("service_level__code", "service_level")),
    )

    class Meta:
        model = Sample
        fields = ["q", "service_level", "excluded"]


def _programs(request):
    from strategy.models import Program

    return Program.objects.visible_to(request.user) if request else Program.objects.none()


def _vendors(request):
    from vendors.models import Vendor

    return Vendor.objects.visible_to(request.user) if request else Vendor.objects.none()


class InvoiceFilterSet(SearchFilterSet):
    """Used by the invoices page and /api/v1/invoices/ alike. Program, vendor and contract are
    pickers (id or code, only visible records: a hidden one is refused as an unknown one)."""

    search_fields = ("number", "contract__number", "contract__vendor__name")
    program = RecordChoiceFilter(label=_("Program"), queryset=_programs, field_name="contract__program", kind="program")
    vendor = RecordChoiceFilter(label=_("Vendor"), queryset=_vendors, field_name="contract__vendor", kind="vendor")
    contract = RecordChoiceFilter(label=_("Contract"), queryset=_contracts, kind="contract")
    period = MonthFilter(label=_("Month"), help_text=_("For example 2026-03."))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InvoiceStatus.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("period", "period"), ("number", "number"), ("gross_amount", "gross"), ("net_amount", "net")),
    )

    class Meta:
        model = Invoice
        fields = ["q", "status"]
