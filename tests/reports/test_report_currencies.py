"""Reports never add money of different currencies (there are no exchange rates): every amount in
the finance report's workbook and PDF carries its currency, and its totals are per currency.
Program A budgets and contracts in USD, program B in CNY (see conftest.build_money)."""

import re
from io import BytesIO

import pytest

from bpo.reports import services

from .conftest import OCTOBER


@pytest.fixture
def two_currencies(cast, money):
    cast.program_b.currency = "CNY"
    cast.program_b.save(update_fields=["currency"])
    money.contract_b.currency = "CNY"
    money.contract_b.save(update_fields=["currency"])
    return money


def _report(user, language="en", **kw):
    kw.setdefault("kind", "finance")
    if kw["kind"] == "finance":
        kw.update(period_start=OCTOBER, period_end=OCTOBER)
    report = services.report_request(by=user, language=language, **kw)
    report.refresh_from_db()
    assert report.status == "done", report.error
    return report


def pdftotext(report) -> str:
    """The PDF's text laid out as on the page (pypdf's layout mode: a table row on one line);
    pypdf is a test dependency, so no system tool is needed."""
    from pypdf import PdfReader

    with report.file.open("rb") as f:
        reader = PdfReader(BytesIO(f.read()))
    return "\n".join(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)


@pytest.mark.django_db(transaction=True)
def test_the_finance_workbook_gives_every_amount_its_currency(cast, two_currencies):
    from openpyxl import load_workbook

    report = _report(cast.finance, fmt="xlsx")
    with report.file.open("rb") as f:
        wb = load_workbook(BytesIO(f.read()))
    sheet = wb["Budget lines"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Program", "Currency", "Category"]
    lines = [(r[0], r[1], float(r[4])) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert lines == [("PA", "USD", 12345.0), ("PB", "CNY", 98765.0)]
    invoices = wb["Invoices"]
    currency = [c.value for c in invoices[1]].index("Currency")
    assert {r[0]: r[currency] for r in invoices.iter_rows(min_row=2, values_only=True)} == {
        "INV-A-77": "USD",
        "INV-B-99": "CNY",
    }
    credits = wb["Service credits"]
    currency = [c.value for c in credits[1]].index("Currency")
    assert sorted((r[0], r[currency], float(r[-1])) for r in credits.iter_rows(min_row=2, values_only=True)) == [
        ("CA-1", "USD", 77.7),
        ("CA-1", "USD", 432.1),
        ("CB-9", "CNY", 999.9),
    ]
    by_category = [(r[0], r[1]) for r in wb["By category"].iter_rows(min_row=2, values_only=True)]
    assert [c for _cat, c in by_category] == ["CNY", "USD"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_finance_pdf_shows_currencies_and_totals_per_currency(cast, two_currencies, language):
    text = pdftotext(_report(cast.finance, language=language))
    # By budget line: the currency next to the program
    assert re.search(r"^\s*PA\s+USD\s+\S+.*12,345\.00", text, re.M)
    assert re.search(r"^\s*PB\s+CNY\s+\S+.*98,765\.00", text, re.M)
    # Credits pending: 432.10 USD and 999.90 CNY, never 1432.00 (their sum)
    assert "1432.00" not in text and "1,432.00" not in text
    pending = "Pending earn-back" if language == "en" else "待赎回"
    totals = re.findall(rf"^\s*{pending}\s+(USD|CNY)\s+(\d+)\s+([\d.]+)$", text, re.M)
    assert sorted(totals) == [("CNY", "1", "999.90"), ("USD", "1", "432.10")]
    # Invoices approved: 11,111.00 USD and 55,555.00 CNY, never 66,666.00
    assert "66,666.00" not in text and "66666.00" not in text
    approved = "Approved" if language == "en" else "已批准"
    totals = re.findall(rf"^\s*{approved}\s+(USD|CNY)\s+(\d+)\s+[\d,.]+\s+[\d,.]+\s+([\d,.]+)$", text, re.M)
    assert sorted(totals) == [("CNY", "1", "55,555.00"), ("USD", "1", "11,111.00")]
    # the invoices one by one, with their currency
    assert any("INV-B-99" in line and "CNY" in line for line in text.splitlines())
    assert any("INV-A-77" in line and "USD" in line for line in text.splitlines())
    # the totals' count column is a count (数量), not a record number (编号)
    count, number = ("Count", "Number") if language == "en" else ("数量", "编号")
    heads = [line for line in text.splitlines() if re.search(r"\bStatus\b|状态", line) and count in line]
    assert heads and not any(number in line for line in heads)


@pytest.mark.django_db(transaction=True)
def test_the_single_currency_reports_name_it(cast, two_currencies):
    status = pdftotext(_report(cast.manager, kind="program_status", program=cast.program_a))
    assert re.search(r"Planned\s*\(USD\)", status) and "12,345.00 USD" in status
    summary = pdftotext(_report(cast.finance, kind="contract_summary", contract=two_currencies.contract_b))
    assert "Net amount (CNY)" in summary and "Amount (CNY)" in summary
    vendor = pdftotext(_report(cast.finance, kind="vendor_performance", vendor=cast.vendor_y))
    assert "Amount (CNY)" in vendor
