"""The finance workbook's By category sheet counted the spending no budget line covers (as the
PDF does) but nothing in the workbook said what it was: the PDF's "Not budgeted" table had no
sheet. It is now a sheet per program and category (its months, actual and committed), so the
workbook carries what the PDF does and its totals trace to the same rows as the PDF's and the
home page's burn; only programs the requester may see."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook

from bpo.reports.builders.finance import build
from bpo.reports.models import ReportRequest
from bpo.reports.xlsx import finance_workbook
from delivery.dashboard import burn
from tests.delivery.unbudgeted_spend import cost, spend

pytestmark = pytest.mark.django_db


def _workbook(user, first, last, language="en"):
    report = ReportRequest(kind="finance", period_start=first, period_end=last, requested_by=user)
    with translation.override(language):
        return load_workbook(BytesIO(finance_workbook(report, user))), report


def _rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _money(value):
    return Decimal(str(value))


def test_the_workbook_lists_not_budgeted_spending_and_its_totals_match_the_pdf_and_burn(cast):
    program = spend(cast)
    currency = program.currency
    wb, report = _workbook(cast.finance, date(2026, 1, 1), date(2026, 12, 1))
    rows = _rows(wb["Not budgeted"])
    assert rows[0] == ["Program", "Currency", "Category", "Months", "Actual", "Committed"]
    assert [[r[0], r[1], r[2], r[3], _money(r[4]), _money(r[5])] for r in rows[1:]] == [
        ["PA", currency, "Training", "2026-02", Decimal("700"), Decimal("0")],
        ["PA", currency, "Vendor fees", "2026-04", Decimal("2000"), Decimal("500")],
    ]
    # Amounts are numbers, not text.
    assert all(isinstance(r[4], (int, float)) and isinstance(r[5], (int, float)) for r in rows[1:])

    by_category = _rows(wb["By category"])[1:]
    actual = sum((_money(r[3]) for r in by_category), Decimal(0))
    committed = sum((_money(r[4]) for r in by_category), Decimal(0))
    home = burn([program.pk])[program.pk]
    assert (actual, committed) == (home["actual"], home["committed"]) == (Decimal("5750"), Decimal("500"))
    # The same rows as the PDF's By category table.
    _template, context = build(report, cast.finance)
    pdf = [
        [str(r["category"]), r["currency"], r["planned"], r["actual"], r["committed"]] for r in context["category_rows"]
    ]
    assert [[r[0], r[1], _money(r[2]), _money(r[3]), _money(r[4])] for r in by_category] == pdf
    assert len(context["unbudgeted"]) == len(rows) - 1


def test_only_the_reports_months_are_listed(cast):
    spend(cast)
    wb, _report = _workbook(cast.finance, date(2026, 1, 1), date(2026, 3, 1))
    assert [r[2:4] for r in _rows(wb["Not budgeted"])[1:]] == [["Training", "2026-02"]]
    # A month with nothing outside the lines: the sheet is there, with its header only.
    wb, _report = _workbook(cast.finance, date(2026, 3, 1), date(2026, 3, 1))
    assert len(_rows(wb["Not budgeted"])) == 1


def test_a_manager_sees_only_the_programs_they_may_see(cast):
    spend(cast)
    cost(cast, cast.program_b, "technology", date(2026, 2, 1), "999")
    finance, _report = _workbook(cast.finance, date(2026, 1, 1), date(2026, 12, 1))
    assert {r[0] for r in _rows(finance["Not budgeted"])[1:]} == {"PA", "PB"}
    manager, _report = _workbook(cast.manager, date(2026, 1, 1), date(2026, 12, 1))
    assert {r[0] for r in _rows(manager["Not budgeted"])[1:]} == {"PA"}
    assert "Technology" not in {r[0] for r in _rows(manager["By category"])[1:]}


def test_the_sheet_in_chinese(cast):
    spend(cast)
    wb, _report = _workbook(cast.finance, date(2026, 1, 1), date(2026, 12, 1), language="zh-hans")
    rows = _rows(wb["未列入预算"])
    assert rows[0] == ["项目", "币种", "类别", "月份", "实际", "已承诺"]
    assert [r[2] for r in rows[1:]] == ["培训", "供应商费用"]


def test_the_pdf_headline_totals_count_it_too(cast):
    """The PDF's Planned / Actual / Forecast figures above its tables summed the budget lines only
    (3,050 actual) while its By category table, the workbook and the home page's burn said 5,750."""
    program = spend(cast)
    wb, report = _workbook(cast.finance, date(2026, 1, 1), date(2026, 12, 1))
    _template, context = build(report, cast.finance)
    [totals] = context["totals"]
    by_category = _rows(wb["By category"])[1:]
    assert totals["currency"] == program.currency
    assert totals["actual"] == sum((_money(r[3]) for r in by_category), Decimal(0)) == Decimal("5750")
    assert totals["actual"] == burn([program.pk])[program.pk]["actual"]
    assert totals["planned"] == Decimal("11000")
    assert totals["forecast"] == sum((_money(r[5]) for r in by_category), Decimal(0))
