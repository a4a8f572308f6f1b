"""Invoice pages and endpoints: portal submission with errors next to the field, finance decisions, API."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from contracts.models import RateCardLine
from delivery import invoicing
from delivery.choices import InvoiceStatus
from delivery.models import Invoice
from performance.choices import CreditStatus
from performance.models import Credit, Period
from strategy.models import BudgetLine
from tests.contracts.factories import contract_of_a


@pytest.fixture
def contract(cast):
    c = contract_of_a(cast)
    RateCardLine.objects.create(contract=c, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    return c


def _form(contract, **overrides):
    data = {
        "number": "INV-7",
        "period": "2026-02",
        "include_monthly_fee": "on",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "50",
        "lines-0-rate_card_line": str(contract.rates.get().pk),
        "lines-0-quantity": "10",
        "lines-1-rate_card_line": "",
        "lines-1-quantity": "",
    }
    data.update(overrides)
    return data


def test_vendor_submits_an_invoice_in_the_portal_and_sees_it(client, cast, contract):
    client.force_login(cast.vendor_x_user)
    response = client.post(reverse("portal:invoice_create", args=[contract.pk]), _form(contract))
    invoice = Invoice.objects.get()
    assert response.status_code == 302
    assert invoice.gross_amount == Decimal("100255.00")
    page = client.get(reverse("portal:invoice_detail", args=[invoice.pk]))
    assert "100,255.00" in page.content.decode()  # grouped, as on the list (bpo/core/formats.py)
    html = page.content.decode()
    assert "-0.00" not in html  # nothing deducted reads 0.00, not minus zero
    cells = re.findall(r'<td class="num">([^<]*)</td>', html)
    # Rates as amounts are shown (bpo/core/formats.py format_rate): cents, grouped.
    assert "25.50" in cells and cells.count("100,000.00") == 2 and "100,000" not in cells, cells


def test_portal_refuses_a_period_outside_the_term_next_to_the_field_and_keeps_the_input(client, cast, contract):
    client.force_login(cast.vendor_x_user)
    response = client.post(reverse("portal:invoice_create", args=[contract.pk]), _form(contract, period="2030-01"))
    assert response.status_code == 200
    assert response.context["form"].errors["period"]
    assert 'value="INV-7"' in response.content.decode()
    assert not Invoice.objects.exists()


def test_portal_refuses_a_duplicate_number(client, cast, contract):
    client.force_login(cast.vendor_x_user)
    client.post(reverse("portal:invoice_create", args=[contract.pk]), _form(contract))
    again = client.post(reverse("portal:invoice_create", args=[contract.pk]), _form(contract, period="2026-03"))
    assert "already submitted" in again.context["form"].errors["number"][0]
    assert Invoice.objects.count() == 1


def test_vendor_cannot_open_another_vendors_invoice(client, cast, contract):
    invoice = invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="A", period="2026-01", lines=[], include_monthly_fee=True
    )
    client.force_login(cast.vendor_y_admin)
    assert client.get(reverse("portal:invoice_detail", args=[invoice.pk])).status_code == 404
    assert client.get(f"/api/v1/invoices/{invoice.pk}/").status_code == 404
    assert client.get("/api/v1/invoices/").json()["count"] == 0


def test_finance_approves_in_the_staff_ui_and_sees_the_deduction(client, cast, contract):
    period = Period.objects.create(
        contract=contract, kind="monthly", start=date(2026, 1, 1), end=date(2026, 2, 1), status="finalized"
    )
    Credit.objects.create(
        period=period,
        service_level=contract.service_levels.get(),
        allocation_pct=Decimal("10"),
        uncapped_amount=Decimal("700"),
        amount=Decimal("700"),
        status=CreditStatus.APPLIED,
    )
    invoice = invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="A", period="2026-02", lines=[], include_monthly_fee=True
    )
    client.force_login(cast.manager)
    assert client.post(reverse("delivery:invoice_action", args=[invoice.pk, "approve"])).status_code == 403
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SUBMITTED  # a manager reads, finance decides
    client.force_login(cast.finance)
    client.post(reverse("delivery:invoice_action", args=[invoice.pk, "approve"]))
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.APPROVED and invoice.net_amount == Decimal("99300.00")
    page = client.get(reverse("delivery:invoice_detail", args=[invoice.pk])).content.decode()
    assert "-700.00" in page and "99,300.00 USD" in page  # grouped, as on the list (bpo/core/formats.py)


def test_api_vendor_submits_and_finance_disputes_then_approves_another(client, cast, contract):
    client.force_login(cast.vendor_x_admin)
    payload = {
        "contract": contract.pk,
        "number": "API-1",
        "period": "2026-02",
        "lines": [{"rate_card_line": contract.rates.get().pk, "quantity": "4"}],
    }
    created = client.post("/api/v1/invoices/", payload, content_type="application/json")
    assert created.status_code == 201 and created.json()["gross_amount"] == "102.00"
    bad = client.post(
        "/api/v1/invoices/",
        {**payload, "number": "API-2", "lines": [{"rate_card_line": 999999, "quantity": "1"}]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["attr"] == "lines"
    assert client.post(f"/api/v1/invoices/{created.json()['id']}/approve/").status_code == 403
    client.force_login(cast.finance)
    disputed = client.post(
        f"/api/v1/invoices/{created.json()['id']}/dispute/", {"reason": "Wrong hours"}, content_type="application/json"
    )
    assert disputed.status_code == 200 and disputed.json()["status"] == "disputed"
    client.force_login(cast.vendor_x_admin)
    second = client.post("/api/v1/invoices/", {**payload, "number": "API-3"}, content_type="application/json").json()
    client.force_login(cast.finance)
    approved = client.post(f"/api/v1/invoices/{second['id']}/approve/")
    assert approved.json()["status"] == "approved"


def test_budget_page_shows_planned_actual_and_manager_records_a_cost(client, cast, contract):
    BudgetLine.objects.create(
        program=cast.program_a, category="training", period="2026", planned_amount=Decimal("1000")
    )
    client.force_login(cast.manager)
    url = reverse("delivery:program_budget", args=[cast.program_a.pk])
    bad = client.post(url, {"category": "training", "period": "soon", "amount": "10", "description": "Course"})
    assert bad.context["form"].errors["period"]
    client.post(url, {"category": "training", "period": "2026-03", "amount": "850", "description": "Course"})
    rows = client.get(url).context["rows"]
    assert rows[0].actual == Decimal("850")
    client.force_login(cast.viewer)
    assert (
        client.post(url, {"category": "training", "period": "2026-03", "amount": "1", "description": "x"}).status_code
        == 403
    )


def test_invoice_list_page_api_and_portal_do_not_grow_with_rows(client, cast, contract):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(start, n):
        for i in range(start, start + n):
            invoicing.invoice_submit(
                contract=contract,
                by=cast.vendor_x_admin,
                number=f"N-{i}",
                period="2026-01",
                lines=[{"rate_card_line": contract.rates.get().pk, "quantity": "1"}],
            )

    def count(user, url):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    pages = [
        (cast.finance, reverse("delivery:invoice_list")),
        (cast.finance, "/api/v1/invoices/"),
        (cast.vendor_x_admin, reverse("portal:invoices")),
    ]
    make(0, 5)
    few = [count(u, url) for u, url in pages]
    make(5, 40)
    assert [count(u, url) for u, url in pages] == few


def _next_month():
    from django.utils import timezone

    return (timezone.localdate().replace(day=1) + timedelta(days=31)).replace(day=1)


@pytest.fixture
def long_contract(contract):
    """The contract's term runs three more years, so next month is within it whatever today is."""
    contract.end_date = date(_next_month().year + 3, 12, 31)
    contract.save(update_fields=["end_date"])
    return contract


def test_portal_refuses_a_month_not_started_next_to_the_field_and_keeps_the_input(client, cast, long_contract):
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:invoice_create", args=[long_contract.pk])
    response = client.post(url, _form(long_contract, period=f"{_next_month():%Y-%m}"))
    assert response.status_code == 200 and not Invoice.objects.exists()
    assert "has not started yet" in response.context["form"].errors["period"][0]
    page = response.content.decode()
    assert 'value="INV-7"' in page and f'value="{_next_month():%Y-%m}"' in page
    this_month = _next_month() - timedelta(days=1)
    assert client.post(url, _form(long_contract, period=f"{this_month:%Y-%m}")).status_code == 302


def test_api_refuses_a_month_not_started_with_the_period_error(client, cast, long_contract):
    client.force_login(cast.vendor_x_admin)
    payload = {"contract": long_contract.pk, "number": "API-9", "period": f"{_next_month():%Y-%m}"}
    response = client.post(
        "/api/v1/invoices/", {**payload, "include_monthly_fee": True}, content_type="application/json"
    )
    assert response.status_code == 400 and not Invoice.objects.exists()
    [error] = response.json()["errors"]
    assert error["attr"] == "period" and "has not started yet" in error["detail"]


def test_staff_page_refuses_to_approve_an_invoice_of_a_month_not_started(client, cast, long_contract):
    invoice = Invoice.objects.create(  # sent before the rule
        contract=long_contract, number="OLD", period=_next_month(), submitted_by=cast.vendor_x_admin
    )
    client.force_login(cast.finance)
    response = client.post(reverse("delivery:invoice_action", args=[invoice.pk, "approve"]), follow=True)
    assert "has not started yet" in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SUBMITTED


# --- The monthly fee is charged once per contract and month ---------------------------------


def test_portal_refuses_a_second_monthly_fee_of_a_month_next_to_the_field(client, cast, contract):
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:invoice_create", args=[contract.pk])
    assert client.post(url, _form(contract)).status_code == 302
    again = client.post(url, _form(contract, number="INV-8"))
    assert again.status_code == 200 and Invoice.objects.count() == 1
    [error] = again.context["form"].errors["include_monthly_fee"]
    assert "The monthly fee for 2026-02 is already on invoice INV-7" in error
    page = again.content.decode()
    assert 'value="INV-8"' in page and 'value="2026-02"' in page
    # Without the fee, the month's rate card items go on a second invoice.
    without_fee = _form(contract, number="INV-8")
    del without_fee["include_monthly_fee"]
    assert client.post(url, without_fee).status_code == 302
    assert Invoice.objects.count() == 2


def test_api_refuses_a_second_monthly_fee_of_a_month_with_400(client, cast, contract):
    client.force_login(cast.vendor_x_admin)
    payload = {"contract": contract.pk, "number": "APX-2026-02b", "period": "2026-02", "include_monthly_fee": True}
    first = client.post("/api/v1/invoices/", payload, content_type="application/json")
    assert first.status_code == 201
    again = client.post("/api/v1/invoices/", {**payload, "number": "APX-2026-02c"}, content_type="application/json")
    assert again.status_code == 400
    [error] = again.json()["errors"]
    assert error["attr"] == "include_monthly_fee" and "already on invoice APX-2026-02b" in error["detail"]
    assert list(Invoice.objects.values_list("number", flat=True)) == ["APX-2026-02b"]
    client.force_login(cast.finance)
    client.post(f"/api/v1/invoices/{first.json()['id']}/dispute/", {"reason": "Wrong"}, content_type="application/json")
    client.force_login(cast.vendor_x_admin)
    replaced = client.post("/api/v1/invoices/", {**payload, "number": "APX-2026-02c"}, content_type="application/json")
    assert replaced.status_code == 201  # a disputed invoice does not block its replacement


def test_staff_page_warns_of_other_invoices_of_the_same_month(client, cast, contract):
    first = invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="A", period="2026-02", lines=[], include_monthly_fee=True
    )
    client.force_login(cast.finance)
    page = client.get(reverse("delivery:invoice_detail", args=[first.pk])).content.decode()
    assert 'data-testid="same-month"' not in page
    usage = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="B",
        period="2026-02",
        lines=[{"rate_card_line": contract.rates.get().pk, "quantity": "2"}],
    )
    invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="C", period="2026-03", lines=[], include_monthly_fee=True
    )
    response = client.get(reverse("delivery:invoice_detail", args=[first.pk]))
    assert [i.number for i in response.context["same_month"]] == ["B"]
    page = response.content.decode()
    assert "Another invoice of this contract is for 2026-02" in page
    assert f'<a href="{usage.get_absolute_url()}">B</a>' in page
    other = client.get(reverse("delivery:invoice_detail", args=[usage.pk])).content.decode()
    assert f'<a href="{first.get_absolute_url()}">A</a>' in other and "includes the monthly fee" in other


def test_staff_page_refuses_the_second_approval_of_a_months_monthly_fee(client, cast, contract):
    from delivery.models import InvoiceLine

    made = []
    for number in ("OLD-1", "OLD-2"):  # both sent with the fee before the rule
        invoice = Invoice.objects.create(
            contract=contract, number=number, period=date(2026, 2, 1), submitted_by=cast.vendor_x_admin
        )
        InvoiceLine.objects.create(invoice=invoice, kind="monthly_fee", quantity=1, rate=1, amount=1)
        made.append(invoice)
    client.force_login(cast.finance)
    client.post(reverse("delivery:invoice_action", args=[made[0].pk, "approve"]))
    response = client.post(reverse("delivery:invoice_action", args=[made[1].pk, "approve"]), follow=True)
    assert "already on approved invoice OLD-1: dispute invoice OLD-2" in response.content.decode()
    assert list(Invoice.objects.order_by("pk").values_list("status", flat=True)) == ["approved", "submitted"]


# --- Line labels read in the reader's language --------------------------------------------


def _line_items(page):
    import re

    return re.findall(r"<tr><td>([^<]*)</td><td class=\"num\">", page)


def test_a_chinese_vendors_monthly_fee_reads_in_english_to_english_finance(client, cast, contract):
    cast.vendor_x_user.language = "zh-hans"
    cast.vendor_x_user.save(update_fields=["language"])
    client.force_login(cast.vendor_x_user)
    assert client.post(reverse("portal:invoice_create", args=[contract.pk]), _form(contract)).status_code == 302
    invoice = Invoice.objects.get()
    vendor_page = client.get(reverse("portal:invoice_detail", args=[invoice.pk])).content.decode()
    assert _line_items(vendor_page) == ["Agent hour / hour", "月费"]
    client.force_login(cast.finance)
    staff_page = client.get(reverse("delivery:invoice_detail", args=[invoice.pk])).content.decode()
    assert _line_items(staff_page) == ["Agent hour / hour", "Monthly fee"]
    assert "月费" not in staff_page


def test_api_lines_carry_the_kind_and_the_label_in_the_readers_language(client, cast, contract):
    cast.vendor_x_user.language = "zh-hans"
    cast.vendor_x_user.save(update_fields=["language"])
    client.force_login(cast.vendor_x_user)
    client.post(reverse("portal:invoice_create", args=[contract.pk]), _form(contract))
    invoice = Invoice.objects.get()
    chinese = client.get(f"/api/v1/invoices/{invoice.pk}/").json()["lines"]
    assert [(line["kind"], line["description"]) for line in chinese] == [
        ("rate_card", "Agent hour / hour"),
        ("monthly_fee", "月费"),
    ]
    client.force_login(cast.finance)
    english = client.get(f"/api/v1/invoices/{invoice.pk}/").json()["lines"]
    assert [(line["kind"], line["description"]) for line in english] == [
        ("rate_card", "Agent hour / hour"),
        ("monthly_fee", "Monthly fee"),
    ]
    assert english[1]["rate_card_line"] is None and english[1]["amount"] == "100000.00"


# --- The dispute reason has a length limit and wraps --------------------------------------


def test_staff_page_refuses_a_too_long_dispute_reason_next_to_the_field_and_keeps_it(client, cast, contract):
    invoice = invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="A", period="2026-02", lines=[], include_monthly_fee=True
    )
    client.force_login(cast.finance)
    url = reverse("delivery:invoice_action", args=[invoice.pk, "dispute"])
    typed = "Hours do not match the roster " + "W" * 20_000
    response = client.post(url, {"reason": typed})
    assert response.status_code == 200
    assert response.context["dispute_form"].errors["reason"] == ["At most 2000 characters; this reason has 20030."]
    page = response.content.decode()
    assert f"\n{typed}</textarea>" in page and 'maxlength="2000"' in page
    empty = client.post(url, {"reason": "  "})
    assert empty.context["dispute_form"].errors["reason"] == ["Say why the invoice is disputed."]
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SUBMITTED
    done = client.post(url, {"reason": "Hours do not match the roster"})
    assert done.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DISPUTED and invoice.dispute_reason == "Hours do not match the roster"


def test_api_refuses_a_too_long_dispute_reason_with_400_on_the_field(client, cast, contract):
    invoice = invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="A", period="2026-02", lines=[], include_monthly_fee=True
    )
    client.force_login(cast.finance)
    url = f"/api/v1/invoices/{invoice.pk}/dispute/"
    response = client.post(url, {"reason": "W" * 20_000}, content_type="application/json")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["attr"] == "reason" and "2000" in error["detail"]
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SUBMITTED
    assert client.post(url, {"reason": "W" * 2000}, content_type="application/json").status_code == 200


def test_a_long_dispute_reason_wraps_on_the_staff_and_portal_pages(client, cast, contract):
    """One stored before the limit: the pages put it in an element whose CSS wraps long words."""
    from pathlib import Path

    from django.conf import settings

    reason = "W" * 20_000
    invoice = Invoice.objects.create(
        contract=contract,
        number="OLD",
        period=date(2026, 2, 1),
        status=InvoiceStatus.DISPUTED,
        dispute_reason=reason,
        submitted_by=cast.vendor_x_admin,
    )
    client.force_login(cast.finance)
    staff = client.get(reverse("delivery:invoice_detail", args=[invoice.pk])).content.decode()
    client.force_login(cast.vendor_x_user)
    portal = client.get(reverse("portal:invoice_detail", args=[invoice.pk])).content.decode()
    for page in (staff, portal):
        assert f'<dd class="long-text" data-testid="dispute-reason">{reason}</dd>' in page
    css = (Path(settings.BASE_DIR) / "static/css/app.css").read_text()
    assert ".long-text { overflow-wrap: anywhere;" in css
