"""Large list exports, run as a report task: the list view is rebuilt for the requester with the
filters they had, so the file holds exactly the rows the page would show them (visible_to)."""

from django.http import HttpRequest, QueryDict
from django.utils.module_loading import import_string


def list_rows(report):
    """(headers, rows) of the list export: the view's FilterSet over its visible_to(requester) rows."""
    from bpo.core.lists import FilteredListView

    view_class = import_string(report.export_view)
    if not issubclass(view_class, FilteredListView):
        raise ValueError("not a list view")
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(report.export_query)
    request.user = report.requested_by
    view = view_class()
    view.setup(request, **(report.export_kwargs or {}))
    rows = view.get_filterset().qs
    headers = [c.label for c in view.columns]
    return headers, ([c.export_value(obj) for c in view.columns] for obj in rows.iterator(chunk_size=2000))


def export_bytes(report) -> bytes:
    """The CSV or XLSX content, written by the same code as a direct download."""
    from bpo.core.export import export_response

    headers, rows = list_rows(report)
    response = export_response(
        fmt=report.fmt,
        filename=report.export_view.rsplit(".", 1)[-1][:31],
        headers=headers,
        rows=rows,
        sheet=report.export_title,  # the list page's title, in the requester's language
    )
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
