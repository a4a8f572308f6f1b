"""The home page and notification preferences in a real browser: a program manager follows a
number on the home page to its list and chooses a daily digest; a vendor user opens the portal
home's numbers and chooses their e-mails. No CSP violation on any page (checked by the fixture)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bpo.accounts.models import NotificationPreference
from risk.models import CorrectiveAction
from tests.factories import PASSWORD

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_manager_follows_a_home_number_and_chooses_a_digest(new_page, live_server, live_cast):
    c = live_cast
    CorrectiveAction.objects.create(
        program=c.program_a,
        source="risk_review",
        title="Retrain the night shift",
        problem="Quality dropped",
        owner=c.contributor,
        due_date=timezone.localdate() - datetime.timedelta(days=4),
        status="open",
    )
    page = new_page()
    sign_in(page, "/accounts/login/", "manager", PASSWORD)
    page.goto("/")
    section = page.locator('[data-section="manager"]')
    expect(section).to_contain_text("My programs at a glance")
    tile = section.locator('[data-tile="actions-overdue"]')
    expect(tile.locator(".tile-value")).to_have_text("1")
    screenshot(page, "home-manager")
    with page.expect_navigation():
        tile.locator("a").click()
    assert "overdue=true" in page.url
    expect(page.locator("table")).to_contain_text("Retrain the night shift")

    page.goto("/accounts/profile/")
    form = page.get_by_test_id("notification-preferences")
    form.get_by_label("E-mail delivery: Risks, drills and corrective actions").select_option("digest")
    form.get_by_label("By e-mail: Contracts and obligations").uncheck()
    with page.expect_navigation():
        form.get_by_role("button", name="Save preferences").click()
    expect(page.locator("body")).to_contain_text("Your notification preferences are saved.")
    expect(form.get_by_label("E-mail delivery: Risks, drills and corrective actions")).to_have_value("digest")
    expect(form.get_by_label("By e-mail: Contracts and obligations")).not_to_be_checked()
    prefs = {p.category: p for p in NotificationPreference.objects.filter(user=c.manager)}
    assert prefs["risk"].delivery == "digest" and prefs["contracts"].email is False


def test_vendor_sees_its_numbers_and_chooses_its_emails(new_page, live_server, live_cast):
    page = new_page()
    sign_in(page, "/portal/login/", "vx-admin", PASSWORD)
    page.goto("/portal/")
    section = page.locator('[data-section="portal"]')
    expect(section).to_contain_text("Our service at a glance")
    expect(section.locator('[data-tile="portal-invoices-open"] .tile-value')).to_have_text("0")
    with page.expect_navigation():
        page.get_by_role("link", name="Notifications").click()
    form = page.get_by_test_id("notification-preferences")
    expect(form.locator('input[name^="in_app_"]')).to_have_count(0)
    form.get_by_label("E-mail delivery: Sourcing and awards").select_option("digest")
    with page.expect_navigation():
        form.get_by_role("button", name="Save preferences").click()
    expect(form.get_by_label("E-mail delivery: Sourcing and awards")).to_have_value("digest")
    screenshot(page, "portal-notifications")
