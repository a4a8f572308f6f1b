"""Browser journey of issue 5 (plan): the vendor updates its task in the portal and the staff
timeline shows the new progress, with the critical path highlighted."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.contracts.factories import contract_of_a
from tests.delivery.plan_factories import task
from tests.factories import PASSWORD

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_vendor_updates_a_task_and_the_staff_timeline_shows_it(new_page, live_server, live_cast):
    cast = live_cast
    contract_of_a(cast)
    design = task(
        cast.program_a,
        "Design the service",
        date(2026, 1, 1),
        date(2026, 1, 10),
        actual_start=date(2026, 1, 1),
        actual_finish=date(2026, 1, 10),
        percent_complete=100,
    )
    build = task(
        cast.program_a,
        "Recruit and train agents",
        date(2026, 1, 11),
        date(2026, 1, 31),
        depends_on=[design],
        vendor=cast.vendor_x,
        owner=cast.vendor_x_user,
    )

    vendor = new_page()
    sign_in(vendor, "/portal/login/", cast.vendor_x_user.username, PASSWORD)
    vendor.goto(f"{live_server.url}/portal/tasks/")
    vendor.get_by_role("link", name="Recruit and train agents").click()
    vendor.get_by_label("Actual start").fill("2026-01-14")
    vendor.get_by_label("Percent complete").fill("60")
    vendor.get_by_label("Comment").fill("Second class starts Monday")
    with vendor.expect_navigation():
        vendor.get_by_role("button", name="Save progress").click()
    expect(vendor.get_by_text("Progress recorded.")).to_be_visible()

    manager = new_page()
    sign_in(manager, "/accounts/login/", "manager", PASSWORD)
    manager.goto(f"{live_server.url}/programs/{cast.program_a.pk}/plan/")
    expect(manager.get_by_test_id(f"percent-{build.pk}")).to_have_text("60%")
    bar = manager.locator(f'svg.gantt g[data-task="{build.pk}"]')
    expect(bar).to_have_attribute("data-critical", "1")
    expect(bar.locator("title")).to_contain_text("60%")
    screenshot(manager, "delivery-plan-timeline")
    manager.get_by_role("link", name="Recruit and train agents").click()
    expect(manager.get_by_text("Second class starts Monday")).to_be_visible()


def test_portal_status_report_form_offers_the_chosen_contracts_month(new_page, live_server, live_cast):
    """The month follows the contract chosen (its first month without a report) until the vendor
    types another one, which is then kept."""
    from django.utils import timezone

    from delivery.models import StatusReport
    from tests.contracts.factories import ContractFactory

    cast = live_cast
    first = contract_of_a(cast)
    second = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="CA-2", status="active")
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    StatusReport.objects.create(
        program=cast.program_a, contract=first, by_vendor=True, period=last_month, created_by=cast.manager
    )

    vendor = new_page()
    sign_in(vendor, "/portal/login/", cast.vendor_x_admin.username, PASSWORD)
    vendor.goto(f"{live_server.url}/portal/status-reports/")
    month = vendor.get_by_label("Month", exact=True)
    expect(month).to_have_value(f"{this_month:%Y-%m}")  # the first contract reported last month
    vendor.get_by_label("Contract").select_option(str(second.pk))
    expect(month).to_have_value(f"{last_month:%Y-%m}")
    month.fill("2026-01")
    vendor.get_by_label("Contract").select_option(str(first.pk))
    expect(month).to_have_value("2026-01")  # what the vendor typed stays
