"""Browser journey of issue 5 (cost): the vendor submits an invoice in the portal, finance
approves it, the program's budget page shows the new actual."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from contracts.models import RateCardLine
from strategy.models import BudgetLine
from tests.contracts.factories import contract_of_a
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_vendor_invoice_finance_approval_and_budget_actual(new_page, live_server, live_cast):
    cast = live_cast
    contract = contract_of_a(cast)
    rate = RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    line = BudgetLine.objects.create(
        program=cast.program_a, category="vendor_fees", period="2026", planned_amount=Decimal("2000000")
    )

    vendor = new_page()
    sign_in(vendor, "/portal/login/", cast.vendor_x_user.username, PASSWORD)
    vendor.goto(f"{live_server.url}/portal/invoices/new/{contract.pk}/")
    vendor.get_by_label("Invoice number").fill("INV-2026-02")
    vendor.get_by_label("Month", exact=True).fill("2026-02")
    vendor.get_by_label("Add the contract's monthly fee").check()
    vendor.get_by_label("Rate card item 1").select_option(str(rate.pk))
    vendor.get_by_label("Quantity 1").fill("100")
    with vendor.expect_navigation():
        vendor.get_by_role("button", name="Submit invoice").click()
    expect(vendor.get_by_test_id("net-amount")).to_contain_text("102,550.00")

    finance = new_page()
    sign_in(finance, "/accounts/login/", "finance", PASSWORD)
    finance.goto(f"{live_server.url}/invoices/")
    finance.get_by_role("link", name="INV-2026-02").click()
    with finance.expect_navigation():
        finance.get_by_role("button", name="Approve").click()
    expect(finance.get_by_text("Invoice approved.")).to_be_visible()

    manager = new_page()
    sign_in(manager, "/accounts/login/", "manager", PASSWORD)
    manager.goto(f"{live_server.url}/programs/{cast.program_a.pk}/budget/")
    expect(manager.get_by_test_id(f"actual-{line.pk}")).to_have_text("102,550.00")


def test_a_long_dispute_reason_wraps_instead_of_widening_the_pages(new_page, live_server, live_cast):
    """A 20,000-character reason without a space (stored before the limit) made the staff and
    portal invoice pages about 190,000 px wide; it wraps within the window."""
    from datetime import date

    from delivery.models import Invoice

    cast = live_cast
    invoice = Invoice.objects.create(
        contract=contract_of_a(cast),
        number="LONG",
        period=date(2026, 2, 1),
        status="disputed",
        dispute_reason="W" * 20_000,
        submitted_by=cast.vendor_x_admin,
    )
    finance = new_page()
    sign_in(finance, "/accounts/login/", "finance", PASSWORD)
    vendor = new_page()
    sign_in(vendor, "/portal/login/", cast.vendor_x_user.username, PASSWORD)
    for page, path in ((finance, f"/invoices/{invoice.pk}/"), (vendor, f"/portal/invoices/{invoice.pk}/")):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_test_id("dispute-reason")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("window.innerWidth"), (path, width)
