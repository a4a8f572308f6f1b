"""Filters shared by the improvement list pages and their API endpoints."""

import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter
from strategy.choices import Phase

from ..filtersets import visible_contracts, visible_programs
from .choices import InitiativeStatus, LessonCategory
from .models import ImprovementInitiative, Lesson


class InitiativeFilterSet(SearchFilterSet):
    search_fields = ("title", "description", "program__code", "program__name")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InitiativeStatus.choices)
    program = RecordChoiceFilter(label=_("Program"), queryset=visible_programs, kind="program")
    contract = RecordChoiceFilter(label=_("Contract"), queryset=visible_contracts, kind="contract")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("proposed_at", "proposed"),
            ("title", "title"),
            ("status", "status"),
            ("expected_benefit", "expected"),
        ),
    )

    class Meta:
        model = ImprovementInitiative
        fields = ["q", "status", "program", "contract"]


class LessonFilterSet(SearchFilterSet):
    """`q`: every word must appear in the title, the lesson or the tags (English or Chinese alike)."""

    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Phase.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=LessonCategory.choices)
    program = RecordChoiceFilter(label=_("Program"), queryset=visible_programs, kind="program")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=(("created_at", "recorded"), ("title", "title"), ("phase", "phase"))
    )

    class Meta:
        model = Lesson
        fields = ["q", "phase", "category", "program"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset
