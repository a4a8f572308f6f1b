from bpo.core.api import ScopedModelViewSet

from ..filtersets import ProgramFilterSet
from ..models import Program
from ..services import program_can_create, program_create, program_update
from .serializers import ProgramSerializer


class ProgramViewSet(ScopedModelViewSet):
    """Programs the caller may see; managers and administrators change them."""

    model = Program
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet
    staff_only = True

    def get_queryset(self):
        return super().get_queryset().select_related("sponsor")

    def can_create(self, user):
        return program_can_create(user)

    def service_create(self, *, by, data):
        return program_create(by=by, **data)

    def service_update(self, *, instance, by, data):
        return program_update(program=instance, by=by, **data)
