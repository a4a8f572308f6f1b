"""Browser journey of issue 6 (quality): a contributor records a failed audit -> a corrective action
is proposed -> the manager names vendor X's user as owner and opens it -> the vendor reports progress
and marks it ready in the portal -> the manager verifies its effectiveness and closes it."""

import pytest
from playwright.sync_api import expect

from risk.models import CorrectiveAction
from tests.contracts.factories import contract_of_a
from tests.factories import PASSWORD
from tests.performance.quality_helpers import standard

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_failed_audit_capa_worked_by_the_vendor_and_verified_by_staff(new_page, live_server, live_cast):
    cast = live_cast
    std = standard(cast)  # invoice accuracy >= 99.5 %, acceptance level 0.5 % defects
    contract = contract_of_a(cast)

    staff = new_page()
    sign_in(staff, "/accounts/login/", "contributor", PASSWORD)
    staff.goto("/quality/audits/new/")
    staff.locator("select[name=standard]").select_option(str(std.pk))
    # The contract is a picker (bpo/core/pickers.py): type part of its number, arrow down, Enter.
    picker = staff.locator("input[name=contract]")
    picker.fill(contract.number[:-1])
    expect(staff.locator(f"#id_contract-options [data-code='{contract.number}']")).to_be_visible()
    picker.press("ArrowDown")
    picker.press("Enter")
    expect(picker).to_have_value(contract.number)
    staff.locator("input[name=period_start]").fill("2026-01-01")
    staff.locator("input[name=period_end]").fill("2026-01-31")
    staff.locator("input[name=audited_on]").fill("2026-02-03")
    staff.locator("input[name=sample_size]").fill("200")
    staff.locator("input[name=defects]").fill("3")  # 1.5 % > 0.5 %: fail
    staff.locator("textarea[name=findings]").fill("Wrong VAT codes on 3 invoices")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_test_id("audit-outcome")).to_have_text("Fail")
    expect(staff.get_by_test_id("audit-rate")).to_have_text("1.5")
    expect(staff.get_by_test_id("capa-status")).to_have_text("Proposed")
    action = CorrectiveAction.objects.get(audit__isnull=False)
    assert CorrectiveAction.objects.count() == 1
    screenshot(staff, "quality-audit")

    manager = new_page()
    sign_in(manager, "/accounts/login/", "manager", PASSWORD)
    manager.goto(f"/risk/actions/{action.pk}/edit/")
    manager.locator("select[name=owner]").select_option(str(cast.vendor_x_user.pk))
    manager.locator("textarea[name=root_cause]").fill("VAT table not updated for 2026")
    with manager.expect_navigation():
        manager.get_by_role("button", name="Save").click()
    manager.locator("select[name=to]").select_option("open")
    with manager.expect_navigation():
        manager.get_by_role("button", name="Change").click()
    expect(manager.get_by_test_id("action-status")).to_have_text("Open")

    vendor = new_page()
    sign_in(vendor, "/portal/login/", cast.vendor_x_user.username, PASSWORD)
    vendor.goto("/portal/corrective-actions/")
    with vendor.expect_navigation():
        vendor.get_by_role("link", name=action.reference).click()
    vendor.locator("textarea[name=progress_note]").fill("VAT table updated, agents retrained")
    vendor.locator("input[name=ready]").check()
    with vendor.expect_navigation():
        vendor.get_by_role("button", name="Save").click()
    expect(vendor.get_by_test_id("capa-status")).to_have_text("Done")
    expect(vendor.get_by_test_id("capa-progress")).to_contain_text("VAT table updated")
    screenshot(vendor, "portal-capa")

    manager.reload()
    expect(manager.get_by_test_id("action-progress")).to_contain_text("agents retrained")
    manager.locator("select[name=to]").select_option("verified")
    manager.locator("textarea[name=verification_notes]").fill("February audit: 0 defects in 200")
    with manager.expect_navigation():
        manager.get_by_role("button", name="Change").click()
    expect(manager.get_by_test_id("action-status")).to_have_text("Verified")

    vendor.reload()
    expect(vendor.get_by_test_id("capa-status")).to_have_text("Verified")
    expect(vendor.locator("textarea[name=progress_note]")).to_have_count(0)
