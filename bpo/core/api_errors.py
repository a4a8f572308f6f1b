"""The API's exception handler (settings.DRF_STANDARDIZED_ERRORS): drf-standardized-errors' one error
shape, `{"type", "errors": [{"code", "detail", "attr"}]}`, for every refusal. Apart from
bpo.core.drf, which DRF's settings import while drf-standardized-errors' handler imports DRF's views."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from drf_standardized_errors.formatter import ExceptionFormatter as StandardizedExceptionFormatter
from drf_standardized_errors.handler import ExceptionHandler as StandardizedExceptionHandler
from drf_standardized_errors.settings import package_settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.request import Empty
from rest_framework.settings import api_settings


class RequestTooLarge(APIException):
    """413: the request body is larger than settings.DATA_UPLOAD_MAX_MEMORY_SIZE."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        super().__init__(
            _("The request body is larger than the server accepts (%(limit)s).")
            % {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE).replace("\xa0", " ")}
        )


class ExceptionHandler(StandardizedExceptionHandler):
    """drf-standardized-errors' handler, with Django's refusals of an oversized request read as
    what they are, not as a 500: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is 413 `request_too_large`;
    a form with more fields or files than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS / _FILES) is
    400 `parse_error`."""

    def convert_known_exceptions(self, exc):
        if isinstance(exc, RequestDataTooBig):
            return RequestTooLarge()
        if isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
            return ParseError(_("The request has more fields or files than the server reads."))
        return super().convert_known_exceptions(exc)


class ExceptionFormatter(StandardizedExceptionFormatter):
    """drf-standardized-errors' formatter, with one `attr` for an error about the whole request:
    null, as a service's refusal ("Only a submitted or validated invoice can be approved."), a
    parse error and a 409 have it. A serializer's own refusal (a body that is a JSON array or
    null) came as "non_field_errors" and a model's (a duplicate rate-card line, through
    full_clean) as "__all__"; inside a list (`lines.2.non_field_errors`) the item is named
    (`lines.2`). A text of the request longer than ECHO_MAX characters is echoed by its start and "…"
    (an invalid choice of 2 MB came back whole), in whatever message quotes it."""

    def get_errors(self):
        errors = super().get_errors()
        long_inputs = _long_inputs(self.context.get("request"))
        for error in errors:
            error.attr = whole_request_attr(error.attr)
            if long_inputs:
                # A message that echoes what was sent ("“…” is not a valid choice.") shows its start.
                error.detail = _shorten_inputs(error.detail, long_inputs)
                if error.attr:
                    error.attr = _shorten_inputs(error.attr, long_inputs)
        return errors


_NON_FIELD_KEYS = {api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS}


def whole_request_attr(attr):
    """`attr` without a trailing non-field key: None for the request itself, the item for a nested one."""
    if attr is None:
        return None
    separator = package_settings.NESTED_FIELD_SEPARATOR
    head, _sep, last = attr.rpartition(separator)
    if last in _NON_FIELD_KEYS:
        return head or None
    return attr


# A value sent in the request is echoed in an error message at most this long, then "…".
ECHO_MAX = 50


def _long_inputs(request) -> list[str]:
    """The texts of the request (query parameters, and the body if it was read: keys and values, at
    any depth) longer than ECHO_MAX, each also as repr() writes it inside quotes (Django's "Value
    %(value)r is not a valid choice." and a list's str() escape quotes and line breaks); longest first."""
    if request is None:
        return []
    pending = [getattr(request, "_request", request).GET]
    data = request.__dict__.get("_full_data", Empty)  # never parse the body here
    if data is not Empty and data is not None:
        pending.append(data)
    texts = set()
    while pending:
        value = pending.pop()
        if hasattr(value, "lists"):  # QueryDict: every value of every key
            for key, values in value.lists():
                pending.append(key)
                pending.extend(values)
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value)
            if len(text) > ECHO_MAX:
                texts.add(text)
                texts.add(repr(text)[1:-1])
    return sorted(texts, key=len, reverse=True)


def _shorten_inputs(text: str, long_inputs: list[str]) -> str:
    for value in long_inputs:
        if value in text:
            text = text.replace(value, value[:ECHO_MAX] + "…")
    return text
