from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet, referenced
from strategy.api.views import ServiceActionsMixin, _run

from ..choices import EventStatus
from ..filtersets import ProposalFilterSet, ScoreFilterSet, SourcingEventFilterSet, VendorFilterSet
from ..models import Criterion, Proposal, Score, SourcingEvent, Vendor
from ..selectors import evaluation_matrix
from ..services import (
    CHANGEABLE_AFTER_PUBLISHING,
    FIXED_ONCE_PUBLISHED,
    evaluator_submit,
    event_can_create,
    event_create,
    event_publish,
    event_update,
    score_save,
    vendor_can_create,
    vendor_create,
    vendor_update,
)
from .serializers import (
    ProposalSerializer,
    RankingSerializer,
    ScoreSerializer,
    ScoreSubmitSerializer,
    SourcingEventSerializer,
    VendorSerializer,
)


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
        return super().get_queryset().select_related("program").prefetch_related("criteria", "requirements")

    def can_create(self, user):
        return event_can_create(user)

    def service_create(self, *, by, data):
        return _run(event_create, by=by, **data)

    def service_update(self, *, instance, by, data):
        # event_update sets only what the event's status allows and leaves the rest as it was: a
        # PATCH of a published event's title answered 200 with the title unchanged. A field that
        # can no longer change is refused here, by name, when the request changes it.
        if instance.status != EventStatus.DRAFT:
            fixed = {
                name: [FIXED_ONCE_PUBLISHED]
                for name, value in data.items()
                if name not in CHANGEABLE_AFTER_PUBLISHING and value != getattr(instance, name)
            }
            if fixed:
                raise ValidationError(fixed)
        return _run(event_update, event=instance, by=by, **{k: v for k, v in data.items() if k != "program"})

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        event = _run(event_publish, event=self.get_object(), by=request.user)
        return Response(SourcingEventSerializer(event, context=self.get_serializer_context()).data)

    @extend_schema(responses=RankingSerializer)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def ranking(self, request, pk=None):
        """The ranked proposals with points per criterion and flags; staff only, never before the deadline."""
        event = self.get_object()
        if request.user.is_vendor_user:
            self.permission_denied(request)
        matrix = evaluation_matrix(event, request.user)
        return Response(
            RankingSerializer(
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
            ).data
        )


class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Proposals, read-only: a vendor's own; staff only after the event's submission deadline."""

    serializer_class = ProposalSerializer
    filterset_class = ProposalFilterSet

    def get_queryset(self):
        return Proposal.objects.visible_to(self.request.user).select_related("event__program").order_by("pk")


class ScoreViewSet(ScopedModelViewSet):
    """Evaluation scores. An evaluator sees only their own scores of an event until they submit
    their sheet (blind scoring); then, like the event's other readers, everyone's. Never vendors.
    POST saves the caller's score of a proposal on a criterion (0-10; once more replaces it), only
    while assigned, after the submission deadline and before they submit; `submit` makes the
    caller's sheet final."""

    model = Score
    serializer_class = ScoreSerializer
    staff_only = True
    filterset_class = ScoreFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("assignment").order_by("proposal_id", "criterion_id", "pk")

    def can_create(self, user):
        return not user.is_vendor_user

    def service_create(self, *, by, data):
        # Sealed, not one of the caller's programs, or unknown: the same 400 on the field.
        proposal = referenced(Proposal.objects.visible_to(by), data["proposal_id"], "proposal")
        criterion = Criterion.objects.filter(event_id=proposal.event_id, pk=data["criterion_id"]).first()
        if criterion is None:
            raise ValidationError({"criterion": [_("That criterion belongs to another event.")]})
        return _run(
            score_save,
            proposal=proposal,
            criterion=criterion,
            by=by,
            score=data["score"],
            comment=data.get("comment"),  # left out: the stored comment is kept; "" clears it
        )

    @extend_schema(request=ScoreSubmitSerializer, responses={200: ScoreSubmitSerializer})
    @action(detail=False, methods=["post"])
    def submit(self, request):
        """Submits the caller's score sheet of an event: final, and the others' scores show."""
        body = ScoreSubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        event = referenced(SourcingEvent.objects.visible_to(request.user), body.validated_data["event"], "event")
        _run(evaluator_submit, event=event, by=request.user)
        return Response({"event": event.pk})
