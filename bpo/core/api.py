"""The scoped viewset every app's API uses."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import status, viewsets
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.fields import Field
from rest_framework.permissions import SAFE_METHODS
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField, RelatedField
from rest_framework.response import Response
from rest_framework.serializers import ListSerializer

from .filters import visible_only
from .locking import PreconditionConflict, etag, fingerprint, if_match_accepts, lock_current


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A model viewset whose reads start from `visible_to(user)` and writes from `editable_by(user)`.

    Optimistic locking: a record's GET and its PUT/PATCH answers carry an `ETag` (the record's
    fingerprint, bpo.core.locking); a PUT/PATCH/DELETE sent with `If-Match` is refused with 409
    Conflict when the stored record no longer has that ETag. Without `If-Match` the write is not
    checked.
    """

    model = None
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    # Read by bpo.core.openapi.AutoSchema to document ETag / If-Match / 409.
    optimistic_locking = True
    # Fields set when the record is created and never changed (a task stays in its program): read
    # only in a PUT/PATCH, so a different value is a 400 on the field (bpo.core.drf: read-only
    # fields are accepted only unchanged) rather than silently ignored.
    fixed_on_update: tuple[str, ...] = ()

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_editable_queryset(self):
        return self.model.objects.editable_by(self.request.user)

    def can_create(self, user) -> bool:
        return False

    def get_serializer(self, *args, **kwargs):
        """The serializer, its writable related fields (`program`, `contract`...) accepting only
        the records the user may see: a hidden one is refused as a missing one is, 400 "Invalid
        pk" on the field (it answered 403 from the service, which told that it exists)."""
        serializer = super().get_serializer(*args, **kwargs)
        if self.request is not None and self.request.method not in SAFE_METHODS:
            scope_related_fields(serializer, self.request.user)
            if self.request.method in ("PUT", "PATCH") and getattr(serializer, "instance", None) is not None:
                for name in self.fixed_on_update:
                    if name in serializer.fields:
                        serializer.fields[name].read_only = True
        return serializer

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance)
        return Response(serializer.data, headers={"ETag": etag(instance)})

    def _check_if_match(self, instance) -> None:
        """With `If-Match`: the record is locked until the write commits, and refused (409) when
        it no longer has that ETag. Call after get_object, so 404 / 403 come first."""
        if_match = self.request.headers.get("If-Match")
        if if_match:
            current = lock_current(instance)
            if current is None or not if_match_accepts(if_match, fingerprint(current)):
                raise PreconditionConflict()

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            if request.headers.get("If-Match"):
                self._check_if_match(self.get_object())
            response = super().update(request, *args, **kwargs)
        if response.status_code == 200:
            # Re-read: the stored values (decimals, dates) are what the next GET fingerprints.
            lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
            stored = self.model._default_manager.filter(**{self.lookup_field: lookup}).first()
            if stored is not None:
                response["ETag"] = etag(stored)
        return response

    def destroy(self, request, *args, **kwargs):
        """A DELETE (where the viewset allows it) honours `If-Match` as PUT/PATCH do."""
        with transaction.atomic():
            instance = self.get_object()
            self._check_if_match(instance)
            self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

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


def scope_related_fields(serializer, user) -> None:
    """Narrows each writable related field of `serializer` to the records `user` may see
    (bpo.core.filters.visible_only): the same rule as the filters' (scope_related_filters)."""
    if isinstance(serializer, ListSerializer):
        serializer = serializer.child
    for field in serializer.fields.values():
        relation = field.child_relation if isinstance(field, ManyRelatedField) else field
        if isinstance(relation, RelatedField) and not relation.read_only and relation.queryset is not None:
            relation.queryset = visible_only(relation.queryset, user)


@contextmanager
def _as_api_validation():
    try:
        yield
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc


def referenced(queryset, pk, field: str):
    """The record `pk` of `queryset` (already narrowed to what the caller may use), for an id sent
    as a plain integer field: a missing id, a hidden one, or none at all is the same 400 on `field`
    that a related field answers ("Invalid pk"), not a 404 that would read as a wrong address."""
    if pk in (None, ""):
        raise ValidationError({field: [ErrorDetail(Field.default_error_messages["required"], code="required")]})
    record = queryset.filter(pk=pk).first()
    if record is None:
        message = PrimaryKeyRelatedField.default_error_messages["does_not_exist"].format(pk_value=pk)
        raise ValidationError({field: [ErrorDetail(message, code="does_not_exist")]})
    return record
