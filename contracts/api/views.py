from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from bpo.core.api import ScopedModelViewSet, _as_api_validation
from bpo.core.locking import etag

from .. import filtersets, services
from ..filtersets import ContractFilterSet
from ..models import ChangeRequest, Contract, Dispute, Obligation, RateCardLine, ServiceLevel
from .serializers import (
    AmendmentWithdrawSerializer,
    ChangeAssessSerializer,
    ChangeDecisionSerializer,
    ChangeRequestSerializer,
    ContractSerializer,
    ServiceLevelSerializer,
)


class ContractViewSet(ScopedModelViewSet):
    """Contracts the caller may see (vendors: their own, once approved); managers create and edit drafts."""

    model = Contract
    serializer_class = ContractSerializer
    filterset_class = ContractFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("program", "vendor")

    def can_create(self, user):
        return services.contract_can_create(user)

    def service_create(self, *, by, data):
        return services.contract_create(by=by, **data)

    def service_update(self, *, instance, by, data):
        return services.contract_update(contract=instance, by=by, **data)


class ServiceLevelViewSet(ScopedModelViewSet):
    """Service levels of the contracts the caller may see; changed by managers while the contract is a draft."""

    model = ServiceLevel
    serializer_class = ServiceLevelSerializer
    filterset_class = filtersets.ServiceLevelFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("contract").order_by("contract_id", "code")

    def can_create(self, user):
        return services.contract_can_create(user)

    def service_create(self, *, by, data):
        contract = data.pop("contract")
        if not Contract.objects.editable_by(by).filter(pk=contract.pk).exists():
            raise PermissionDenied()
        try:
            return services.service_level_create(contract=contract, by=by, **data)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc

    def service_update(self, *, instance, by, data):
        data.pop("contract", None)
        return services.service_level_update(service_level=instance, by=by, **data)


def _contract_for(by, contract):
    """The contract a new record goes under must be one the caller may see (404 otherwise)."""
    from rest_framework.exceptions import NotFound

    if not Contract.objects.visible_to(by).filter(pk=contract.pk).exists():
        raise NotFound()
    return contract


class _ContractChildViewSet(ScopedModelViewSet):
    def get_queryset(self):
        return super().get_queryset().order_by("contract_id", "pk")

    def can_create(self, user):
        return user.is_authenticated

    def perform_create(self, serializer):
        try:
            super().perform_create(serializer)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc

    def perform_update(self, serializer):
        try:
            super().perform_update(serializer)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc


class ObligationViewSet(_ContractChildViewSet):
    """Obligations of both parties; managers add and change them."""

    model = Obligation
    filterset_class = filtersets.ObligationFilterSet

    def get_serializer_class(self):
        from .serializers import ObligationSerializer

        return ObligationSerializer

    def service_create(self, *, by, data):
        contract = _contract_for(by, data.pop("contract"))
        return services.obligation_create(contract=contract, by=by, **data)

    def service_update(self, *, instance, by, data):
        data.pop("contract", None)
        return services.obligation_update(obligation=instance, by=by, **data)


class ChangeRequestViewSet(_ContractChildViewSet):
    """Change requests; staff and the contract's vendor raise them. The program's managers (and
    administrators) `assess`, `decide` and `withdraw` a waiting amendment, as on the change request's
    page and through the same services: a caller who reads the change but does not manage its
    contract gets 403, one who does not read it 404, a refused step 400 with the reason."""

    model = ChangeRequest
    filterset_class = filtersets.ChangeRequestFilterSet

    http_method_names = ["get", "post", "head", "options"]
    # The steps honour If-Match (409 when the change request changed since it was read), as PATCH does.
    locked_actions = ("assess", "decide", "withdraw")

    def get_serializer_class(self):
        from .serializers import ChangeRequestSerializer

        return ChangeRequestSerializer

    def service_create(self, *, by, data):
        contract = _contract_for(by, data.pop("contract"))
        return services.change_request_create(contract=contract, by=by, **data)

    def _step(self, service, payload_class):
        """Runs one step of the change on the change request of the URL: found among those the caller
        reads (404), managed by them (403, ActionPermission on a POST), the body checked (400), then the
        service under If-Match; answers the change request as stored, with its new ETag."""
        change = self.get_object()
        payload = payload_class(data=self.request.data)
        payload.is_valid(raise_exception=True)
        with transaction.atomic():
            self._check_if_match(change)
            with _as_api_validation():
                try:
                    service(change=change, by=self.request.user, **payload.validated_data)
                except DjangoPermissionDenied as exc:
                    raise PermissionDenied() from exc
        stored = ChangeRequest.objects.get(pk=change.pk)
        data = ChangeRequestSerializer(stored, context=self.get_serializer_context()).data
        return Response(data, headers={"ETag": etag(stored)})

    @extend_schema(request=ChangeAssessSerializer, responses={200: ChangeRequestSerializer})
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        """Records the impact on cost, schedule and scope (and the effective date) of a submitted or
        assessed change request; a decided one is refused (400)."""
        return self._step(services.change_request_assess, ChangeAssessSerializer)

    @extend_schema(request=ChangeDecisionSerializer, responses={200: ChangeRequestSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Approves an assessed change request (the next version of the terms is recorded, in force
        from its effective date: applied at once when the day has come, else waiting for it) or rejects
        it with reasons. Refused (400) before it is assessed, when the contract already has a waiting
        amendment, or for an effective date the contract does not allow."""
        return self._step(_decide, ChangeDecisionSerializer)

    @extend_schema(request=AmendmentWithdrawSerializer, responses={200: ChangeRequestSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraws an approved amendment still waiting for its effective date: its version is removed
        and the change request is closed without change (rejected, the reason recorded). Refused (400)
        once it took effect or a later version was recorded."""
        return self._step(services.amendment_withdraw, AmendmentWithdrawSerializer)


def _decide(*, change, by, approve, effective_date=None, decision_comments=""):
    """change_request_decide, its `comments` sent as `decision_comments` (the record's field, which
    its refusals name)."""
    return services.change_request_decide(
        change=change, by=by, approve=approve, effective_date=effective_date, comments=decision_comments
    )


class DisputeViewSet(_ContractChildViewSet):
    """Disputes; staff and the contract's vendor raise them."""

    model = Dispute
    filterset_class = filtersets.DisputeFilterSet

    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        from .serializers import DisputeSerializer

        return DisputeSerializer

    def service_create(self, *, by, data):
        contract = _contract_for(by, data.pop("contract"))
        return services.dispute_open(contract=contract, by=by, **data)


class RateCardLineViewSet(_ContractChildViewSet):
    """The rate card's lines; managers add, change and delete them while the contract is a draft
    (a line billed on an invoice keeps its rate and cannot be deleted)."""

    model = RateCardLine
    filterset_class = filtersets.RateCardLineFilterSet
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_serializer_class(self):
        from .serializers import RateCardLineSerializer

        return RateCardLineSerializer

    def get_queryset(self):
        return super().get_queryset().order_by("contract_id", "item", "unit")

    def service_create(self, *, by, data):
        contract = _contract_for(by, data.pop("contract"))
        return services.rate_card_line_create(contract=contract, by=by, **data)

    def service_update(self, *, instance, by, data):
        data.pop("contract", None)
        return services.rate_card_line_update(line=instance, by=by, **data)

    def perform_destroy(self, instance):
        from bpo.core.api import _as_api_validation

        try:
            with _as_api_validation():
                services.rate_card_line_delete(line=instance, by=self.request.user)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied() from exc
