"""A program budgets in its currency and there are no exchange rates: invoices of a contract in
another currency never count against the program's budget (burn, budget lines, thresholds,
charts, finance report), are listed beside the figures per currency, and the contract's page
warns about it. Program A is in USD; contract CA-1 (USD) and CE-1 (EUR) both belong to it."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from bpo.core.models import Notification
from contracts.models import Contract, RateCardLine
from delivery import budget, invoicing
from delivery.dashboard import burn
from strategy.models import BudgetLine
from tests.contracts.factories import ContractFactory, contract_of_a

NOTE = "Not counted against the budget: invoices in other currencies — 12,000.00 EUR approved, 3,000.00 EUR open"


def _invoice(cast, contract, number, hours, period="2026-01"):
    return invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number=number,
        period=period,
        lines=[{"rate_card_line": contract.rates.get().pk, "quantity": str(hours)}],
    )


@pytest.fixture
def usd_and_eur(cast):
    """A vendor-fees line of 10,000 USD for 2026-Q1; 3,000 USD approved, 1,000 USD open; in EUR
    12,000 approved (120% of the line, were it counted) and 3,000 open."""
    usd = contract_of_a(cast)
    eur = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, number="CE-1", status="active", terms_version=1, currency="EUR"
    )
    for contract in (usd, eur):
        RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("100"))
    line = BudgetLine.objects.create(
        program=cast.program_a, category="vendor_fees", period="2026-Q1", planned_amount=Decimal("10000")
    )
    invoicing.invoice_approve(invoice=_invoice(cast, usd, "U-1", 30), by=cast.finance)
    _invoice(cast, usd, "U-2", 10, "2026-02")
    invoicing.invoice_approve(invoice=_invoice(cast, eur, "E-1", 120), by=cast.finance)
    _invoice(cast, eur, "E-2", 30, "2026-02")
    return SimpleNamespace(cast=cast, usd=usd, eur=eur, line=line)


def test_the_budget_line_counts_only_the_programs_currency(usd_and_eur):
    figures = budget.line_figures(usd_and_eur.line, today=date(2026, 2, 15))
    assert (figures.actual, figures.committed) == (Decimal("3000"), Decimal("1000"))
    assert figures.consumed_pct == Decimal("40.0")
    assert [f.actual for f in budget.program_budget(usd_and_eur.cast.program_a)] == [Decimal("3000")]


def test_an_invoice_in_another_currency_crosses_no_threshold(usd_and_eur):
    # 12,000 EUR approved against 10,000 USD planned: neither the 80% nor the 100% crossing.
    assert not Notification.objects.filter(event_key__startswith="budget:").exists()
    assert (
        budget.check_thresholds(program=usd_and_eur.cast.program_a, category="vendor_fees", month=date(2026, 1, 1))
        == []
    )


def test_burn_ignores_other_currencies_in_one_query(usd_and_eur):
    pk = usd_and_eur.cast.program_a.pk
    with CaptureQueriesContext(connection) as ctx:
        figures = burn([pk, usd_and_eur.cast.program_b.pk])
    assert len(ctx.captured_queries) == 1
    assert figures[pk] == {
        "currency": "USD",
        "planned": Decimal("10000"),
        "actual": Decimal("3000"),
        "committed": Decimal("1000"),
        "pct": Decimal("30"),
    }


def test_a_program_with_only_foreign_invoices_burns_nothing(usd_and_eur):
    Contract.objects.filter(pk=usd_and_eur.usd.pk).update(currency="GBP")
    figures = burn([usd_and_eur.cast.program_a.pk])[usd_and_eur.cast.program_a.pk]
    assert (figures["actual"], figures["committed"], figures["pct"]) == (0, 0, 0)


def test_the_home_tile_and_programs_table_ignore_other_currencies(usd_and_eur, client):
    client.force_login(usd_and_eur.cast.manager)
    html = client.get(reverse("core:home") + "?refresh=1").content.decode()
    assert "USD 3,000.00 of 10,000.00 planned" in html
    assert "15,000.00" not in html and "150%" not in html


def test_the_budget_page_notes_other_currencies_and_leaves_them_out(usd_and_eur, client):
    client.force_login(usd_and_eur.cast.manager)
    response = client.get(reverse("delivery:program_budget", args=[usd_and_eur.cast.program_a.pk]))
    assert [r.actual for r in response.context["rows"]] == [Decimal("3000")]
    assert response.context["other_currencies"] == NOTE
    page = response.content.decode()
    assert 'data-testid="other-currencies">' + NOTE.replace("—", "—") in page
    # the monthly burn chart: January's 3,000 USD, not 15,000
    assert response.context["charts"]["burn"].rows[0] == ["2026-01", "3,000"]


def test_the_budget_page_note_in_chinese(usd_and_eur, client):
    manager = usd_and_eur.cast.manager
    manager.language = "zh-hans"
    manager.save(update_fields=["language"])
    client.force_login(manager)
    client.cookies["django_language"] = "zh-hans"
    note = client.get(reverse("delivery:program_budget", args=[usd_and_eur.cast.program_a.pk])).context[
        "other_currencies"
    ]
    assert "12,000.00 EUR" in note and "3,000.00 EUR" in note
    assert "Not counted" not in note and "approved" not in note


def test_the_budget_page_runs_the_same_queries_with_other_currencies(usd_and_eur, client):
    client.force_login(usd_and_eur.cast.manager)
    url = reverse("delivery:program_budget", args=[usd_and_eur.cast.program_a.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    with_eur = count()
    Contract.objects.filter(pk=usd_and_eur.eur.pk).update(currency="USD")
    assert count() == with_eur
    # and with every invoice in the program's currency, no note
    assert client.get(url).context["other_currencies"] == ""


def test_the_finance_report_notes_other_currencies_per_program(usd_and_eur):
    from bpo.reports.builders import finance
    from bpo.reports.models import ReportRequest

    cast = usd_and_eur.cast
    report = ReportRequest(
        kind="finance", period_start=date(2026, 1, 1), period_end=date(2026, 3, 1), requested_by=cast.finance
    )
    with translation.override("en"):
        data = finance.collect(report, cast.finance)
        template, context = finance.build(report, cast.finance)
        html = render_to_string(template, context)
    assert [(f.actual, f.committed) for f in data["lines"]] == [(Decimal("3000"), Decimal("1000"))]
    assert [(r["currency"], r["actual"]) for r in data["category_rows"]] == [("USD", Decimal("3000"))]
    assert data["crossings"] == []
    assert [(o["program"], o["note"]) for o in data["other_currencies"]] == [(cast.program_a.code, NOTE)]
    assert f"{cast.program_a.code}: {NOTE}" in html
    # a month without EUR invoices: no note
    report.period_start = report.period_end = date(2026, 3, 1)
    assert finance.collect(report, cast.finance)["other_currencies"] == []


def test_the_program_status_report_notes_other_currencies(usd_and_eur):
    from bpo.reports.builders import program

    report = SimpleNamespace(program_id=usd_and_eur.cast.program_a.pk)
    with translation.override("en"):
        data = program.collect(report, usd_and_eur.cast.manager)
    assert data["actual_total"] == Decimal("3000")
    assert data["other_currencies"] == NOTE


def test_the_contract_page_warns_about_its_currency(usd_and_eur, client):
    client.force_login(usd_and_eur.cast.manager)
    page = client.get(usd_and_eur.eur.get_absolute_url()).content.decode()
    assert 'data-testid="currency-warning"' in page
    assert "This contract is in EUR and its program budgets in USD" in page
    assert 'data-testid="currency-warning"' not in client.get(usd_and_eur.usd.get_absolute_url()).content.decode()


def test_a_contract_in_another_currency_is_accepted_with_a_warning(cast, client):
    from tests.contracts.test_currency_codes import _contract_form

    client.force_login(cast.manager)
    response = client.post(reverse("contracts:contract_create"), _contract_form(cast, currency="EUR"), follow=True)
    assert Contract.objects.get(number="CUR-1").currency == "EUR"
    messages = [str(m) for m in response.context["messages"]]
    assert any("CUR-1 is in EUR and its program budgets in USD" in m for m in messages)
    # in the program's currency: no warning
    response = client.post(
        reverse("contracts:contract_create"), _contract_form(cast, number="CUR-2", currency=""), follow=True
    )
    assert not any("exchange rates" in str(m) for m in response.context["messages"])
    # the API and the model accept it too
    created = client.post(
        "/api/v1/contracts/",
        {
            "program": cast.program_a.pk,
            "vendor": cast.vendor_x.pk,
            "number": "API-EUR",
            "title": "API",
            "contract_type": "msa",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "monthly_fee": "5000",
            "currency": "EUR",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    contract = Contract.objects.get(number="API-EUR")
    contract.full_clean()
    assert contract.outside_program_budget


@pytest.mark.parametrize(
    "language,sheet,header",
    [
        ("en", "Not counted against the budget", ["Program", "Currency", "Approved (net)", "Open (gross)"]),
        ("zh-hans", "未计入预算", ["项目", "币种", "已批准（净额）", "待处理（总额）"]),
    ],
)
def test_the_finance_workbook_lists_other_currencies_on_their_own_sheet(usd_and_eur, language, sheet, header):
    """The PDF's note per program and currency, as rows of numbers; never in the budget sheets."""
    from io import BytesIO

    from openpyxl import load_workbook

    from bpo.reports.models import ReportRequest
    from bpo.reports.xlsx import finance_workbook

    cast = usd_and_eur.cast
    report = ReportRequest(
        kind="finance", period_start=date(2026, 1, 1), period_end=date(2026, 3, 1), requested_by=cast.finance
    )
    with translation.override(language):
        wb = load_workbook(BytesIO(finance_workbook(report, cast.finance)))
    rows = list(wb[sheet].iter_rows(values_only=True))
    assert list(rows[0]) == header
    assert [(r[0], r[1], Decimal(str(r[2])), Decimal(str(r[3]))) for r in rows[1:]] == [
        (cast.program_a.code, "EUR", Decimal("12000"), Decimal("3000"))
    ]
    # a month without EUR invoices: the sheet is there, empty
    report.period_start = report.period_end = date(2026, 3, 1)
    with translation.override(language):
        wb = load_workbook(BytesIO(finance_workbook(report, cast.finance)))
    assert len(list(wb[sheet].iter_rows(values_only=True))) == 1
