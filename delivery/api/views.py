from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, PermissionDenied, ValidationError
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet, referenced
from contracts.models import Contract

from .. import services
from ..choices import BatchSource
from ..filtersets import SampleFilterSet
from ..models import Sample
from .serializers import BulkResultSerializer, BulkSamplesSerializer, ExclusionSerializer, SampleSerializer


class SampleViewSet(ScopedModelViewSet):
    """Measurement samples of the contracts the caller may see. Send new ones with `POST bulk/`."""

    model = Sample
    serializer_class = SampleSerializer
    filterset_class = SampleFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("service_level").order_by("-measured_at", "-pk")

    def can_create(self, user):
        # Who may send samples is decided per contract by the service; plain create is not offered.
        return user.is_authenticated

    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed("POST")

    @extend_schema(request=BulkSamplesSerializer, responses={201: BulkResultSerializer})
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """All or nothing: every bad item is reported (`samples.N`, counted from 1); re-sending adds no duplicates."""
        payload = BulkSamplesSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        contract = referenced(Contract.objects.visible_to(request.user), payload.validated_data["contract"], "contract")
        rows = services.parse_api_rows(payload.validated_data["samples"])
        try:
            batch = services.samples_submit(contract=contract, by=request.user, rows=rows, source=BatchSource.API)
        except services.IntakeError as exc:
            raise ValidationError(
                {
                    "samples": {str(e.line): [e.reason] for e in exc.rows}
                    if any(e.line for e in exc.rows)
                    else [e.reason for e in exc.rows]
                }
            ) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc
        return Response(
            {"batch": batch.pk, "received": batch.row_count, "created": batch.new_count}, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=ExclusionSerializer, responses={200: SampleSerializer})
    @action(detail=True, methods=["post"])
    def exclusion(self, request, pk=None):
        """Staff flag a sample as an approved exclusion (with a reason) or clear the flag."""
        sample = self.get_object()
        payload = ExclusionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            sample = services.sample_set_exclusion(sample=sample, by=request.user, **payload.validated_data)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
        return Response(SampleSerializer(sample).data)
