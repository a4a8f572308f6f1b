"""A risk journey in a real browser: a contributor assesses a risk, runs a drill of its plan,
and turns the drill's finding into a corrective action; then finds the risk on the heat map."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from risk import services
from risk.models import CorrectiveAction
from tests.contracts.factories import ContractFactory
from tests.factories import PASSWORD

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_risk_assessed_drill_run_and_finding_becomes_corrective_action(new_page, live_server, live_cast):
    c = live_cast
    # Vendor X holds a contract in program A: only such a vendor may be a risk's vendor.
    ContractFactory(program=c.program_a, vendor=c.vendor_x, number="RJ-1")
    risk = services.risk_create(
        by=c.manager,
        program=c.program_a,
        title="Contact centre outage",
        category="continuity",
        event="The vendor's main site goes down",
        owner=c.contributor,
        vendor=c.vendor_x,
    )
    plan = services.plan_create(
        by=c.manager,
        program=c.program_a,
        risk=risk,
        title="Site failover",
        scenario="Main site down",
        triggers="Site unreachable for 15 minutes",
    )
    services.plan_set_steps(
        plan=plan, by=c.manager, steps=[{"who": "Vendor ops", "action": "Fail over", "within_minutes": 30}]
    )
    drill = services.drill_schedule(
        plan=plan,
        by=c.manager,
        title="Quarterly failover drill",
        scheduled_for=timezone.localdate(),
        objectives=["Calls answered at the backup site within 30 minutes"],
    )

    page = new_page()
    sign_in(page, "/accounts/login/", "contributor", PASSWORD)

    # 1. Assess the risk: inherent 5 x 4 (critical), residual 3 x 3 (medium).
    page.goto(risk.get_absolute_url())
    expect(page.get_by_test_id("inherent")).to_contain_text("Not assessed")
    with page.expect_navigation():
        page.get_by_role("link", name="Assess").click()
    page.get_by_label("Inherent likelihood (1-5)").select_option("5")
    page.get_by_label("Inherent impact (1-5)").select_option("4")
    page.get_by_label("Residual likelihood (1-5)").select_option("3")
    page.get_by_label("Residual impact (1-5)").select_option("3")
    page.get_by_label("Notes").fill("Backup site contracted")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("inherent")).to_contain_text("20 · Critical")
    expect(page.get_by_test_id("residual")).to_contain_text("9 · Medium")
    expect(page.get_by_test_id("review-history")).to_contain_text("Backup site contracted")
    screenshot(page, "risk-assessed")

    # 2. Run the drill: a result per objective and one finding.
    page.goto(drill.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Record the run").click()
    page.get_by_label("Result: Calls answered at the backup site within 30 minutes").select_option("partial")
    page.get_by_label("Summary").fill("Took 45 minutes")
    page.get_by_label("Findings").fill("Backup site headsets were not charged")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("drill-status")).to_have_text("Completed")
    expect(page.get_by_test_id("findings")).to_contain_text("Backup site headsets were not charged")

    # 3. The finding becomes a corrective action owned by the vendor's user.
    with page.expect_navigation():
        page.get_by_role("link", name="Raise a corrective action").click()
    page.get_by_label("Owner").select_option(str(c.vendor_x_user.pk))
    page.get_by_label("Due date").fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.get_by_label("Action").fill("Charge and test headsets weekly")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("action-status")).to_have_text("Open")
    expect(page.locator("main")).to_contain_text("Drill finding")
    action = CorrectiveAction.objects.get()
    assert action.drill_finding.drill == drill and action.risk == risk and action.vendor == c.vendor_x
    screenshot(page, "risk-corrective-action")

    # 4. The heat map: the residual cell 3 x 3 lists exactly this risk.
    page.goto("/risk/heat-map/")
    cell = page.get_by_test_id("heat-residual").get_by_role("link", name=re.compile("Likelihood 3, impact 3"))
    with page.expect_navigation():
        cell.click()
    expect(page.locator("#list-results")).to_contain_text("Contact centre outage")
    expect(page.locator("#list-results")).to_contain_text("1 result")
    page.goto("/risk/heat-map/")
    screenshot(page, "risk-heat-map")

    # 5. Shared with vendor X: its user reads the risk and the action assigned to it in the portal.
    services.risk_update(risk=risk, by=c.manager, shared_with_vendor=True)
    vendor = new_page()
    sign_in(vendor, "/portal/login/", "vx-user", PASSWORD)
    with vendor.expect_navigation():
        vendor.get_by_role("link", name="Shared risks").first.click()
    with vendor.expect_navigation():
        vendor.get_by_role("link", name="Contact centre outage").click()
    expect(vendor.locator("main")).to_contain_text("Backup site headsets were not charged")
    expect(vendor.locator("main form")).to_have_count(0)
    screenshot(vendor, "risk-portal")
