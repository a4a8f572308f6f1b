"""Spending in months no budget line of its category covers (a training cost when the program
budgets no training, an invoice of a month after the vendor-fees line) was left out of the budget
table and the status report while the home page's burn counted it: it is now a "not budgeted"
row of the budget page and in the report's actuals, so every figure adds up to the same total."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from contracts.models import RateCardLine
from delivery import budget, invoicing
from delivery.dashboard import burn
from delivery.models import CostEntry
from delivery.status_report import compute_figures
from strategy.models import BudgetLine
from tests.contracts.factories import contract_of_a


@pytest.fixture
def spent(cast):
    """Vendor fees budgeted for 2026-Q1 only (10,000); invoices approved for January (3,000,
    inside) and April (2,000, outside); a training cost of 700 in February (no training line)
    and a staff cost of 50 in March (inside a staff line)."""
    program = cast.program_a
    program.start_date, program.end_date = date(2026, 1, 1), date(2026, 12, 31)
    program.save(update_fields=["start_date", "end_date"])
    contract = contract_of_a(cast)
    RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("100"))
    BudgetLine.objects.create(
        program=program, category="vendor_fees", period="2026-Q1", planned_amount=Decimal("10000")
    )
    BudgetLine.objects.create(program=program, category="internal_staff", period="2026", planned_amount=Decimal("1000"))
    for number, hours, period in (("IN-1", 30, "2026-01"), ("OUT-4", 20, "2026-04")):
        invoice = invoicing.invoice_submit(
            contract=contract,
            by=cast.vendor_x_admin,
            number=number,
            period=period,
            lines=[{"rate_card_line": contract.rates.get().pk, "quantity": str(hours)}],
        )
        invoicing.invoice_approve(invoice=invoice, by=cast.finance)
    for category, month, amount in (("training", 2, "700"), ("internal_staff", 3, "50")):
        CostEntry.objects.create(
            program=program,
            category=category,
            period=date(2026, month, 1),
            amount=Decimal(amount),
            description=category,
            created_by=cast.manager,
        )
    return program


def test_spending_outside_every_line_is_listed_per_category(spent):
    rows = {u.category: u for u in budget.unbudgeted(spent)}
    assert set(rows) == {"training", "vendor_fees"}
    assert (rows["training"].actual, rows["training"].months_label) == (Decimal("700"), "2026-02")
    assert (rows["vendor_fees"].actual, rows["vendor_fees"].months_label) == (Decimal("2000"), "2026-04")
    # Up to March only (a March report): April's invoice is not there yet.
    assert {u.category for u in budget.unbudgeted(spent, until=date(2026, 3, 31))} == {"training"}


def test_lines_and_unbudgeted_add_up_to_the_home_burn(spent):
    in_lines = sum((f.actual for f in budget.program_budget(spent)), Decimal("0"))
    outside = sum((u.actual for u in budget.unbudgeted(spent)), Decimal("0"))
    assert in_lines == Decimal("3050")
    assert in_lines + outside == burn([spent.pk])[spent.pk]["actual"] == Decimal("5750")


def test_the_status_report_counts_it(spent):
    figures = compute_figures(program=spent, period=date(2026, 4, 1), today=date(2026, 11, 28))
    assert Decimal(figures["budget_actual"]) == Decimal("5750.00")
    # The forecast is never below what is spent and committed (user test: 196,000 < 203,000.50).
    assert Decimal(figures["budget_forecast"]) >= Decimal(figures["budget_actual"]) + Decimal(
        figures["budget_committed"]
    )
    march = compute_figures(program=spent, period=date(2026, 3, 1), today=date(2026, 11, 28))
    assert Decimal(march["budget_actual"]) == Decimal("3750.00")  # April's 2,000 not yet


def test_the_budget_page_shows_the_rows_and_says_why(cast, client, spent):
    client.force_login(cast.manager)
    response = client.get(reverse("delivery:program_budget", args=[spent.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="unbudgeted-training"' in html and 'data-testid="unbudgeted-vendor_fees"' in html
    assert "700.00" in html and "2,000.00" in html and 'data-testid="unbudgeted-note"' in html


def _finance_data(cast, first, last):
    from bpo.reports.builders.finance import collect
    from bpo.reports.models import ReportRequest

    report = ReportRequest.objects.create(
        kind="finance", fmt="pdf", language="en", requested_by=cast.finance, period_start=first, period_end=last
    )
    return collect(report, cast.finance)


def test_the_finance_report_counts_it_by_category_and_lists_it(cast, spent):
    data = _finance_data(cast, date(2026, 1, 1), date(2026, 12, 1))
    by_category = {(r["currency"], r["category"]): r for r in data["category_rows"]}
    currency = spent.currency
    assert by_category[(currency, "Training")]["planned"] == 0
    assert by_category[(currency, "Training")]["actual"] == Decimal("700")
    assert by_category[(currency, "Vendor fees")]["actual"] == Decimal("5000")  # 3,000 in the line + April's 2,000
    listed = {(r["program"], r["figures"].category, r["figures"].months_label) for r in data["unbudgeted"]}
    assert listed == {(spent.code, "training", "2026-02"), (spent.code, "vendor_fees", "2026-04")}
    # A report of the first quarter: April's invoice is outside its months.
    quarter = _finance_data(cast, date(2026, 1, 1), date(2026, 3, 1))
    assert {r["figures"].category for r in quarter["unbudgeted"]} == {"training"}


def test_the_finance_pdf_has_the_table(cast, spent):
    from django.template.loader import render_to_string

    from bpo.reports.builders.finance import build
    from bpo.reports.models import ReportRequest

    report = ReportRequest.objects.create(
        kind="finance",
        fmt="pdf",
        language="en",
        requested_by=cast.finance,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 1),
    )
    template, context = build(report, cast.finance)
    html = render_to_string(template, context)
    assert "<h3>Not budgeted</h3>" in html and 'data-testid="unbudgeted"' in html
    assert '<td>2026-02</td><td class="num">700.00</td>' in html
