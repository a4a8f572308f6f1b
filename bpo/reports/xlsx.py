"""The finance report as a workbook: one sheet per part, the same figures as the PDF."""

from io import BytesIO

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .builders import finance
from .pdf import period_label


def _sheet(wb, title, header, rows):
    ws = wb.create_sheet(title[:31])
    ws.append([str(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([str(v) if isinstance(v, Promise) else v for v in row])  # lazy labels as text
    ws.freeze_panes = "A2"
    return ws


def finance_workbook(report, user, progress=lambda pct: None) -> bytes:
    """Budget lines, categories, crossings, invoices and credits, as numbers (not text)."""
    data = finance.collect(report, user, progress)
    wb = Workbook()
    cover = wb.active
    cover.title = _("Report")[:31]
    cover.append([_("Finance report")])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([_("Period"), period_label(data["start"], data["end"])])
    cover.append([_("Scope"), str(data["scope"]) if data["scope"] else _("All programs I can see")])
    cover.append([_("Data as of"), report.data_as_of.replace(tzinfo=None) if report.data_as_of else ""])
    cover.append([_("Requested by"), report.requested_by.get_full_name() or report.requested_by.username])
    _sheet(
        wb,
        _("Budget lines"),
        [
            _("Program"),
            _("Category"),
            _("Period"),
            _("Planned"),
            _("Actual"),
            _("Committed"),
            _("Consumed (%)"),
            _("Remaining"),
            _("Forecast at completion"),
        ],
        [
            [
                f.line.program.code,
                f.line.get_category_display(),
                f.line.period,
                f.line.planned_amount,
                f.actual,
                f.committed,
                f.consumed_pct,
                f.remaining,
                f.forecast,
            ]
            for f in data["lines"]
        ],
    )
    _sheet(
        wb,
        _("By category"),
        [_("Category"), _("Currency"), _("Planned"), _("Actual"), _("Committed"), _("Forecast at completion")],
        [
            [r["category"], r["currency"], r["planned"], r["actual"], r["committed"], r["forecast"]]
            for r in data["category_rows"]
        ],
    )
    _sheet(
        wb,
        _("Threshold crossings"),
        [_("Program"), _("Category"), _("Period"), _("Threshold (%)"), _("Consumed (%)")],
        [
            [
                c["figures"].line.program.code,
                c["figures"].line.get_category_display(),
                c["figures"].line.period,
                c["threshold"],
                c["figures"].consumed_pct,
            ]
            for c in data["crossings"]
        ],
    )
    _sheet(
        wb,
        _("Invoices"),
        [
            _("Invoice"),
            _("Contract"),
            _("Vendor"),
            _("Period"),
            _("Status"),
            _("Charges"),
            _("Credits deducted"),
            _("Net amount"),
        ],
        [
            [
                i.number,
                i.contract.number,
                str(i.contract.vendor),
                f"{i.period:%Y-%m}",
                i.get_status_display(),
                i.gross_amount,
                i.deduction_amount,
                i.net_amount,
            ]
            for i in data["invoices"]
        ],
    )
    _sheet(
        wb,
        _("Service credits"),
        [_("Contract"), _("Service level"), _("Period"), _("Status"), _("Amount")],
        [
            [
                c.period.contract.number,
                c.service_level.code,
                f"{c.period.start:%Y-%m}",
                c.get_status_display(),
                c.amount,
            ]
            for c in data["credits"]
        ],
    )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
