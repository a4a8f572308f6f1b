"""Browser journey of issue 5 (engagement): the manager records a meeting's action item for a
vendor user; the vendor sees it in the portal and marks it done with a note; the manager
sees it done on the meeting page. Another vendor's user cannot open it."""

import pytest
from playwright.sync_api import expect

from tests.delivery.engagement_factories import action_item_of_x, meeting_of_a
from tests.factories import PASSWORD

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_vendor_marks_action_item_done_and_manager_sees_it(new_page, live_server, live_cast):
    cast = live_cast
    meeting = meeting_of_a(cast, title="Weekly operations 12")
    item = action_item_of_x(cast, meeting=meeting, title="Send the staffing plan")

    vendor = new_page()
    sign_in(vendor, "/portal/login/", cast.vendor_x_user.username, PASSWORD)
    expect(vendor.get_by_role("link", name="Send the staffing plan")).to_be_visible()  # on the portal home
    vendor.get_by_role("link", name="Action items", exact=True).first.click()
    vendor.get_by_role("link", name="Send the staffing plan").click()
    expect(vendor.get_by_test_id("action-item-status")).to_contain_text("Open")
    vendor.get_by_label("Note").fill("Plan sent to the program office on Friday")
    with vendor.expect_navigation():
        vendor.get_by_role("button", name="Mark done").click()
    expect(vendor.get_by_text("Action item marked done.")).to_be_visible()
    expect(vendor.get_by_test_id("action-item-status")).to_contain_text("Done")
    screenshot(vendor, "portal-action-item-done")

    other = new_page()
    sign_in(other, "/portal/login/", cast.vendor_y_admin.username, PASSWORD)
    response = other.goto(f"{live_server.url}/portal/action-items/{item.pk}/")
    assert response.status == 404

    manager = new_page()
    sign_in(manager, "/accounts/login/", "manager", PASSWORD)
    manager.goto(f"{live_server.url}/meetings/")
    manager.get_by_role("link", name="Weekly operations 12").click()
    expect(manager.get_by_test_id(f"item-status-{item.pk}")).to_have_text("Done")
    manager.get_by_role("link", name="Send the staffing plan").click()
    expect(manager.get_by_test_id("action-item-note")).to_contain_text("Plan sent to the program office on Friday")
