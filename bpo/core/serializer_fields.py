"""How every ModelSerializer of the API answers a choice that is not set yet.

A model's choice field may be blank ("" stored: a risk not assessed has no level). A read-only
serializer field drops DRF's `allow_blank`, so drf-spectacular documents it as the bare enum
(`RiskLevelEnum`: low / medium / high / critical) while the answer was "": the response broke
the published schema. Such a field now answers `null` for "not set", and is documented
`nullable` (read-only). A writable blank choice field keeps "" (documented as `BlankEnum`).

`install()` (CoreConfig.ready) sets this on `ModelSerializer.build_standard_field`, so no
serializer needs to ask for it.
"""

from rest_framework import serializers


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice field built from a blank-able model field whose choices have no "": read-only,
    it answers None for "" and is nullable."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.read_only:
            self.allow_null = True  # the schema's `nullable`

    def to_representation(self, value):
        if value == "" and self.read_only:
            return None
        return super().to_representation(value)


def _has_blank_choice(choices) -> bool:
    for key, label in choices:
        if isinstance(label, (list, tuple)):  # a group of choices
            if _has_blank_choice(label):
                return True
        elif key == "":
            return True
    return False


def _with_blank_as_null(build_standard_field):
    def model_serializer_build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = build_standard_field(self, field_name, model_field)
        if (
            field_class is serializers.ChoiceField
            and model_field.blank
            and not _has_blank_choice(model_field.choices or ())
        ):
            field_class = BlankAsNullChoiceField
        return field_class, field_kwargs

    model_serializer_build_standard_field.__wrapped__ = build_standard_field
    return model_serializer_build_standard_field


def install():
    """Called once from CoreConfig.ready(); see the module's docstring."""
    model_serializer = serializers.ModelSerializer
    if not hasattr(model_serializer.build_standard_field, "__wrapped__"):
        model_serializer.build_standard_field = _with_blank_as_null(model_serializer.build_standard_field)
