import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet

from .choices import ApprovalStatus, Phase
from .models import Program


class ProgramFilterSet(SearchFilterSet):
    """Used by the program list page and /api/v1/programs/ alike."""

    search_fields = ("code", "name", "business_unit", "description")
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Phase.choices)
    status = django_filters.ChoiceFilter(label=_("Approval"), choices=ApprovalStatus.choices)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("code", "code"),
            ("name", "name"),
            ("phase", "phase"),
            ("status", "status"),
            ("start_date", "start_date"),
        ),
    )

    class Meta:
        model = Program
        fields = ["q", "phase", "status"]
