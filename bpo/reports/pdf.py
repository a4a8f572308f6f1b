"""Shared PDF helpers: one stylesheet (cover, table of contents, page counters), rendering
with WeasyPrint in the report's language, and the context every report template gets.

Every report template extends templates/pdf/base.html: a cover with the title, the scope,
the period and the data time stamp; a table of contents built from `sections` (each
section's heading carries an id, and the page number comes from CSS `target-counter`);
page numbers "page N of M" in the footer through `@page` counters.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from .zones import report_time

CSS_PATH = "css/pdf.css"
# WeasyPrint logs every layout step and fontTools every subset at INFO: keep the worker's log readable.
for _name in ("weasyprint", "weasyprint.progress", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)


def stylesheet_path() -> str:
    """The PDF stylesheet on disk (found by the static finders, or collected)."""
    found = finders.find(CSS_PATH)
    if found:
        return found
    return str(Path(settings.STATIC_ROOT) / CSS_PATH)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a report template to PDF bytes (call inside translation.override(language))."""
    from weasyprint import CSS, HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[CSS(filename=stylesheet_path())])


def period_label(start, end) -> str:
    """2026-10, or 2026-01 – 2026-10."""
    if not start:
        return ""
    a, b = f"{start:%Y-%m}", f"{(end or start):%Y-%m}"
    return a if a == b else f"{a} – {b}"


def base_context(report, *, title, subtitle: str = "", sections=(), period=None) -> dict:
    """What the cover and the table of contents need: title, scope, period, when the data was read
    (text in the report's zone, named, as on the report page and the XLSX cover: a program's or
    contract's report in its program's zone, any other in the current zone; bpo.reports.zones)."""
    as_of = report.data_as_of or timezone.now()
    return {
        "report": report,
        "title": title,
        "subtitle": subtitle,
        "sections": [{"id": sid, "title": stitle} for sid, stitle in sections],
        "data_as_of": report_time(report, as_of),
        "requested_by": report.requested_by,
        "period_label": period_label(*period) if period else report.period_label,
    }
