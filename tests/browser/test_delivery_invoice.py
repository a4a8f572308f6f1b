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
    expect(vendor.get_by_test_id("net-amount")).to_contain_text("102550.00")

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
    expect(manager.get_by_test_id(f"actual-{line.pk}")).to_have_text("102550.00")
