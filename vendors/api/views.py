from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet
from strategy.api.views import ServiceActionsMixin, _run

from ..filtersets import SourcingEventFilterSet, VendorFilterSet
from ..models import Proposal, SourcingEvent, Vendor
from ..selectors import evaluation_matrix
from ..services import (
    event_can_create,
    event_create,
    event_publish,
    event_update,
    vendor_can_create,
    vendor_create,
    vendor_update,
)
from .serializers import ProposalSerializer, SourcingEventSerializer, VendorSerializer


class VendorViewSet(ScopedModelViewSet):
    """The registry for staff; a vendor user reads only their own vendor."""

    model = Vendor
    serializer_class = VendorSerializer
    filterset_class = VendorFilterSet

    def can_create(self, user):
        return vendor_can_create(user)

    def service_create(self, *, by, data):
        return vendor_create(by=by, **data)

    def service_update(self, *, instance, by, data):
        return vendor_update(vendor=instance, by=by, **data)


class SourcingEventViewSet(ServiceActionsMixin, ScopedModelViewSet):
    """Sourcing events the caller may see (invited vendors: the published ones they are invited to).
    `publish` opens a draft; `ranking` is the comparison matrix (empty while proposals are sealed)."""

    model = SourcingEvent
    serializer_class = SourcingEventSerializer
    filterset_class = SourcingEventFilterSet
    service_actions = frozenset({"publish", "ranking"})

    def get_queryset(self):
        return super().get_queryset().prefetch_related("criteria", "requirements")

    def can_create(self, user):
        return event_can_create(user)

    def service_create(self, *, by, data):
        return _run(event_create, by=by, **data)

    def service_update(self, *, instance, by, data):
        return _run(event_update, event=instance, by=by, **{k: v for k, v in data.items() if k != "program"})

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        event = _run(event_publish, event=self.get_object(), by=request.user)
        return Response(SourcingEventSerializer(event, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["get"])
    def ranking(self, request, pk=None):
        """The ranked proposals with points per criterion and flags; staff only, never before the deadline."""
        event = self.get_object()
        if request.user.is_vendor_user:
            self.permission_denied(request)
        matrix = evaluation_matrix(event, request.user)
        return Response(
            {
                "sealed": not event.is_unsealed,
                "blind": matrix["blind"],
                "criteria": [{"id": c.pk, "name": c.name, "weight": c.weight} for c in matrix["criteria"]],
                "rows": [
                    {
                        "proposal": item["proposal"].pk,
                        "vendor": item["proposal"].vendor_id,
                        "price": item["row"].price,
                        "points": {str(k): v for k, v in item["row"].points.items()},
                        "total": item["row"].total,
                        "rank": item["row"].rank,
                        "disqualified": item["row"].disqualified,
                        "flags": sorted(item["row"].flags),
                    }
                    for item in matrix["rows"]
                ],
            }
        )


class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Proposals, read-only: a vendor's own; staff only after the event's submission deadline."""

    serializer_class = ProposalSerializer

    def get_queryset(self):
        return Proposal.objects.visible_to(self.request.user).order_by("pk")
