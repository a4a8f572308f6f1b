"""CSV and XLSX downloads of the portal lists: `?export=csv|xlsx` on a list page answers the rows
the page shows (the same queryset, already scoped to the user's vendor, with its filters), written
by the shared bpo.core.export (formula-injection safe). Each list names its columns once."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db.models import QuerySet

from bpo.core.export import export_response
from bpo.core.lists import Column

FORMATS = ("csv", "xlsx")

# A column: (heading, attribute path like "contract.number" / "status", or a callable of the row)
ExportColumn = tuple[Any, str | Callable[[Any], Any]]


class _Value:
    """Lets a computed value go through Column.export_value (dates, models and numbers alike)."""

    def __init__(self, value):
        self.value = value

    def __getattr__(self, name):  # no get_value_display: the value is written as it is
        raise AttributeError(name)


def _value_column():
    return Column("value", "")


def _export_value(getter, obj):
    if callable(getter):
        value = getter(obj)
        return None if value is None else _value_column().export_value(_Value(value))
    return Column(getter, "").export_value(obj)


def _rows(rows: QuerySet | Iterable, columns: Sequence[ExportColumn]):
    items = rows.iterator(chunk_size=2000) if isinstance(rows, QuerySet) else rows
    for obj in items:
        yield [_export_value(getter, obj) for _, getter in columns]


def portal_export(request, name: str, rows: QuerySet | Iterable, columns: Sequence[ExportColumn], *, sheet):
    """The download asked for by `?export=csv|xlsx`, or None when the page itself is asked for.
    `name` names the file; `sheet`, the page's title in the reader's language, the XLSX sheet."""
    fmt = request.GET.get("export")
    if fmt not in FORMATS:
        return None
    return export_response(
        fmt=fmt, filename=name, headers=[label for label, _ in columns], rows=_rows(rows, columns), sheet=str(sheet)
    )
