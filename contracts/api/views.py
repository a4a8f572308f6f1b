from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework.exceptions import PermissionDenied

from bpo.core.api import ScopedModelViewSet

from .. import filtersets, services
from ..filtersets import ContractFilterSet
from ..models import ChangeRequest, Contract, Dispute, Obligation, RateCardLine, ServiceLevel
from .serializers import ContractSerializer, ServiceLevelSerializer


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
    """Change requests; staff and the contract's vendor raise them, managers assess and decide on the page."""

    model = ChangeRequest
    filterset_class = filtersets.ChangeRequestFilterSet

    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        from .serializers import ChangeRequestSerializer

        return ChangeRequestSerializer

    def service_create(self, *, by, data):
        contract = _contract_for(by, data.pop("contract"))
        return services.change_request_create(contract=contract, by=by, **data)


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
