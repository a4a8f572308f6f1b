import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from ..filtersets import visible_contracts, visible_vendors
from .choices import ScorecardStatus
from .models import Scorecard

BAND_CHOICES = [
    ("excellent", _("Excellent")),
    ("good", _("Good")),
    ("needs_improvement", _("Needs improvement")),
    ("unsatisfactory", _("Unsatisfactory")),
]


class ScorecardFilterSet(SearchFilterSet):
    """Used by the scorecards page and /api/v1/scorecards/ alike."""

    search_fields = ("contract__number", "contract__vendor__name")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ScorecardStatus.choices)
    band = django_filters.ChoiceFilter(label=_("Band"), choices=BAND_CHOICES)
    contract = RecordChoiceFilter(label=_("Contract"), queryset=visible_contracts, kind="contract")
    vendor = RecordChoiceFilter(
        label=_("Vendor"), queryset=visible_vendors, field_name="contract__vendor", kind="vendor"
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("period__start", "period"), ("total", "total"), ("status", "status")),
    )

    class Meta:
        model = Scorecard
        fields = ["q", "status", "band"]
