"""Reading a record for a page: 404 when the user may not see it, 403 when they may see but not change it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def get_visible_or_404(model, user, **lookup):
    return get_object_or_404(model.objects.visible_to(user), **lookup)


def get_editable_or_403(model, user, **lookup):
    obj = get_visible_or_404(model, user, **lookup)
    if not model.objects.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


class StaffRequiredMixin:
    """Staff pages: a vendor user never gets here (DoorMiddleware), but keep the rule explicit."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_vendor_user:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def get_program_part_or_404(user, pk, part: str):
    """The program `pk` for a page of its `part` (bpo.core.scoping CONTENT, MONEY or CONTRACTS):
    404 unless the user reads that part of it. Finance and legal read every program's header
    (get_visible_or_404) but its plan, say, only as members."""
    from strategy.models import Program

    return get_object_or_404(Program.objects.reading(user, part), pk=pk)
