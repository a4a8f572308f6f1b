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
