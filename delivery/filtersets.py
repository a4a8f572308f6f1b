import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bpo.core.filters import SearchFilterSet
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


class InvoiceFilterSet(SearchFilterSet):
    """Used by the invoices page and /api/v1/invoices/ alike."""

    search_fields = ("number", "contract__number", "contract__vendor__name")
    contract = RecordChoiceFilter(label=_("Contract"), queryset=_contracts, kind="contract")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InvoiceStatus.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("period", "period"), ("number", "number"), ("gross_amount", "gross"), ("net_amount", "net")),
    )

    class Meta:
        model = Invoice
        fields = ["q", "status"]
