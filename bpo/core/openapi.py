"""The schema class every API view uses (DEFAULT_SCHEMA_CLASS); kept apart from the schema
view, which drf-spectacular's views module imports while DRF loads this class."""

from drf_standardized_errors.openapi import AutoSchema as StandardizedErrorsAutoSchema
from drf_standardized_errors.openapi_serializers import ValidationErrorEnum
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


class AutoSchema(StandardizedErrorsAutoSchema):
    """drf-standardized-errors' schema, with one truthful shape for validation errors.

    The library documents a 400 per operation with an enum of the fields and error codes it
    can infer from the serializer; the services also refuse whole requests (``attr`` null)
    and use their own codes, so such answers broke the published schema. Every operation now
    documents the same generic validation error (``type``, ``errors[].code/detail/attr``).
    """

    def _get_serializer_for_validation_error_response(self):
        return ValidationErrorResponseSerializer
