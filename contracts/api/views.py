from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework.exceptions import PermissionDenied

from bpo.core.api import ScopedModelViewSet

from .. import services
from ..filtersets import ContractFilterSet
from ..models import Contract, ServiceLevel
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
    filterset_fields = ["contract", "kind", "measure", "period"]

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
