"""API conventions named in settings.REST_FRAMEWORK: the permission and the pagination."""

from rest_framework import pagination, permissions
from rest_framework.exceptions import MethodNotAllowed, PermissionDenied

# The HTTP method decides the action; the viewset decides who may do it.
METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class ActionPermission(permissions.BasePermission):
    """Maps the HTTP method to an action and asks the view whether the user may do it.

    Reading is scoped by the queryset (`visible_to`), so a record the user may not see is
    a 404. Changing a visible record the user may not edit is a 403.
    """

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if getattr(view, "staff_only", False) and user.is_vendor_user:
            return False
        method = request.method.lower()
        if method not in view.http_method_names or not hasattr(view, method):
            # A method the endpoint does not offer (a POST to a read-only endpoint) is 405 with
            # its Allow header, whoever asks: it is not a question of permission.
            raise MethodNotAllowed(request.method)
        action = METHOD_ACTIONS.get(request.method, "change")
        if action == "add":
            return bool(getattr(view, "can_create", lambda u: False)(user))
        return True

    def has_object_permission(self, request, view, obj):
        action = METHOD_ACTIONS.get(request.method, "change")
        if action == "view":
            return True
        editable = getattr(view, "get_editable_queryset", None)
        if editable is None or not editable().filter(pk=obj.pk).exists():
            raise PermissionDenied()
        return True


class Pagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M` (at most 200 a page)."""

    page_size_query_param = "page_size"
    max_page_size = 200
