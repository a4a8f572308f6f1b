"""API conventions named in settings.REST_FRAMEWORK: the permission, the pagination and the JSON
parser (the error handler is bpo.core.api_errors); and the rule every serializer applies to a
write's body, installed once (`install()`): no field it does not know, no read-only field changed."""

import codecs
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import pagination, parsers, permissions, serializers
from rest_framework.exceptions import ErrorDetail, MethodNotAllowed, ParseError, PermissionDenied, ValidationError
from rest_framework.fields import HiddenField, SkipField
from rest_framework.parsers import get_encoding
from rest_framework.relations import PKOnlyObject
from rest_framework.response import Response
from rest_framework.utils import encoders
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


# --- Fields a write's body may send ----------------------------------------------------------------
#
# DRF drops what a serializer does not know: a typo ({"titel": "x"}) answered 200 and changed
# nothing, and so did a read-only field sent with a new value. Every serializer (ModelSerializer or
# not, at the root, nested, or an item of a list) now refuses each key of a body it does not know,
# one 400 error per key with `attr` the key. A read-only field is accepted only with the value the
# record has (a client sending back the body of a GET, changed where it means to change it); with
# another value, or in a body that creates a record, it is refused on the field. Only the body is
# read: query parameters, the If-Match header (optimistic locking) and the files of a multipart
# upload (they are fields of the serializer like any other) are not concerned.


def refused_fields(serializer, data) -> dict:
    """{key: [error]} for each key of `data` (a write's body, as given to `serializer`) that is not
    one of its writable fields: unknown, or read-only with a value other than the record's."""
    if not isinstance(data, Mapping):
        return {}  # a body that is not an object: the serializer's own "expected a dictionary"
    fields = serializer.fields
    writable = [name for name, f in fields.items() if not f.read_only and not isinstance(f, HiddenField)]
    errors = unknown_keys(data, [name for name in fields if not isinstance(fields[name], HiddenField)], writable)
    for key in data:
        field = fields.get(key)
        if field is not None and field.read_only and not _unchanged(serializer, field, data[key]):
            message = (
                _("This field is read-only: leave it out.")
                if _record(serializer) is None
                else _("This field is read-only: leave it out or send the value the record has.")
            )
            errors[key] = [ErrorDetail(message, code="read_only")]
    return errors


def unknown_keys(data: Mapping, known, writable: list[str]) -> dict:
    """{key: [error]} for each key of `data` not in `known`, the error naming the `writable` ones.
    Also for an object that is not a serializer's (the items of a bulk upload)."""
    unknown = [key for key in data if key not in known]
    if not unknown:
        return {}
    if writable:
        message = _("Unknown field. Writable fields: %(fields)s.") % {"fields": ", ".join(writable)}
    else:
        message = _("Unknown field. This request takes no fields.")
    return {key: [ErrorDetail(message, code="unknown_field")] for key in unknown}


def _record(serializer):
    """The one record the serializer writes to, or None (a create, a nested or listed item)."""
    instance = serializer.instance
    if instance is None or isinstance(instance, (list, tuple, QuerySet)):
        return None
    return instance


def _unchanged(serializer, field, sent) -> bool:
    """Whether `sent` is the read-only field's value for the record, as a GET answers it."""
    record = _record(serializer)
    if record is None:
        return False
    try:
        attribute = field.get_attribute(record)
    except SkipField:
        return sent is None  # a GET leaves the field out
    if (attribute.pk if isinstance(attribute, PKOnlyObject) else attribute) is None:
        current = None
    else:
        # As JSON would carry it: decimals, dates and nested records as their text.
        current = json.loads(json.dumps(field.to_representation(attribute), cls=encoders.JSONEncoder))
    return _same(sent, current)


def _same(sent, current) -> bool:
    """`sent` (as parsed from the body) is `current` (as a GET answers it), whatever way a client
    wrote it back: a number as a number or as text ("12.50", 12.5), a time in another offset."""
    if isinstance(current, dict):
        return (
            isinstance(sent, Mapping)
            and set(sent) == set(current)
            and all(_same(sent[key], value) for key, value in current.items())
        )
    if isinstance(current, list):
        return (
            isinstance(sent, list)
            and len(sent) == len(current)
            and all(_same(one, other) for one, other in zip(sent, current, strict=True))
        )
    if isinstance(current, bool) or isinstance(sent, bool):
        if isinstance(sent, str):  # a form's "true"
            return sent.lower() == str(current).lower()
        return type(sent) is type(current) and sent == current
    if sent is None or current is None:
        return sent is current
    if sent == current:
        return True
    if isinstance(sent, (int, float, str)) and isinstance(current, (int, float, str)):
        try:
            if Decimal(str(sent)) == Decimal(str(current)):
                return True
        except (InvalidOperation, ValueError):
            pass
    if isinstance(sent, str) and isinstance(current, str):
        try:
            sent_time, current_time = parse_datetime(sent), parse_datetime(current)
            return sent_time is not None and current_time is not None and sent_time == current_time
        except (ValueError, TypeError):  # not a real time; a time without an offset against one with
            return False
    return False


def _strict_to_internal_value(to_internal_value):
    def serializer_to_internal_value(self, data):
        refused = refused_fields(self, data)
        try:
            value = to_internal_value(self, data)
        except ValidationError as exc:
            if refused and isinstance(exc.detail, dict):
                raise ValidationError({**exc.detail, **refused}) from exc
            raise
        if refused:
            raise ValidationError(refused)
        return value

    serializer_to_internal_value.__wrapped__ = to_internal_value
    return serializer_to_internal_value


def install():
    """Called once from CoreConfig.ready(): every Serializer refuses the fields it cannot write
    (see refused_fields)."""
    serializer = serializers.Serializer
    if not hasattr(serializer.to_internal_value, "__wrapped__"):
        serializer.to_internal_value = _strict_to_internal_value(serializer.to_internal_value)
