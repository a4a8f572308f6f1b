"""The API's exception handler (settings.DRF_STANDARDIZED_ERRORS): drf-standardized-errors' one error
shape, `{"type", "errors": [{"code", "detail", "attr"}]}`, for every refusal. Apart from
bpo.core.drf, which DRF's settings import while drf-standardized-errors' handler imports DRF's views."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from drf_standardized_errors.handler import ExceptionHandler as StandardizedExceptionHandler
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError


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
