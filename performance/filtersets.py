import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet

from .choices import CreditStatus
from .models import Credit


class CreditFilterSet(SearchFilterSet):
    """Used by the credits page (finance) and /api/v1/credits/ alike."""

    search_fields = ("service_level__code", "service_level__name", "period__contract__number")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CreditStatus.choices)
    contract = django_filters.NumberFilter(label=_("Contract"), field_name="period__contract_id")
    period_from = django_filters.DateFilter(label=_("Periods from"), field_name="period__start", lookup_expr="gte")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("period__start", "period"), ("amount", "amount"), ("status", "status")),
    )

    class Meta:
        model = Credit
        fields = ["q", "status"]
