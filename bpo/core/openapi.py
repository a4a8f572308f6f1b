"""The schema class every API view uses (DEFAULT_SCHEMA_CLASS); kept apart from the schema
view, which drf-spectacular's views module imports while DRF loads this class."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from drf_standardized_errors.openapi import AutoSchema as StandardizedErrorsAutoSchema
from drf_standardized_errors.openapi_serializers import ClientErrorEnum, ValidationErrorEnum
from rest_framework import serializers


class ValidationErrorItemSerializer(serializers.Serializer):
    """One validation error: `attr` names the field (dotted for nested ones), or is null."""

    code = serializers.CharField()
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)

    class Meta:
        ref_name = "ValidationErrorItem"


class ValidationErrorResponseSerializer(serializers.Serializer):
    """The body of every 400 validation error."""

    type = serializers.ChoiceField(choices=ValidationErrorEnum.choices)
    errors = ValidationErrorItemSerializer(many=True)

    class Meta:
        ref_name = "ValidationError"


class ConflictErrorItemSerializer(serializers.Serializer):
    """The one error of a 409: code `conflict`, `attr` null."""

    code = serializers.CharField(help_text="`conflict`")
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)

    class Meta:
        ref_name = "ConflictErrorItem"


class ConflictErrorResponseSerializer(serializers.Serializer):
    """The body of a 409: the record changed since the ETag sent in If-Match."""

    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = ConflictErrorItemSerializer(many=True)

    class Meta:
        ref_name = "ConflictErrorResponse"


class RequestTooLargeErrorItemSerializer(serializers.Serializer):
    """The one error of a 413: code `request_too_large`, `attr` null."""

    code = serializers.ChoiceField(choices=[("request_too_large", "request_too_large")])
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)

    class Meta:
        ref_name = "RequestTooLargeErrorItem"


class RequestTooLargeErrorResponseSerializer(serializers.Serializer):
    """The body of a 413: the request body is larger than the server reads (DATA_UPLOAD_MAX_MEMORY_SIZE)."""

    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = RequestTooLargeErrorItemSerializer(many=True)

    class Meta:
        ref_name = "RequestTooLargeErrorResponse"


ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description="The record's version. Send it back in `If-Match` with a PUT or PATCH to have the "
    "change refused (409) if someone else changed the record in between.",
)
IF_MATCH_HEADER = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The `ETag` of the record as you read it. If the stored record has changed since, "
    "the request is refused with 409 Conflict and nothing is saved or deleted. Without this header the "
    "change is not checked (last write wins).",
)
LOCKED_WRITES = ("update", "partial_update", "destroy")


class AutoSchema(StandardizedErrorsAutoSchema):
    """drf-standardized-errors' schema, with one truthful shape for validation errors.

    The library documents a 400 per operation with an enum of the fields and error codes it
    can infer from the serializer; the services also refuse whole requests (``attr`` null)
    and use their own codes, so such answers broke the published schema. Every operation now
    documents the same generic validation error (``type``, ``errors[].code/detail/attr``).
    """

    def _get_serializer_for_validation_error_response(self):
        return ValidationErrorResponseSerializer

    def _should_add_validation_error_response(self) -> bool:
        # A write without a request body (approve, validate, submit...) still goes through a
        # service that may refuse it with a 400 ("only a submitted invoice can be approved").
        return self.method in ("POST", "PUT", "PATCH", "DELETE") or super()._should_add_validation_error_response()

    # Optimistic locking on ScopedModelViewSet (bpo.core.api): ETag on a record's GET and on
    # PUT/PATCH answers, If-Match on PUT/PATCH/DELETE, and the 409 it may cause.
    def _locking_action(self):
        if not getattr(self.view, "optimistic_locking", False):
            return None
        return getattr(self.view, "action", None)

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        action = self._locking_action()
        if action == "retrieve":
            params.append(ETAG_HEADER)
        elif action == "destroy":
            params.append(IF_MATCH_HEADER)
        elif self._locked_write(action):
            params += [IF_MATCH_HEADER, ETAG_HEADER]
        return params

    def _locked_write(self, action) -> bool:
        """PUT/PATCH, and the record-changing actions a viewset names in `locked_actions`
        (a plan task's `progress`), which honour If-Match as they do."""
        return action is not None and (action in LOCKED_WRITES or action in getattr(self.view, "locked_actions", ()))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        if direction == "response" and self._locked_write(self._locking_action()) and "409" not in responses:
            responses["409"] = self._get_response_for_code(ConflictErrorResponseSerializer, "409")
        if direction == "response" and self.method in ("POST", "PUT", "PATCH") and "413" not in responses:
            # A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE (bpo.core.api_errors.ExceptionHandler).
            responses["413"] = self._get_response_for_code(RequestTooLargeErrorResponseSerializer, "413")
        return responses


def blank_allowed_as_any_of(result, generator, request, public):
    """A postprocessing hook: a field that may be a URL (or another format) or empty is described
    as `oneOf: [{format: uri}, {maxLength: 0}]`. A validator that does not check formats (formats
    are annotations by default in JSON Schema 2020-12) finds "" matching both branches, which
    `oneOf` forbids, and rejects a valid answer; `anyOf` says the same and holds for every
    validator."""

    def walk(node):
        if isinstance(node, dict):
            branches = node.get("oneOf")
            if isinstance(branches, list) and any(
                isinstance(b, dict) and b.get("maxLength") == 0 and b.get("type") == "string" for b in branches
            ):
                node["anyOf"] = node.pop("oneOf")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result


def closed_request_bodies(result, generator, request, public):
    """A postprocessing hook: every object a request body describes (and the objects nested in
    it) says `additionalProperties: false`, as the API refuses a key it does not know
    (bpo.core.drf.refused_fields). Read-only properties stay listed: a write may send them back
    with the record's value. An object whose keys are data (a JSON field, `additionalProperties`
    already set) is left as it is."""
    schemas = result.get("components", {}).get("schemas", {})
    pending = []
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if isinstance(body, dict):
                pending.extend(media.get("schema") for media in body.get("content", {}).values())
    seen = set()
    while pending:
        node = pending.pop()
        if not isinstance(node, dict):
            continue
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            if name not in seen:
                seen.add(name)
                pending.append(schemas.get(name))
            continue
        if isinstance(node.get("properties"), dict):
            node.setdefault("additionalProperties", False)
            pending.extend(node["properties"].values())
        for key in ("allOf", "oneOf", "anyOf"):
            pending.extend(node.get(key) or [])
        pending.append(node.get("items"))
    return result
