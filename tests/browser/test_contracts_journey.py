"""Browser journey of issue 4: a contract through both reviews to signed -> the vendor uploads a
month of data in the portal -> evaluation -> the credit is visible to finance."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from contracts import services
from tests.factories import PASSWORD

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

STAFF_LOGIN = "/accounts/login/"
PORTAL_LOGIN = "/portal/login/"


def test_contract_reviews_signature_vendor_upload_evaluation_and_credit(new_page, live_server, live_cast, tmp_path):
    cast = live_cast
    contract = services.contract_create(
        by=cast.manager,
        program=cast.program_a,
        vendor=cast.vendor_x,
        number="MSA-CS-2026",
        title="Customer service",
        contract_type="msa",
        start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
        monthly_fee=Decimal("100000"),
        at_risk_pct=Decimal("10"),
    )
    services.service_level_create(
        contract=contract,
        by=cast.manager,
        code="ASA20",
        name="Calls answered within 20 s",
        measure="percent_within",
        threshold=Decimal("20"),
        direction="higher",
        expected=Decimal("80"),
        minimum=Decimal("75"),
        allocation_pct=Decimal("40"),
    )
    url = contract.get_absolute_url()

    # The manager sends it for review.
    manager = new_page()
    sign_in(manager, STAFF_LOGIN, "manager", PASSWORD)
    manager.goto(url)
    with manager.expect_navigation():
        manager.get_by_test_id("submit-review").click()
    expect(manager.get_by_test_id("status")).to_have_text("Legal review")

    # Legal, then finance, record their decisions.
    for username, next_status in (("legal", "Financial review"), ("finance", "Approved")):
        reviewer = new_page()
        sign_in(reviewer, STAFF_LOGIN, username, PASSWORD)
        reviewer.goto(url)
        reviewer.locator("input[name=outcome][value=approved]").check()
        reviewer.locator("textarea[name=comments]").fill(f"{username}: fine")
        with reviewer.expect_navigation():
            reviewer.get_by_test_id("record-review").click()
        expect(reviewer.get_by_test_id("status")).to_have_text(next_status)

    # The manager records the signature and activates it.
    manager.goto(url)
    with manager.expect_navigation():
        manager.get_by_test_id("sign").click()
    expect(manager.get_by_test_id("status")).to_have_text("Signed")
    screenshot(manager, "contract-signed")

    # The vendor uploads January in the portal: 18 of 25 calls within 20 s = 72% (BREACH).
    rows = ["service_level,measured_at,value,reference"]
    rows += [f"ASA20,2026-01-{1 + i % 28:02d} 10:{i:02d},{10 if i < 18 else 99},CALL-{i}" for i in range(25)]
    csv_file = tmp_path / "january.csv"
    csv_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    vendor = new_page()
    sign_in(vendor, PORTAL_LOGIN, "vx-user", PASSWORD)
    vendor.get_by_role("link", name="Measurements").first.click()
    vendor.get_by_role("link", name="MSA-CS-2026 Customer service").click()
    vendor.locator("input[name=file]").set_input_files(str(csv_file))
    with vendor.expect_navigation():
        vendor.get_by_test_id("upload").click()
    expect(vendor.locator(".messages")).to_contain_text("25 rows received, 25 new samples.")
    screenshot(vendor, "portal-upload")

    # Staff run the evaluation from the service-level dashboard.
    manager.goto(f"/contracts/{contract.pk}/service-levels/")
    with manager.expect_navigation():
        manager.get_by_test_id("evaluate").click()
    expect(manager.get_by_test_id("credits-applied")).to_contain_text("4,000.00")
    expect(manager.get_by_test_id("sl-ASA20")).to_contain_text("72")
    screenshot(manager, "sla-dashboard")

    # Finance sees the credit.
    finance = new_page()
    sign_in(finance, STAFF_LOGIN, "finance", PASSWORD)
    finance.goto("/credits/")
    row = finance.locator("table.table tbody tr").first
    expect(row).to_contain_text("MSA-CS-2026")
    expect(row).to_contain_text("4,000.00")
    expect(row).to_contain_text("Applied")
    screenshot(finance, "finance-credits")

    # And the vendor sees it, read-only, on its dashboard.
    vendor.goto(f"/portal/contracts/{contract.pk}/service-levels/")
    expect(vendor.get_by_test_id("credits-applied")).to_contain_text("4,000.00")
    expect(vendor.locator("body")).not_to_contain_text("Evaluate now")
