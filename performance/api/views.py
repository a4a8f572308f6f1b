from rest_framework import viewsets

from ..filtersets import CreditFilterSet, PeriodFilterSet, ResultFilterSet
from ..models import Credit, Period, Result
from .serializers import CreditSerializer, PeriodSerializer, ResultSerializer


class _ReadOnly(viewsets.ReadOnlyModelViewSet):
    """Engine output is read-only through the API; it is computed, never typed."""

    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)


class PeriodViewSet(_ReadOnly):
    model = Period
    serializer_class = PeriodSerializer
    filterset_class = PeriodFilterSet

    def get_queryset(self):
        return super().get_queryset().order_by("contract_id", "kind", "start")


class ResultViewSet(_ReadOnly):
    """Service-level results per period (vendors: their own contracts)."""

    model = Result
    serializer_class = ResultSerializer
    filterset_class = ResultFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("period", "service_level").order_by("-period__start", "pk")


class CreditViewSet(_ReadOnly):
    """Service credits (vendors: their own contracts; finance: all)."""

    model = Credit
    serializer_class = CreditSerializer
    filterset_class = CreditFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("period", "service_level").order_by("-period__start", "pk")
