"""The scoped viewset every app's API uses."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A model viewset whose reads start from `visible_to(user)` and writes from `editable_by(user)`."""

    model = None
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_editable_queryset(self):
        return self.model.objects.editable_by(self.request.user)

    def can_create(self, user) -> bool:
        return False

    # Writes go through the app's service; a refusal becomes a 400 with the field errors.
    def service_create(self, *, by, data):
        raise NotImplementedError

    def service_update(self, *, instance, by, data):
        raise NotImplementedError

    def perform_create(self, serializer):
        with _as_api_validation():
            serializer.instance = self.service_create(by=self.request.user, data=serializer.validated_data)

    def perform_update(self, serializer):
        with _as_api_validation():
            serializer.instance = self.service_update(
                instance=serializer.instance, by=self.request.user, data=serializer.validated_data
            )


@contextmanager
def _as_api_validation():
    try:
        yield
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
