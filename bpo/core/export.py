"""CSV and XLSX downloads of what a list shows."""

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone


class _Echo:
    def write(self, value):
        return value


def _clean(value):
    """Guard against spreadsheet formula injection: a cell never starts with = + - @."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_response(*, fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """Stream a CSV (UTF-8 with BOM so Excel shows Chinese) or build an XLSX of the rows."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"
            yield writer.writerow([str(h) for h in headers])
            for row in rows:
                yield writer.writerow([_clean(v) for v in row])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
        return response

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=filename[:31])
    ws.append([str(h) for h in headers])
    for row in rows:
        ws.append([_clean(v) for v in row])
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    wb.save(response)
    return response
