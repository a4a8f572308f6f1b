"""Filters shared by the quality list pages and their API endpoints."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from ..filtersets import visible_contracts, visible_programs, visible_vendors
from .choices import AuditOutcome, ReviewRating
from .models import QualityAudit, QualityReview, QualityStandard


def _visible_standards(request):
    if request is None:
        return QualityStandard.objects.none()
    return (
        QualityStandard.objects.visible_to(request.user)
        .select_related("program")
        .order_by("program__code", "process", "metric")
    )


class StandardChoiceField(forms.ModelChoiceField):
    """A program has a handful of standards: a drop-down of those the user may see, each named
    with its program's code."""

    def label_from_instance(self, obj):
        return f"{obj.program.code} · {obj}"


class StandardChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = StandardChoiceField


class StandardFilterSet(SearchFilterSet):
    search_fields = ("process", "metric", "description", "program__code", "program__name")
    program = RecordChoiceFilter(label=_("Program"), queryset=visible_programs, kind="program")
    is_active = django_filters.BooleanFilter(label=_("Active"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("process", "process"), ("program__code", "program"), ("target", "target"))
    )

    class Meta:
        model = QualityStandard
        fields = ["q", "program", "is_active"]


class AuditFilterForm(forms.Form):
    """The audit filters' form: a date range whose end is before its start is an error next to
    the end (the list showed nothing, silently; the API answers 400)."""

    def clean(self):
        data = super().clean()
        start, end = data.get("audited_from"), data.get("audited_to")
        if start and end and end < start:
            # With a code: the API's error body requires one (the schema's ValidationError).
            self.add_error(
                "audited_to",
                forms.ValidationError(_("The end of the range cannot be before its start."), code="invalid"),
            )
        return data


class AuditFilterSet(SearchFilterSet):
    search_fields = ("standard__process", "standard__metric", "findings", "contract__number", "contract__vendor__name")
    outcome = django_filters.ChoiceFilter(label=_("Result"), choices=AuditOutcome.choices)
    standard = StandardChoiceFilter(label=_("Standard"), queryset=_visible_standards)
    contract = RecordChoiceFilter(label=_("Contract"), queryset=visible_contracts, kind="contract")
    vendor = RecordChoiceFilter(
        label=_("Vendor"), queryset=visible_vendors, field_name="contract__vendor", kind="vendor"
    )
    audited_from = django_filters.DateFilter(label=_("Audited from"), field_name="audited_on", lookup_expr="gte")
    audited_to = django_filters.DateFilter(label=_("Audited to"), field_name="audited_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("audited_on", "audited_on"), ("defect_rate", "defect_rate"), ("outcome", "outcome")),
    )

    class Meta:
        model = QualityAudit
        form = AuditFilterForm
        fields = ["q", "outcome", "standard", "contract", "vendor"]


class ReviewFilterSet(SearchFilterSet):
    search_fields = ("title", "summary", "findings", "program__code", "contract__number")
    rating = django_filters.ChoiceFilter(label=_("Rating"), choices=ReviewRating.choices)
    program = RecordChoiceFilter(label=_("Program"), queryset=visible_programs, kind="program")
    contract = RecordChoiceFilter(label=_("Contract"), queryset=visible_contracts, kind="contract")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("held_on", "held_on"), ("rating", "rating"), ("title", "title"))
    )

    class Meta:
        model = QualityReview
        fields = ["q", "rating", "program", "contract"]
