"""How a number that breaks its field's limits is told, the same on every staff and portal form,
in model validation and in the API, in English and in Simplified Chinese:

- too many digits before the decimal point: "Enter a number below 10,000,000,000,000,000."
  (a field of 18 digits with 2 decimal places; "Enter a number above -10,000,000,000,000,000."
  for a negative number), the bound grouped in the reader's language. Django and Django REST
  framework said "Ensure that there are no more than 16 digits in total.", which named no value
  a user could check against;
- too many decimal places: "Enter at most 2 decimal places.";
- every problem at once: both of these, and the field's minimum and maximum. A model form's
  number field also runs its model field's validators ("at least 0"): Django validated the model
  field only when the form field had passed, so "-99999999999999999" was told the digits, and
  "at least 0" only once they were fixed. The API likewise reports the minimum with the digits.

`install()` (CoreConfig.ready) puts this in the places every number goes through, so no
form, serializer or model needs to ask for it:

- `DecimalValidator.__call__`: every model and form DecimalField holds one;
- `rest_framework.fields.DecimalField.validate_precision`: every serializer DecimalField calls it;
- `rest_framework.fields.IntegerField.to_internal_value`: every serializer integer (a model's
  IntegerField, a `serializers.IntegerField`) refuses a number with a fraction (2.9999999999999999,
  which Python's float made 3.0 and DRF took for 3);
- `models.Field.formfield`: the form field of a model's number field (ModelForm, admin);
- `django.forms.DecimalField.to_python` and `rest_framework.fields.DecimalField.to_internal_value`:
  a number typed in exponent notation ("1e5", "2E+3") is refused, told "Write the number in plain
  digits, ..." next to the field (Decimal read "1e5" as 100000 and saved that: an invoice amount,
  a budget line or a fee typed so was rarely meant). A JSON number (1e5 unquoted) is a number and
  is read as one, as integers are. A number written with a comma for its decimal point
  ("85,5", "1.000,50") is told "85,5 is not a number: use a point for decimals, e.g. 85.5."
  (`DECIMAL_COMMA_REFUSED`) instead of Django's "Enter a number.".

Decimal commas and thousands separators. The app reads a point as the decimal separator and
nothing else, in every language (zh_Hans too). A number typed as text in a free-text intake (a
measurement's value in a CSV file, the portal's sample form or the API's bulk samples; an amount
of a proposal's price breakdown) is read by `typed_decimal`:

- plain digits (`plain_decimal`): 85.5, 1250, -3, .5;
- or digits grouped by thousands with commas, each comma followed by exactly three digits and
  the first group one to three digits, before an optional decimal point: 1,250, 1,250.5,
  12,345,678.90;
- anything else is refused, naming what was typed: "85,5", "100,0", "1,5", "12,50", "1,0000",
  "1000,000" (a comma not in a grouping position is a decimal comma, never a thousands
  separator: "85,5" was saved as 855 and fed service-level results and credits), as are
  exponent notation, NaN, Infinity, underscores and other scripts' digits (full-width １００).
  A decimal comma is told how to write it (`not_a_number`).

A form's or a serializer's number field reads no separator at all (Django's and DRF's rule):
"1,000" there is "Enter a number.", "1,5" the decimal-comma message above.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.fields import DecimalField as SerializerDecimalField
from rest_framework.fields import IntegerField as SerializerIntegerField

BELOW = _("Enter a number below %(limit)s.")
ABOVE = _("Enter a number above %(limit)s.")
DECIMAL_PLACES = ngettext_lazy(
    "Enter at most %(max)s decimal place.",
    "Enter at most %(max)s decimal places.",
    "max",
)


EXPONENT_REFUSED = _("Write the number in plain digits, without exponent notation (100000, not 1e5).")


NOT_PLAIN = _("Write the number in plain digits 0-9, with at most one decimal point (1000.50).")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)


# Thousands grouped with commas in their places (1,250.5): the only commas a typed number may hold.
GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?", re.ASCII)
# A comma for the decimal point (85,5; ,5; 1.000,50 with points grouping): told how to write it.
DECIMAL_COMMA = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d*),\d+", re.ASCII)
DECIMAL_COMMA_REFUSED = _("%(value)s is not a number: use a point for decimals, e.g. %(example)s")
NOT_A_NUMBER = _("%(value)s is not a number")


def has_exponent(text) -> bool:
    """Whether a number typed as text uses exponent notation (1e5, 2E+3), which Decimal reads."""
    return isinstance(text, str) and "e" in text.lower()


def has_odd_digits(text) -> bool:
    """Whether a number typed as text holds what Decimal reads but nobody types as an amount:
    underscores (1_000) or digits of other scripts (full-width １００, Arabic-Indic ١٠٠)."""
    return isinstance(text, str) and ("_" in text or not text.isascii())


def plain_decimal(text) -> Decimal | None:
    """A number typed in plain digits (an optional sign, at most one decimal point), or None for
    anything else: exponent notation, NaN, Infinity, underscores, other scripts' digits."""
    text = (text or "").strip()
    return Decimal(text) if PLAIN_NUMBER.fullmatch(text) else None


def typed_decimal(text) -> Decimal | None:
    """A number typed as text in a free-text intake (a measurement's value, a breakdown's amount):
    `plain_decimal`, or thousands grouped with commas in their places (1,250.5); None for anything
    else, a decimal comma (85,5) first of all. See the module's docstring."""
    text = (text or "").strip()
    if GROUPED_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return plain_decimal(text)


def decimal_comma_example(text) -> str | None:
    """How a number typed with a comma for its decimal point is written ("85,5" -> "85.5",
    "1.000,50" -> "1000.50"), or None when `text` is no such number (1,250 is grouped)."""
    text = text.strip() if isinstance(text, str) else ""
    if GROUPED_NUMBER.fullmatch(text) or not DECIMAL_COMMA.fullmatch(text):
        return None
    return text.replace(".", "").replace(",", ".")


def not_a_number(text) -> str:
    """Why `text`, refused by `typed_decimal`, is no number, to be told with its row or line:
    "85,5 is not a number: use a point for decimals, e.g. 85.5", else "abc is not a number"."""
    text = (text or "").strip()
    if example := decimal_comma_example(text):
        return DECIMAL_COMMA_REFUSED % {"value": text, "example": example}
    return NOT_A_NUMBER % {"value": text}


def _grouped(number: int) -> str:
    from .formats import format_count

    return format_count(number)


# Formatted when the message is shown, in the language of the page or the API response.
grouped = lazy(_grouped, str)


def digit_errors(value: Decimal, max_digits: int | None, decimal_places: int | None) -> list[ValidationError]:
    """What `value` (a finite Decimal) breaks of a field's max_digits and decimal_places: nothing,
    or the bound its whole part must stay within and/or the decimal places allowed. The codes are
    Django's and the API's (max_digits, max_whole_digits, max_decimal_places)."""
    digit_tuple, exponent = value.as_tuple()[1:]
    if exponent >= 0:
        # A positive exponent adds that many trailing zeros (but 0E+5 is one digit).
        digits = len(digit_tuple) + (exponent if digit_tuple != (0,) else 0)
        decimals = 0
    else:
        # 0.00123: the leading zeros after the point count, as in Django's DecimalValidator.
        digits = max(len(digit_tuple), -exponent)
        decimals = -exponent
    whole_digits = digits - decimals
    errors = []
    if max_digits is not None and decimal_places is not None:
        if whole_digits > max_digits - decimal_places:
            bound = 10 ** (max_digits - decimal_places)
            code = "max_digits" if digits > max_digits else "max_whole_digits"
            if value < 0:
                errors.append(ValidationError(ABOVE, code=code, params={"limit": grouped(-bound), "value": value}))
            else:
                errors.append(ValidationError(BELOW, code=code, params={"limit": grouped(bound), "value": value}))
    elif max_digits is not None and digits > max_digits:
        # No decimal places given (no model field, only a hand-made form field): no bound to name.
        errors.append(
            ValidationError(
                DecimalValidator.messages["max_digits"], code="max_digits", params={"max": max_digits, "value": value}
            )
        )
    if decimal_places is not None and decimals > decimal_places:
        errors.append(
            ValidationError(DECIMAL_PLACES, code="max_decimal_places", params={"max": decimal_places, "value": value})
        )
    return errors


def _decimal_validator_call(self, value):
    """DecimalValidator.__call__: Django's checks, told as `digit_errors` tells them, all at once."""
    exponent = value.as_tuple()[2]
    if exponent in {"F", "n", "N"}:
        raise ValidationError(self.messages["invalid"], code="invalid", params={"value": value})
    errors = digit_errors(value, self.max_digits, self.decimal_places)
    if errors:
        raise ValidationError(errors)


def _serializer_validate_precision(self, value):
    """rest_framework DecimalField.validate_precision: the same messages as the pages, and with
    them the field's own minimum and maximum (which DRF ran only once the digits passed)."""
    errors = digit_errors(value, self.max_digits, self.decimal_places)
    if not errors:
        return value
    details = [ErrorDetail(message, code=error.code) for error in errors for message in error]
    try:
        self.run_validators(value)
    except APIValidationError as exc:
        details.extend(exc.detail)
    raise APIValidationError(details)


def _serializer_integer_to_internal_value(self, data):
    """rest_framework IntegerField.to_internal_value: a whole number only. DRF dropped a trailing
    ".0" and read the rest with int(), so a JSON 2.9999999999999999 (a float 3.0 once parsed)
    was taken as 3: the parser keeps the text (bpo.core.drf.JSONNumber) and a number with a
    fraction is refused, "3", 3, "3.0" and 3e0 accepted ("3e0" as text refused, as before)."""
    if isinstance(data, str) and len(data) > self.MAX_STRING_LENGTH:
        self.fail("max_string_length")
    if isinstance(data, bool):
        self.fail("invalid")
    if isinstance(data, int):
        return data
    if isinstance(data, str) and "e" in data.lower():
        self.fail("invalid")  # "1e3" typed as text: refused, as DRF and the pages do (a JSON 1e3 is a number)
    try:
        number = Decimal(str(data).strip())
    except (InvalidOperation, ValueError, TypeError):
        self.fail("invalid")
    # Not infinite, not NaN, no fraction, and not so large that int() would take long (1e999999).
    if not number.is_finite() or number.adjusted() > self.MAX_STRING_LENGTH or number != number.to_integral_value():
        self.fail("invalid")
    return int(number)


def _refusing_exponent_text(to_python):
    def form_decimal_to_python(self, value):
        """forms.DecimalField.to_python: a typed "1e5" is refused next to the field, and "85,5"
        is told to use a point (a form's number reads no separator: Django said "Enter a number.")."""
        if has_exponent(value):
            raise ValidationError(EXPONENT_REFUSED, code="exponent")
        if has_odd_digits(value):
            raise ValidationError(NOT_PLAIN, code="invalid")
        if example := decimal_comma_example(value):
            raise ValidationError(
                DECIMAL_COMMA_REFUSED, code="invalid", params={"value": value.strip(), "example": example}
            )
        return to_python(self, value)

    form_decimal_to_python.__wrapped__ = to_python
    return form_decimal_to_python


def _refusing_exponent_api_text(to_internal_value):
    def serializer_decimal_to_internal_value(self, data):
        """rest_framework DecimalField.to_internal_value: the text "1e5" is refused (a JSON number
        1e5 arrives as a float, `bpo.core.drf.JSONNumber`, and is read as the number it is); the
        text "85,5" is told to use a point."""
        if has_exponent(data):
            raise APIValidationError([ErrorDetail(str(EXPONENT_REFUSED), code="invalid")])
        if has_odd_digits(data):
            raise APIValidationError([ErrorDetail(str(NOT_PLAIN), code="invalid")])
        if decimal_comma_example(data):
            raise APIValidationError([ErrorDetail(not_a_number(data), code="invalid")])
        return to_internal_value(self, data)

    serializer_decimal_to_internal_value.__wrapped__ = to_internal_value
    return serializer_decimal_to_internal_value


NUMBER_FIELDS = (models.DecimalField, models.IntegerField, models.FloatField)


def _with_model_number_validators(formfield):
    def model_field_formfield(self, *args, **kwargs):
        field = formfield(self, *args, **kwargs)
        if field is not None and isinstance(self, NUMBER_FIELDS):
            # The model field's minimum and maximum run with the form field's own checks, so a
            # number is told every problem at once (the model's are skipped once the form's fail).
            field.validators += [v for v in self.validators if v not in field.validators]
        return field

    model_field_formfield.__wrapped__ = formfield
    model_field_formfield.__doc__ = formfield.__doc__
    return model_field_formfield


def install():
    """Called once from CoreConfig.ready(); see the module's docstring."""
    DecimalValidator.__call__ = _decimal_validator_call
    SerializerDecimalField.validate_precision = _serializer_validate_precision
    SerializerIntegerField.to_internal_value = _serializer_integer_to_internal_value
    if not hasattr(forms.DecimalField.to_python, "__wrapped__"):
        forms.DecimalField.to_python = _refusing_exponent_text(forms.DecimalField.to_python)
    if not hasattr(SerializerDecimalField.to_internal_value, "__wrapped__"):
        SerializerDecimalField.to_internal_value = _refusing_exponent_api_text(SerializerDecimalField.to_internal_value)
    if not hasattr(models.Field.formfield, "__wrapped__"):
        models.Field.formfield = _with_model_number_validators(models.Field.formfield)
