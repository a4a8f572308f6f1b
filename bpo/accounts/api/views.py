"""/api/v1/notification-preferences/: the signed-in user's own preferences, one per kind of event."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets

from bpo.core.notifications import Preference, preference_table
from bpo.core.services import notification_preferences_set

from ..choices import NotificationCategory
from ..models import NotificationPreference
from .serializers import NotificationPreferenceSerializer

CATEGORY = OpenApiParameter("event_category", str, OpenApiParameter.PATH, enum=NotificationCategory.values)


@extend_schema(parameters=[CATEGORY])
class NotificationPreferenceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """Your own notification preferences: `GET` lists every kind of event (defaults included);
    `PUT`/`PATCH` `/<event_category>/` changes one. Nobody reads or changes another user's."""

    serializer_class = NotificationPreferenceSerializer
    queryset = NotificationPreference.objects.none()  # for the schema; rows come from get_queryset
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "event_category"
    lookup_value_regex = "[a-z_]+"
    pagination_class = None
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return NotificationPreference.objects.none()
        return preference_table(self.request.user)

    def get_object(self) -> Preference:
        wanted = self.kwargs[self.lookup_field]
        for pref in self.get_queryset():
            if pref.category == wanted:
                return pref
        raise Http404

    def perform_update(self, serializer):
        pref, data = serializer.instance, serializer.validated_data
        row = {
            "category": pref.category,
            "in_app": data.get("in_app", pref.in_app),
            "email": data.get("email", pref.email),
            "delivery": data.get("delivery", pref.delivery),
        }
        notification_preferences_set(user=self.request.user, rows=[row])
        serializer.instance = self.get_object()
