"""Browser journey of issue 6 (scorecards): a published scorecard -> the vendor disputes a criterion in
the portal -> the manager accepts it with a corrected score -> both sides show the corrected score."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from performance.scorecards import services
from tests.factories import PASSWORD
from tests.performance.scorecard_helpers import finalized_period, template

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_vendor_disputes_a_criterion_and_staff_accept_the_correction(new_page, live_server, live_cast):
    cast = live_cast
    template(criteria=[("Service levels", "sla_attainment", 60), ("Innovation", "manual", 40)])
    card, _ = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    services.scorecard_score_line(line=card.lines.get(kind="manual"), by=cast.manager, score=Decimal("60"))
    services.scorecard_submit(scorecard=card, by=cast.manager)
    services.scorecard_publish(scorecard=card, by=cast.manager)
    # SLA (100 + 50 + 0) / 3 = 50; total (60 x 50 + 40 x 60) / 100 = 54.00

    vendor = new_page()
    sign_in(vendor, "/portal/login/", "vx-admin", PASSWORD)
    vendor.goto(f"/portal/scorecards/{card.pk}/")
    expect(vendor.get_by_test_id("total")).to_have_text("54.00")
    row = vendor.get_by_test_id("line-sla_attainment")
    row.get_by_label("Reason").fill("Two breaches were excused by a change request")
    with vendor.expect_navigation():
        row.get_by_test_id("dispute").click()
    expect(row).to_contain_text("Two breaches were excused")

    manager = new_page()
    sign_in(manager, "/accounts/login/", "manager", PASSWORD)
    manager.goto(f"/scorecards/{card.pk}/")
    dispute = manager.get_by_test_id("dispute")
    dispute.get_by_label("Decision").select_option("accept")
    dispute.get_by_label("Corrected score").fill("100")
    dispute.get_by_label("Reason").fill("Excused by CR-12")
    with manager.expect_navigation():
        dispute.get_by_test_id("resolve").click()
    # (60 x 100 + 40 x 60) / 100 = 84.00
    expect(manager.get_by_test_id("total")).to_have_text("84.00")
    expect(manager.get_by_test_id("line-sla_attainment")).to_contain_text("50.00")  # the original stays

    vendor.reload()
    expect(vendor.get_by_test_id("total")).to_have_text("84.00")
    expect(vendor.get_by_test_id("line-sla_attainment").get_by_test_id("score")).to_have_text("100.00")
