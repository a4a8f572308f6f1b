import django_filters
from django.utils.translation import gettext_lazy as _

from bpo.core.filters import SearchFilterSet
from bpo.core.pickers import RecordChoiceFilter

from .choices import EventKind, EventStatus, ProposalStatus, Tier, VendorStatus
from .models import Criterion, Proposal, Score, SourcingEvent, Vendor


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


def _visible_events(request):
    if request is None:
        return SourcingEvent.objects.none()
    return SourcingEvent.objects.visible_to(request.user).order_by("-submission_deadline", "-pk")


def _visible_vendors(request):
    if request is None:
        return Vendor.objects.none()
    return Vendor.objects.visible_to(request.user)


def _visible_proposals(request):
    if request is None:
        return Proposal.objects.none()
    return Proposal.objects.visible_to(request.user)


def _visible_criteria(request):
    if request is None:
        return Criterion.objects.none()
    return Criterion.objects.filter(event__in=SourcingEvent.objects.visible_to(request.user))


class ProposalFilterSet(SearchFilterSet):
    """/api/v1/proposals/: an event or vendor the caller may not see (or that does not exist) is
    the filter's error, a 400 with no rows, never every row."""

    search_fields = ("vendor__name", "vendor__local_name")
    event = django_filters.ModelChoiceFilter(label=_("Sourcing event"), queryset=_visible_events)
    vendor = RecordChoiceFilter(label=_("Vendor"), queryset=_visible_vendors, kind="vendor")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalStatus.choices)

    class Meta:
        model = Proposal
        fields = ["q", "event", "vendor", "status"]


class ScoreFilterSet(SearchFilterSet):
    """/api/v1/scores/: filters on an event, a proposal or a criterion the caller may see; any
    other value is a 400 naming the field, with no rows."""

    search_fields = ("comment",)
    event = django_filters.ModelChoiceFilter(
        label=_("Sourcing event"), queryset=_visible_events, field_name="proposal__event"
    )
    proposal = django_filters.ModelChoiceFilter(label=_("Proposal"), queryset=_visible_proposals)
    criterion = django_filters.ModelChoiceFilter(label=_("Criterion"), queryset=_visible_criteria)

    class Meta:
        model = Score
        fields = ["q", "event", "proposal", "criterion"]
