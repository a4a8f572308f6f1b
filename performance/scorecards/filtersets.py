import django_filters
from django.db.models import Case, F, Q, When
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


def _reads_as_published(filterset) -> bool:
    """A vendor user reads an out-of-date scorecard as published (Scorecard.as_published): its band
    and total filter and sort by those figures, or a filter would tell the ones under review."""
    user = getattr(filterset.request, "user", None)
    return user is not None and user.is_authenticated and user.is_vendor_user


class _Ordering(django_filters.OrderingFilter):
    def filter(self, qs, value):
        if not value or not _reads_as_published(self.parent):
            return super().filter(qs, value)
        shown = Case(When(outdated_at__isnull=False, then=F("published_total")), default=F("total"))
        ordering = [self.get_ordering_value(param) for param in value]
        ordering = [o.replace("total", "shown_total") if o.lstrip("-") == "total" else o for o in ordering]
        return qs.annotate(shown_total=shown).order_by(*ordering)


class ScorecardFilterSet(SearchFilterSet):
    """Used by the scorecards page and /api/v1/scorecards/ alike."""

    search_fields = ("contract__number", "contract__vendor__name")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ScorecardStatus.choices)
    band = django_filters.ChoiceFilter(label=_("Band"), choices=BAND_CHOICES, method="filter_band")
    contract = RecordChoiceFilter(label=_("Contract"), queryset=visible_contracts, kind="contract")
    vendor = RecordChoiceFilter(
        label=_("Vendor"), queryset=visible_vendors, field_name="contract__vendor", kind="vendor"
    )
    ordering = _Ordering(
        label=_("Sort by"),
        fields=(("period__start", "period"), ("total", "total"), ("status", "status")),
    )

    class Meta:
        model = Scorecard
        fields = ["q", "status", "band"]

    def filter_band(self, queryset, name, value):
        if not _reads_as_published(self):
            return queryset.filter(band=value)
        return queryset.filter(
            Q(outdated_at__isnull=True, band=value) | Q(outdated_at__isnull=False, published_band=value)
        )
