from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet, referenced

from .. import invoicing
from ..filtersets import InvoiceFilterSet
from ..models import Invoice
from .serializers import InvoiceDisputeSerializer, InvoiceSerializer, InvoiceSubmitSerializer


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied() from exc
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc


class InvoiceViewSet(ScopedModelViewSet):
    """Invoices: vendors submit (`POST`) and read their own; finance validates, approves
    (deducting applied credits) or disputes them; program staff read their programs'."""

    model = Invoice
    serializer_class = InvoiceSerializer
    filterset_class = InvoiceFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().select_related("contract").prefetch_related("lines", "deductions")

    def can_create(self, user):
        # Which contract a user may invoice is decided by the service (vendor users, own contracts).
        return user.is_authenticated

    @extend_schema(request=InvoiceSubmitSerializer, responses={201: InvoiceSerializer})
    def create(self, request, *args, **kwargs):
        payload = InvoiceSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        if not request.user.is_vendor_user:
            raise PermissionDenied()  # only a vendor invoices
        # Another vendor's contract, an unknown id or one not signed or active: 400 on the field.
        contract = referenced(invoicing.invoiceable_contracts(request.user), data.pop("contract"), "contract")
        invoice = _call(invoicing.invoice_submit, contract=contract, by=request.user, **data)
        return Response(InvoiceSerializer(invoice).data, status=status.HTTP_201_CREATED)

    def _decide(self, service, **kwargs):
        invoice = self.get_object()
        invoice = _call(service, invoice=invoice, by=self.request.user, **kwargs)
        return Response(InvoiceSerializer(Invoice.objects.get(pk=invoice.pk)).data)

    @extend_schema(request=None, responses={200: InvoiceSerializer})
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        return self._decide(invoicing.invoice_validate)

    @extend_schema(request=None, responses={200: InvoiceSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(invoicing.invoice_approve)

    @extend_schema(request=InvoiceDisputeSerializer, responses={200: InvoiceSerializer})
    @action(detail=True, methods=["post"])
    def dispute(self, request, pk=None):
        payload = InvoiceDisputeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._decide(invoicing.invoice_dispute, reason=payload.validated_data["reason"])
