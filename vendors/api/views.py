from bpo.core.api import ScopedModelViewSet

from ..filtersets import VendorFilterSet
from ..models import Vendor
from ..services import vendor_can_create, vendor_create, vendor_update
from .serializers import VendorSerializer


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
