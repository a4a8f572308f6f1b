from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet
from contracts.models import Contract
from strategy.models import Program
from vendors.models import Vendor

from .. import services
from ..choices import SCOPE_FIELDS, ReportStatus
from ..models import ReportRequest
from .serializers import ReportCreateSerializer, ReportSerializer


class ReportViewSet(ScopedModelViewSet):
    """Reports: `POST` asks for one (generated in the background from what you may see), `GET`
    follows its status and progress, `download` returns the file once it is done. A report is its
    requester's (administrators see all); staff only."""

    model = ReportRequest
    serializer_class = ReportSerializer
    staff_only = True
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("requested_by")

    def can_create(self, user):
        return user.is_authenticated and not user.is_vendor_user

    @extend_schema(request=ReportCreateSerializer, responses={201: ReportSerializer})
    def create(self, request, *args, **kwargs):
        payload = ReportCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        kind = data.get("kind")
        errors = {}
        for name, model in (("program", Program), ("contract", Contract), ("vendor", Vendor)):
            pk = data.get(name)
            if pk and name not in SCOPE_FIELDS.get(kind, ()):
                # The report would not read it: say so rather than silently cover something else.
                errors[name] = [_("This report is not about one; leave it out.")]
                continue
            data[name] = model.objects.filter(pk=pk).first() if pk else None
            if pk and data[name] is None:  # the same answer as for a record the caller may not see
                errors[name] = [_("You cannot see this record.")]
        if errors:
            raise ValidationError(errors)
        try:
            report = services.report_request(by=request.user, **data)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        report.refresh_from_db()
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        report = self.get_object()
        if report.status != ReportStatus.DONE or not report.file:
            raise NotFound()
        try:
            handle = default_storage.open(report.file.name, "rb")
        except FileNotFoundError as exc:
            raise NotFound() from exc
        return FileResponse(handle, as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1])
