"""Filters shared by the quality list pages and their API endpoints."""

import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet

from .choices import AuditOutcome, ReviewRating
from .models import QualityAudit, QualityReview, QualityStandard


class StandardFilterSet(SearchFilterSet):
    search_fields = ("process", "metric", "description", "program__code", "program__name")
    program = django_filters.NumberFilter(label=_("Program"), field_name="program_id")
    is_active = django_filters.BooleanFilter(label=_("Active"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("process", "process"), ("program__code", "program"), ("target", "target"))
    )

    class Meta:
        model = QualityStandard
        fields = ["q", "program", "is_active"]


class AuditFilterSet(SearchFilterSet):
    search_fields = ("standard__process", "standard__metric", "findings", "contract__number", "contract__vendor__name")
    outcome = django_filters.ChoiceFilter(label=_("Result"), choices=AuditOutcome.choices)
    standard = django_filters.NumberFilter(label=_("Standard"), field_name="standard_id")
    contract = django_filters.NumberFilter(label=_("Contract"), field_name="contract_id")
    vendor = django_filters.NumberFilter(label=_("Vendor"), field_name="contract__vendor_id")
    audited_from = django_filters.DateFilter(label=_("Audited from"), field_name="audited_on", lookup_expr="gte")
    audited_to = django_filters.DateFilter(label=_("Audited to"), field_name="audited_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("audited_on", "audited_on"), ("defect_rate", "defect_rate"), ("outcome", "outcome")),
    )

    class Meta:
        model = QualityAudit
        fields = ["q", "outcome", "standard", "contract", "vendor"]


class ReviewFilterSet(SearchFilterSet):
    search_fields = ("title", "summary", "findings", "program__code", "contract__number")
    rating = django_filters.ChoiceFilter(label=_("Rating"), choices=ReviewRating.choices)
    program = django_filters.NumberFilter(label=_("Program"), field_name="program_id")
    contract = django_filters.NumberFilter(label=_("Contract"), field_name="contract_id")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("held_on", "held_on"), ("rating", "rating"), ("title", "title"))
    )

    class Meta:
        model = QualityReview
        fields = ["q", "rating", "program", "contract"]
