from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet

from .. import services
from ..filtersets import ActionFilterSet, DrillFilterSet, IncidentFilterSet, PlanFilterSet, RiskFilterSet
from ..models import ContingencyPlan, CorrectiveAction, Drill, Incident, Risk, RiskReview
from .serializers import (
    AssessSerializer,
    CorrectiveActionSerializer,
    DrillSerializer,
    IncidentSerializer,
    PlanSerializer,
    RiskReviewSerializer,
    RiskSerializer,
)

READ_ONLY = ["get", "head", "options"]


class RiskViewSet(ScopedModelViewSet):
    """The risk register of the programs the caller may see; managers and contributors change it."""

    model = Risk
    serializer_class = RiskSerializer
    filterset_class = RiskFilterSet
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().select_related("program", "vendor", "owner")

    def can_create(self, user):
        return services.can_create_in_any_program(user)

    def service_create(self, *, by, data):
        return services.risk_create(by=by, **data)

    def service_update(self, *, instance, by, data):
        return services.risk_update(risk=instance, by=by, **data)

    @extend_schema(request=AssessSerializer, responses={201: RiskReviewSerializer})
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        """Scores the risk (inherent and residual); the assessment is kept in its history."""
        risk = self.get_object()
        self.check_object_permissions(request, risk)
        serializer = AssessSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            review = services.risk_assess(risk=risk, by=request.user, **serializer.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
        return Response(RiskReviewSerializer(review).data, status=status.HTTP_201_CREATED)


class RiskReviewViewSet(ScopedModelViewSet):
    """Assessment history, newest first. Filter with `?risk=<id>`."""

    model = RiskReview
    serializer_class = RiskReviewSerializer
    http_method_names = READ_ONLY
    staff_only = True
    filterset_fields = ["risk"]


class PlanViewSet(ScopedModelViewSet):
    model = ContingencyPlan
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    http_method_names = READ_ONLY
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().prefetch_related("steps")


class DrillViewSet(ScopedModelViewSet):
    model = Drill
    serializer_class = DrillSerializer
    filterset_class = DrillFilterSet
    http_method_names = READ_ONLY
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().prefetch_related("objectives", "findings", "participants")


class IncidentViewSet(ScopedModelViewSet):
    model = Incident
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    http_method_names = READ_ONLY
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().select_related("program")  # its time zone, for every row


class CorrectiveActionViewSet(ScopedModelViewSet):
    model = CorrectiveAction
    serializer_class = CorrectiveActionSerializer
    filterset_class = ActionFilterSet
    http_method_names = READ_ONLY
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().select_related("program")  # its time zone, for every row
