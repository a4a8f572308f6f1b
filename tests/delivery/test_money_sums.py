"""Sums of money past one amount's limit (hardening #9). Each amount is 16 digits, 2 after the
point (99,999,999,999,999.99 at most), but three approved invoices of 99,999,999,999,999.00 in one
month add up to 299,999,999,999,997.00: every page, report and tile that sums them reads it whole
(bpo/core/money.py: money_sum), and the service-level period whose charges that sum would be,
a 16-digit field, is refused with a sentence naming it instead of failing in the database."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from bpo.reports import services as reports
from contracts.models import RateCardLine
from delivery import invoicing
from delivery.models import Invoice
from performance.models import Credit, Period
from strategy.models import BudgetLine
from tests.contracts.factories import ServiceLevelFactory, contract_of_a

BIG = Decimal("99999999999999.00")  # one invoice: 9,999,999,999.9999 x 10,000 (whole, exact on SQLite too)
TOTAL = "299,999,999,999,997.00"  # three of them
JANUARY = date(2026, 1, 1)


@pytest.fixture
def contract(cast):
    """Program A's contract with three approved invoices of BIG for 2026-01, against a budget
    line of the first quarter (each approval checks the line's thresholds, summing the invoices)."""
    contract = contract_of_a(cast)
    BudgetLine.objects.create(program=cast.program_a, category="vendor_fees", period="2026-Q1", planned_amount=BIG)
    lot = RateCardLine.objects.create(contract=contract, item="Lot", unit="lot", rate=Decimal("9999999999.9999"))
    for n in range(3):
        invoice = invoicing.invoice_submit(
            contract=contract,
            by=cast.vendor_x_admin,
            number=f"BIG-{n}",
            period="2026-01",
            lines=[{"rate_card_line": lot.pk, "quantity": "10000"}],
        )
        invoicing.invoice_approve(invoice=invoice, by=cast.finance)
    assert sorted(Invoice.objects.values_list("status", "net_amount")) == [("approved", BIG)] * 3
    return contract


def _credits(contract, status="provisional"):
    """Three credits of BIG on three service levels of January's period."""
    period = Period.objects.create(contract=contract, kind="monthly", start=JANUARY, end=date(2026, 2, 1))
    levels = [contract.service_levels.get(), *(ServiceLevelFactory(contract=contract, code=f"S{n}") for n in (1, 2))]
    for level in levels:
        Credit.objects.create(
            period=period, service_level=level, allocation_pct=10, uncapped_amount=BIG, amount=BIG, status=status
        )


def test_budget_page_shows_the_months_actual_whole(client, cast, contract):
    client.force_login(cast.manager)
    response = client.get(reverse("delivery:program_budget", args=[cast.program_a.pk]))
    assert response.status_code == 200
    assert TOTAL in response.content.decode()


def test_home_page_burn_and_credit_tiles_show_the_sums_whole(client, cast, contract):
    _credits(contract)
    client.force_login(cast.finance)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert TOTAL in page  # the budget burn's actual
    assert f"USD {TOTAL}" in page  # the provisional credits' tile


def test_service_level_dashboard_shows_the_credit_total_whole(client, cast, contract):
    _credits(contract)
    client.force_login(cast.manager)
    response = client.get(reverse("performance:dashboard", args=[contract.pk]))
    assert response.status_code == 200
    assert TOTAL in response.content.decode()


def test_vendor_spend_shows_the_sum_whole(client, cast, contract):
    client.force_login(cast.finance)
    response = client.get(reverse("performance:vendor_performance", args=[cast.vendor_x.pk]))
    assert response.status_code == 200
    assert TOTAL in response.content.decode()


def _done(user, **kw):
    report = reports.report_request(by=user, language="en", **kw)
    report.refresh_from_db()
    assert report.status == "done", report.error
    return report


def _pdf_text(report) -> str:
    from pypdf import PdfReader

    with report.file.open("rb") as f:
        return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(f.read())).pages)


def _xlsx_values(report) -> set:
    from openpyxl import load_workbook

    with report.file.open("rb") as f:
        book = load_workbook(BytesIO(f.read()))
    return {str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c is not None}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db(transaction=True)
def test_finance_report_totals_whole_in_pdf_and_workbook(cast, contract, media):
    _credits(contract, status="applied")
    window = {"kind": "finance", "period_start": JANUARY, "period_end": date(2026, 3, 1)}
    text = _pdf_text(_done(cast.finance, fmt="pdf", **window))
    assert TOTAL in text  # invoices' totals, the month's invoiced cost and the credits' total
    values = _xlsx_values(_done(cast.finance, fmt="xlsx", **window))
    assert {"299999999999997", "299999999999997.00"} & values or 299999999999997.0 in {
        float(v) for v in values if v.replace(".", "", 1).isdigit()
    }


@pytest.mark.django_db(transaction=True)
def test_contract_summary_and_register_totals_whole(cast, contract, media):
    _credits(contract, status="applied")
    assert TOTAL in _pdf_text(_done(cast.finance, fmt="pdf", kind="contract_summary", contract=contract))
    assert TOTAL in _pdf_text(_done(cast.finance, fmt="pdf", kind="contract_register"))


def test_evaluation_refuses_charges_beyond_a_period_naming_them(client, cast, contract):
    client.force_login(cast.manager)
    response = client.post(reverse("performance:evaluate", args=[contract.pk]))
    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert f"The charges of 2026-01 on {contract.number} add up to {TOTAL} USD" in message
    assert "(99,999,999,999,999.99 USD)" in message
    january = Period.objects.get(contract=contract, kind="monthly", start=JANUARY)
    assert january.charges == 0 and january.evaluated_at is None  # nothing half-saved
    assert client.get(reverse("performance:dashboard", args=[contract.pk])).status_code == 200


def test_evaluation_refusal_is_in_chinese(client, cast, contract):
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    response = client.post(reverse("performance:evaluate", args=[contract.pk]), follow=True)
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert TOTAL in message and "The charges" not in message
