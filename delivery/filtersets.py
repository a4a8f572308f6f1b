import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet

from .choices import InvoiceStatus
from .models import Invoice, Sample


class SampleFilterSet(SearchFilterSet):
    """Used by the measurements page of a contract and /api/v1/samples/ alike."""

    search_fields = ("reference", "service_level__code", "exclusion_reason")
    contract = django_filters.NumberFilter(label=_("Contract"), field_name="service_level__contract_id")
    service_level = django_filters.CharFilter(label=_("Service level"), field_name="service_level__code")
    excluded = django_filters.BooleanFilter(label=_("Excluded"))
    measured_after = django_filters.IsoDateTimeFilter(label=_("From"), field_name="measured_at", lookup_expr="gte")
    measured_before = django_filters.IsoDateTimeFilter(label=_("Before"), field_name="measured_at", lookup_expr="lt")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("measured_at", "measured_at"), ("value", "value"), ("service_level__code", "service_level")),
    )

    class Meta:
        model = Sample
        fields = ["q", "service_level", "excluded"]


class InvoiceFilterSet(SearchFilterSet):
    """Used by the invoices page and /api/v1/invoices/ alike."""

    search_fields = ("number", "contract__number", "contract__vendor__name")
    contract = django_filters.NumberFilter(label=_("Contract"), field_name="contract_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InvoiceStatus.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("period", "period"), ("number", "number"), ("gross_amount", "gross"), ("net_amount", "net")),
    )

    class Meta:
        model = Invoice
        fields = ["q", "status"]
