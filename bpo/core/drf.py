"""API conventions named in settings.REST_FRAMEWORK: the permission, the pagination and the JSON
parser (the error handler is bpo.core.api_errors)."""

import codecs
import json

from django.utils.translation import gettext as _
from rest_framework import pagination, parsers, permissions
from rest_framework.exceptions import MethodNotAllowed, ParseError, PermissionDenied, ValidationError
from rest_framework.parsers import get_encoding
from rest_framework.response import Response
from rest_framework.utils import json as drf_json

# The HTTP method decides the action; the viewset decides who may do it.
METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class ActionPermission(permissions.BasePermission):
    """Maps the HTTP method to an action and asks the view whether the user may do it.

    Reading is scoped by the queryset (`visible_to`), so a record the user may not see is
    a 404. Changing a visible record the user may not edit is a 403.
    """

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if getattr(view, "staff_only", False) and user.is_vendor_user:
            return False
        method = request.method.lower()
        if method not in view.http_method_names or not hasattr(view, method):
            # A method the endpoint does not offer (a POST to a read-only endpoint) is 405 with
            # its Allow header, whoever asks: it is not a question of permission.
            raise MethodNotAllowed(request.method)
        action = METHOD_ACTIONS.get(request.method, "change")
        if action == "add":
            return bool(getattr(view, "can_create", lambda u: False)(user))
        return True

    def has_object_permission(self, request, view, obj):
        action = METHOD_ACTIONS.get(request.method, "change")
        if action == "view":
            return True
        editable = getattr(view, "get_editable_queryset", None)
        if editable is None or not editable().filter(pk=obj.pk).exists():
            raise PermissionDenied()
        return True


class Pagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M` (at most 200 a page). `count` is exact up to settings.LIST_COUNT_CAP
    rows, as on the list pages: past it, `count` is the cap and `count_capped` is true (counting
    200,000 tasks on every page of the list cost tens of milliseconds). `next` goes on to the
    end, and `?page=last` (or any page past the counted ones) counts every row."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def django_paginator_class(self, queryset, page_size):
        from .lists import CappedPaginator

        return CappedPaginator(queryset, page_size)

    def get_page_size(self, request):
        """`page_size` as sent: a whole number of 1 or more (more than 200 gives 200), else 400 on
        `page_size`, as an invalid filter value is (DRF ignored "abc", 0 and -5 and answered 25 a
        page). Absent or empty: 25."""
        raw = request.query_params.get(self.page_size_query_param, "").strip()
        if not raw:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give the number of results a page as a whole number of 1 or more (at most %(max)s).")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return min(int(raw), self.max_page_size)

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) in self.last_page_strings:
            paginator.uncap_for("last")  # the real last page, not the last counted one
        return super().get_page_number(request, paginator)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": min(paginator.count, paginator.cap) if paginator.capped else paginator.count,
                "count_capped": paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        out = super().get_paginated_response_schema(schema)
        out["required"] = ["count", "count_capped", "results"]
        out["properties"] = {
            "count": {
                "type": "integer",
                "example": 123,
                "description": "The number of results; when `count_capped`, there are more than this.",
            },
            "count_capped": {
                "type": "boolean",
                "example": False,
                "description": "True when the results were counted only up to `count` (follow `next` to the end).",
            },
            **{k: v for k, v in out["properties"].items() if k != "count"},
        }
        return out


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, whose refusal of a malformed body is in the caller's language: DRF's was
    "JSON parse error - Unterminated string starting at: line 1 column 10 (char 9)", in English for
    a Chinese user. Same 400 `parse_error` shape (a subclass, so the OpenAPI schema still lists it)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = self._parse(stream, parser_context or {})
        except RecursionError as exc:
            # Arrays or objects nested thousands deep: the decoder ran out of stack (it was a 500).
            raise ParseError(too_deep_message()) from exc
        except ParseError as exc:
            cause = exc.__context__  # the ValueError DRF turned into "JSON parse error - ..."
            if isinstance(cause, json.JSONDecodeError):
                raise ParseError(
                    _("The request body is not valid JSON (line %(line)s, column %(column)s).")
                    % {"line": cause.lineno, "column": cause.colno}
                ) from cause
            # Not in the declared encoding, or NaN / Infinity.
            raise ParseError(_("The request body is not valid JSON.")) from cause
        if too_deep(data):
            # Parsed, but deeper than any body of this API: refused before a serializer, a JSON
            # column or the audit log walks it recursively.
            raise ParseError(too_deep_message())
        return data

    def _parse(self, stream, parser_context):
        """DRF's JSONParser.parse, each number with a fraction or an exponent read as a
        `JSONNumber`: a float that remembers how it was written."""
        try:
            decoded = codecs.getreader(get_encoding(parser_context))(stream)
            parse_constant = drf_json.strict_constant if self.strict else None
            return drf_json.load(decoded, parse_constant=parse_constant, parse_float=JSONNumber)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc


class JSONNumber(float):
    """A JSON number with a fraction or an exponent, as written in the request: a float, whose
    str() is its text. Python's float reads 2.9999999999999999 as 3.0, so an integer field took
    it for 3; the text keeps the fraction for the field to refuse (bpo/core/numbers.py), and a
    decimal field reads the digits sent rather than the float's nearest binary value. Stored in
    a JSON field or answered, it is written as a float (json writes float.__repr__)."""

    def __new__(cls, text):
        number = super().__new__(cls, text)
        number.text = text
        return number

    def __str__(self):
        return self.text


# No body of this API nests deeper than a few levels (an invoice's lines, a sample's values); a JSON
# body nested deeper than this is refused as a parse error.
MAX_JSON_DEPTH = 32


def too_deep_message() -> str:
    return _("The request body is nested too deeply (more than %(depth)s levels of arrays and objects).") % {
        "depth": MAX_JSON_DEPTH
    }


def too_deep(data) -> bool:
    """Whether `data` (parsed JSON) nests arrays and objects deeper than MAX_JSON_DEPTH (walked
    without recursion)."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            return True
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
