"""The reports offered as workbooks (finance, contract register): one sheet per part, the same
figures as the PDF, numbers and dates as numbers and dates (not text)."""

from io import BytesIO

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from bpo.core.export import sheet_title

from .builders import contract_register, finance
from .choices import ReportKind
from .pdf import period_label
from .zones import report_time


def _sheet(wb, title, header, rows):
    ws = wb.create_sheet(sheet_title(title))
    ws.append([str(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([str(v) if isinstance(v, Promise) else v for v in row])  # lazy labels as text
    ws.freeze_panes = "A2"
    return ws


def _cover(wb, report, *, title, scope, period=""):
    """The first sheet: what the report is, its scope, period, data time stamp and requester."""
    cover = wb.active
    cover.title = sheet_title(_("Report"))
    cover.append([title])
    cover["A1"].font = Font(bold=True, size=14)
    if period:
        cover.append([_("Period"), period])
    cover.append([_("Scope"), str(scope) if scope else _("All programs I can see")])
    # As text with its zone named (2026-11-28 18:49 (Asia/Manila)), as the report's page shows it:
    # a spreadsheet date has no zone (it was the UTC time, naive, while the PDF said "UTC").
    cover.append([_("Data as of"), report_time(report, report.data_as_of) if report.data_as_of else ""])
    cover.append([_("Requested by"), report.requested_by.get_full_name() or report.requested_by.username])
    return cover


def _save(wb) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def finance_workbook(report, user, progress=lambda pct: None) -> bytes:
    """Budget lines, categories, spending no budget line covers (not budgeted: in the categories'
    totals), invoices in other currencies (not counted against the budget), crossings, invoices
    and credits, as numbers (not text)."""
    data = finance.collect(report, user, progress)
    wb = Workbook()
    _cover(
        wb,
        report,
        title=_("Finance report"),
        scope=data["scope"],
        period=period_label(data["start"], data["end"]),
    )
    _sheet(
        wb,
        _("Budget lines"),
        [
            _("Program"),
            _("Currency"),
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
                f.line.program.currency,
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
    # Spending of the report's months that no budget line of its category covers: in the By category
    # totals above (as in the PDF), listed here per program and category so those totals can be traced.
    _sheet(
        wb,
        _("Not budgeted"),
        [_("Program"), _("Currency"), _("Category"), _("Months"), _("Actual"), _("Committed")],
        [
            [
                r["program"],
                r["currency"],
                r["figures"].category_label,
                r["figures"].months_label,
                r["figures"].actual,
                r["figures"].committed,
            ]
            for r in data["unbudgeted"]
        ],
    )
    # Invoices in a currency other than their program's, left out of the figures above (as the PDF notes them).
    _sheet(
        wb,
        _("Not counted against the budget"),
        [_("Program"), _("Currency"), _("Approved (net)"), _("Open (gross)")],
        [
            [o["program"], r["currency"], r["approved"], r["open"]]
            for o in data["other_currencies"]
            for r in o["currencies"]
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
            _("Currency"),
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
                i.contract.currency,
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
        [_("Contract"), _("Service level"), _("Period"), _("Status"), _("Currency"), _("Amount")],
        [
            [
                c.period.contract.number,
                c.service_level.code,
                f"{c.period.start:%Y-%m}",
                c.get_status_display(),
                c.period.contract.currency,
                c.amount,
            ]
            for c in data["credits"]
        ],
    )
    return _save(wb)


def contract_register_workbook(report, user, progress=lambda pct: None) -> bytes:
    """The register (one row per contract, by program and number) and its summary sheets."""
    data = contract_register.collect(report, user, progress)
    wb = Workbook()
    _cover(wb, report, title=_("Contract register"), scope=data["scope"])
    yes, no = _("Yes"), _("No")
    _sheet(
        wb,
        _("Register"),
        [
            _("Program"),
            _("Number"),
            _("Title"),
            _("Vendor"),
            _("Type"),
            _("Master agreement"),
            _("Status"),
            _("Start date"),
            _("End date"),
            _("Auto-renewal"),
            _("Notice (days)"),
            _("Notice deadline"),
            _("Currency"),
            _("Total value"),
            _("Monthly fee"),
            _("At risk (%)"),
            _("Service levels"),
            _("Credits applied"),
            _("Terminated on"),
        ],
        [
            [
                c.program.code,
                c.number,
                c.title,
                str(c.vendor),
                c.contract_type.upper(),
                c.parent.number if c.parent else "",
                c.get_status_display(),
                c.start_date,
                c.end_date,
                yes if c.auto_renewal else no,
                c.notice_period_days,
                None if c.ended else c.deadline,  # a terminated or expired contract takes no notice
                c.currency,
                c.value,
                c.monthly_fee,
                c.at_risk_pct,
                c.service_level_count,
                c.credits_applied,
                c.terminated_on,  # empty for one terminated before the day was recorded
            ]
            for c in data["contracts"]
        ],
    )
    _sheet(
        wb,
        _("By status"),
        [_("Status"), _("Contracts")],
        [[r["label"], r["n"]] for r in data["status_rows"]],
    )
    _sheet(
        wb,
        _("By currency"),
        [_("Currency"), _("Contracts"), _("Total value"), _("Credits applied")],
        [[r["currency"], r["n"], r["value"], r["credits"]] for r in data["currency_rows"]],
    )
    _sheet(
        wb,
        _("Notice deadlines"),
        [_("Notice deadline"), _("Number"), _("Title"), _("Program"), _("Vendor"), _("End date"), _("Auto-renewal")],
        [
            [c.deadline, c.number, c.title, c.program.code, str(c.vendor), c.end_date, yes if c.auto_renewal else no]
            for c in data["notice_due"]
        ],
    )
    return _save(wb)


# The workbook of each kind offered as XLSX (choices.FORMATS).
WORKBOOKS = {
    ReportKind.FINANCE: finance_workbook,
    ReportKind.CONTRACT_REGISTER: contract_register_workbook,
}
