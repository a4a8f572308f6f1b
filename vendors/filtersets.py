import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from .choices import EventKind, EventStatus, Tier, VendorStatus
from .models import SourcingEvent, Vendor


class VendorFilterSet(SearchFilterSet):
    """Used by the vendor registry page and /api/v1/vendors/ alike."""

    search_fields = ("name", "local_name", "registration_number", "country", "capabilities")
    tier = django_filters.ChoiceFilter(label=_("Tier"), choices=Tier.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=VendorStatus.choices)
    country = django_filters.CharFilter(label=_("Country"), lookup_expr="iexact")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("country", "country"), ("tier", "tier"), ("status", "status")),
    )

    class Meta:
        model = Vendor
        fields = ["q", "tier", "status", "country"]


def _visible_programs(request):
    from strategy.models import Program

    if request is None:
        return Program.objects.none()
    return Program.objects.visible_to(request.user)


class SourcingEventFilterSet(SearchFilterSet):
    """Used by the sourcing event list and /api/v1/sourcing-events/ alike."""

    search_fields = ("title", "scope", "program__code", "program__name")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EventStatus.choices)
    # Offer only the programs the user may see: the filter must not list other programs' names.
    program = RecordChoiceFilter(label=_("Program"), queryset=_visible_programs, kind="program")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("title", "title"), ("submission_deadline", "submission_deadline"), ("status", "status")),
    )

    class Meta:
        model = SourcingEvent
        fields = ["q", "kind", "status", "program"]
