"""CSV and XLSX downloads of what a list shows."""

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _


class _Echo:
    def write(self, value):
        return value


def export_datetime(value: datetime) -> str:
    """A date and time as every export writes it: ISO 8601 to the second, in the server's time zone
    (settings.TIME_ZONE) with its offset, 2026-11-27T15:48:01+00:00; a naive one without an offset.
    Machine-readable, and the same whichever list, page or report it comes from."""
    if timezone.is_aware(value):
        value = value.astimezone(timezone.get_default_timezone())
    return value.replace(microsecond=0).isoformat()


def export_cell(value):
    """A value as a cell: a date and time as export_datetime writes it, a date as 2026-11-27."""
    if isinstance(value, datetime):
        return export_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def yes_no_labels() -> tuple[str, str]:
    """How every export writes a yes/no value: the words the pages print (bpo.core.lists.cell_html)
    and the report workbooks write (bpo.reports.xlsx), in the active language (the requester's:
    a download runs in the request's, a background export in the report's), taken once per file."""
    return _("Yes"), _("No")


def _clean(value, labels=None):
    """Guard against spreadsheet formula injection: a cell never starts with = + - @. A yes/no
    value is written as its word, Yes / No (是 / 否), not Python's True / False."""
    if value is None:
        return ""
    if value is True or value is False:
        yes, no = labels or yes_no_labels()
        return yes if value else no
    value = export_cell(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def sheet_title(text) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\ (each becomes a space)."""
    name = " ".join("".join(" " if ch in "[]:*?/\\" else ch for ch in str(text)).split())[:31].strip()
    return name.strip("'") or "Sheet"


def export_response(*, fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence], sheet: str = ""):
    """Stream a CSV (UTF-8 with BOM so Excel shows Chinese) or build an XLSX of the rows. The XLSX
    sheet is named `sheet` (in the reader's language) or, without it, after the file."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    labels = yes_no_labels()  # now, in the requester's language: the CSV streams after the view returns
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"
            yield writer.writerow([str(h) for h in headers])
            for row in rows:
                yield writer.writerow([_clean(v, labels) for v in row])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
        return response

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title(sheet or filename))
    ws.append([str(h) for h in headers])
    for row in rows:
        ws.append([_clean(v, labels) for v in row])
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    wb.save(response)
    return response
