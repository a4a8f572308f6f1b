"""The list-page pattern every list reuses: search, filters, sorting, pagination, CSV/XLSX export.

A list view names its model, its FilterSet (shared with the API endpoint) and its columns.
Rows start from `Model.objects.visible_to(user)`; the export writes every row the filters
select, in the order shown, with the columns shown. A staff export of more than
settings.EXPORT_ASYNC_ROWS rows (default 5000) runs as a report task (bpo/reports/exports.py
rebuilds this view for the requester) and the user is sent to its progress page.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property, lru_cache, partialmethod
from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from django.utils import translation
from django.utils.formats import localize
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .export import export_cell, export_response
from .formats import format_date, format_datetime, format_money, format_number, format_percent


@lru_cache(maxsize=1024)
def _choice_labels(model, name):
    """{value: label} of a model field with choices whose get_<name>_display is Django's own,
    built once: Django's builds the dict (and hashes every lazy label) on each call."""
    display = inspect.getattr_static(model, f"get_{name}_display", None)
    if not isinstance(display, partialmethod):
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return dict(make_hashable(field.flatchoices)) if field.choices else None


@lru_cache(maxsize=1024)
def _choice_texts(model, name, _language):
    """The same labels as text in one language: a table of 25 rows translated each label of
    each row (and of each page view) again."""
    labels = _choice_labels(model, name)
    return None if labels is None else {value: str(label) for value, label in labels.items()}


@dataclass(frozen=True)
class Column:
    """One column: an attribute path, its heading, the ordering key (if sortable), a link flag and,
    for a table of its own, how the page prints the value (`fmt`: (value, record) -> text, escaped
    unless safe) and the cell's class (`css`: a class, or value -> class). The export always writes
    the raw value."""

    path: str
    label: Any
    order: str | None = None
    link: bool = False
    fmt: Callable[[Any, Any], str] | None = None
    css: str | Callable[[Any], str] = ""
    # How an export writes a value that is not what its type says (a month stored as its first
    # day: iso_month, 2026-09), else the raw value.
    export: Callable[[Any], Any] | None = None

    def value(self, obj, language=None):
        """The cell's value: `language` is the active one (a table passes it once per row, not
        once per cell: asking for it costs more than reading most values)."""
        current, language = obj, language or translation.get_language()
        for part in self.path.split("."):
            if current is None:
                return None
            choices = _choice_texts(type(current), part, language) if isinstance(current, models.Model) else None
            if choices is not None:
                value = getattr(current, part)
                current = choices.get(make_hashable(value), value)
                continue
            display = getattr(current, f"get_{part}_display", None)
            current = display() if display else getattr(current, part)
            if callable(current) and not isinstance(current, models.Model):
                current = current()
        return current

    def export_value(self, obj):
        value = self.value(obj)
        if self.export is not None and value is not None:
            return self.export(value)
        if isinstance(value, models.Model):
            return str(value)
        if isinstance(value, Decimal | int | float) or value is None:
            return value
        if isinstance(value, date | datetime):
            return export_cell(value)  # one format for every export (bpo/core/export.py)
        return str(value)


def cell_html(value, language=None) -> str:
    """A cell's text as the detail pages print the value (bpo/core/formats.py): a date as
    2026-11-27, a date and time as 2026-11-27 09:30 in local time, numbers as `{{ value }}` prints
    them; escaped; True/False as Yes/No and None as nothing. A column of amounts, percentages or
    measured values says so with `fmt=money`, `fmt=percent` or `fmt=number`."""
    if value is None:
        return ""
    if type(value) is str:  # most cells: nothing to localize
        return escape(value)
    if type(value) is date:  # a few hundred distinct dates on a page, formatted once per language
        return _date_html(value, language or translation.get_language())
    if value is True or value is False:
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return conditional_escape(format_datetime(value))
    return conditional_escape(localize(value))


@lru_cache(maxsize=4096)
def _date_html(value, _language):
    return conditional_escape(format_date(value))


class Row:
    """A listed record and its cells. The generic table prints `html`, built in Python (a table
    of 25 rows costs several milliseconds through the template engine); list pages with a table
    of their own read the record itself, and nothing is computed for them."""

    __slots__ = ("obj", "_columns", "_cells")

    def __init__(self, obj, columns):
        self.obj, self._columns, self._cells = obj, columns, None

    @property
    def cells(self):
        if self._cells is None:
            language = translation.get_language()
            self._cells = [{"value": c.value(self.obj, language), "link": c.link} for c in self._columns]
        return self._cells

    @property
    def html(self):
        parts = []
        language = translation.get_language()
        for column, cell in zip(self._columns, self.cells, strict=True):
            value = cell["value"]
            text = cell_html(value, language) if column.fmt is None else conditional_escape(column.fmt(value, self.obj))
            if cell["link"]:
                text = format_html('<a href="{}">{}</a>', self.obj.get_absolute_url(), text)
            css = column.css(value) if callable(column.css) else column.css
            parts.append(f'<td class="{css}">{text}</td>' if css else f"<td>{text}</td>")
        return mark_safe("".join(parts))

    def __getitem__(self, key):  # rows were dicts: row["obj"], row["cells"]
        if key in ("obj", "cells"):
            return getattr(self, key)
        raise KeyError(key)


def iso_date(value, record=None) -> str:
    """A date as YYYY-MM-DD, as every page prints one (bpo/core/formats.py), nothing for none."""
    return format_date(value)


def iso_month(value) -> str:
    """A month (stored as its first day) as ISO 8601 YYYY-MM, as the pages and the portal's
    exports write it: an export column's `export`."""
    return f"{value:%Y-%m}"


def money(value, record=None) -> str:
    """A column of amounts: 2,220,000.50 (bpo/core/formats.py)."""
    return format_money(value)


def number(value, record=None) -> str:
    """A column of measured values or rates: 80, 0.1250 (bpo/core/formats.py)."""
    return format_number(value)


def percent(value, record=None) -> str:
    """A column of percentages: 40%, 12.50% (bpo/core/formats.py)."""
    return format_percent(value)


class CappedPaginator(Paginator):
    """Counts the rows only up to `cap`: counting 200,000 tasks costs tens of milliseconds on every
    view of the list, counting the first 10,001 well under one. Past the cap the list says "more
    than N results" and its pages go on; a page past the counted ones (page 401 of 25 rows with
    the default cap) counts them all, so the pager always ends on the real last page."""

    def __init__(self, object_list, per_page, *, cap=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = settings.LIST_COUNT_CAP if cap is None else cap
        self.capped = False

    @cached_property
    def count(self):
        if not self.cap or not isinstance(self.object_list, models.QuerySet):
            return super().count
        # Without ORDER BY, the database stops at the cap (the order and its joins cost the full scan).
        counted = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = counted > self.cap
        return counted

    @property
    def capped_pages(self) -> int:
        """The pages known to exist when the count was capped (the list has more)."""
        return self.cap // self.per_page

    def uncap(self):
        """Counts every row (asked for the end of a capped list)."""
        self.capped = False
        self.__dict__["count"] = self.object_list.count()
        self.__dict__.pop("num_pages", None)
        self.__dict__.pop("page_range", None)

    def uncap_for(self, number):
        """Asked for the end (?page=last) or a page past the counted ones: counts every row, so the
        page is found, or the real last page is shown."""
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = None
        if (number == "last" or (wanted is not None and wanted >= self.num_pages)) and self.count and self.capped:
            self.uncap()

    def page(self, number):
        self.uncap_for(number)
        return super().page(number)

    def get_page(self, number):
        """The page asked for (?page=N, or ?page=last)."""
        self.uncap_for(number)
        return super().get_page(self.num_pages if number == "last" else number)


class FilteredListView(LoginRequiredMixin, TemplateView):
    """A list page; with `?export=csv|xlsx` the same rows as a download; htmx gets just the table."""

    model = None
    filterset_class = None
    columns: tuple[Column, ...] = ()
    paginate_by = 25
    template_name = "core/list.html"
    fragment_template = "core/_list_table.html"
    title = ""
    export_name = "export"
    create_url_name = None
    # A report kind (bpo.reports ReportKind value) the page offers to request, e.g. the register.
    report_kind = None

    def get_base_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def report_label(self):
        """The register button says which formats its report comes in."""
        if not self.report_kind:
            return ""
        from bpo.reports.choices import FORMATS, ReportFormat

        if ReportFormat.XLSX in FORMATS.get(self.report_kind, ()):
            return _("Register (PDF or XLSX)")
        return _("Register (PDF)")

    def report_program(self):
        """The program the list is filtered on (the report's form opens on it), if the user sees it."""
        from strategy.models import Program

        pk = self.request.GET.get("program", "")
        if not (self.report_kind and pk.isdigit()):
            return None
        return Program.objects.visible_to(self.request.user).filter(pk=pk).first()

    def can_create(self) -> bool:
        return False

    def get_filterset(self):
        return self.filterset_class(self.request.GET or None, queryset=self.get_base_queryset(), request=self.request)

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset()
        rows = self.filterset.qs
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            if self.export_in_background(rows):
                return self.queue_export(fmt)
            return export_response(
                fmt=fmt,
                filename=self.export_name,
                headers=[c.label for c in self.columns],
                rows=([c.export_value(obj) for c in self.columns] for obj in rows.iterator(chunk_size=2000)),
                sheet=self.export_sheet_title(),
            )
        paginator = CappedPaginator(rows, self.paginate_by)
        page = paginator.get_page(request.GET.get("page"))
        context = self.get_context_data(page=page, paginator=paginator, filterset=self.filterset)
        template = self.fragment_template if request.htmx and not request.htmx.boosted else self.template_name
        return self.render_to_response(context, template_name=template)

    def export_sheet_title(self) -> str:
        """The XLSX sheet's name in the reader's language: the page's title, else the rows' plural name."""
        if self.title:
            return str(self.title)
        return capfirst(self.model._meta.verbose_name_plural) if self.model else ""

    def export_in_background(self, rows) -> bool:
        """Staff exports above the threshold become a task (vendor users' lists are small and direct)."""
        limit = getattr(settings, "EXPORT_ASYNC_ROWS", 5000)
        return bool(limit) and not self.request.user.is_vendor_user and rows.count() > limit

    def queue_export(self, fmt):
        from bpo.reports.services import export_request

        query = self.request.GET.copy()
        query.pop("export", None)
        report = export_request(
            by=self.request.user,
            view=type(self),
            kwargs=self.kwargs,
            query=query.urlencode(),
            fmt=fmt,
            title=self.title or self.export_name,
        )
        return redirect(report)  # its page says the export is prepared in the background, until it is ready

    def render_to_response(self, context, template_name=None, **kwargs):
        return self.response_class(
            request=self.request,
            template=[template_name or self.template_name],
            context=context,
            using=self.template_engine,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ordering = self.request.GET.get("ordering", "")
        headers = []
        for col in self.columns:
            sort = None
            if col.order:
                current = "asc" if ordering == col.order else "desc" if ordering == f"-{col.order}" else ""
                sort = {"next": f"-{col.order}" if current == "asc" else col.order, "current": current}
            headers.append({"label": col.label, "sort": sort})
        rows = [Row(obj, self.columns) for obj in context["page"].object_list]
        context.update(
            title=kwargs.get("title") or self.title,  # a view may pass its title (or set the attribute)
            headers=headers,
            rows=rows,
            can_create=self.can_create(),
            create_url_name=self.create_url_name,
            report_kind=self.report_kind,
            report_label=self.report_label(),
            report_program=self.report_program(),
        )
        return context
