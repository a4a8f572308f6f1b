"""Every ModelSerializer builds its fields from the model once per class and language, not on
every request.

DRF's `ModelSerializer.get_fields` reads the model's fields and builds a serializer field for
each (`build_field`: the field's kind, label, help text, choices, limits, validators) each time
a serializer is made: for a list of 25 contracts that was a third of the request's Python time,
and the same answer every time. The built fields are kept per serializer class and language
(labels and choices are translated when built) and each serializer gets its own deep copy, as
DRF does with declared fields, so a serializer that changes one of its fields
(`fields["program"].read_only = True`) changes only its own.

What `get_fields` builds depends only on the class (its `Meta` and declared fields) and the
language; a serializer that chooses its fields per request or per user does so after
`super().get_fields()` (or by removing fields in `__init__`), which still runs every time.

`install()` (CoreConfig.ready) wraps `ModelSerializer.get_fields`.
"""

import copy
from weakref import WeakKeyDictionary

from django.utils.translation import get_language
from rest_framework import serializers

# {serializer class: {language: built fields}}; a class made on the fly is forgotten with it.
_built: WeakKeyDictionary = WeakKeyDictionary()


def _cached_per_class(get_fields):
    def model_serializer_get_fields(self):
        per_language = _built.setdefault(type(self), {})
        language = get_language()
        built = per_language.get(language)
        if built is None:
            built = per_language[language] = get_fields(self)
        return {name: copy.deepcopy(field) for name, field in built.items()}

    model_serializer_get_fields.__wrapped__ = get_fields
    return model_serializer_get_fields


def install():
    """Called once from CoreConfig.ready(); see the module's docstring."""
    model_serializer = serializers.ModelSerializer
    if not hasattr(model_serializer.get_fields, "__wrapped__"):
        model_serializer.get_fields = _cached_per_class(model_serializer.get_fields)
