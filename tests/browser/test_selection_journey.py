"""The selection journey in a real browser: charter set up and approved -> gate passed -> event
published -> two vendors submit in the portal -> the evaluator scores -> award -> draft contract."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from contracts.models import Contract
from strategy.models import Program
from tests.factories import PASSWORD
from vendors.models import Proposal, SourcingEvent

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

STAFF_LOGIN = "/accounts/login/"
PORTAL_LOGIN = "/portal/login/"


def submit(page, selector="form.form button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).first.click()


def post_button(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def add_row(page, program_pk, kind, values):
    page.goto(f"/strategy/programs/{program_pk}/{kind}/new/")
    for field, value in values.items():
        locator = page.locator(f"[name={field}]")
        if locator.evaluate("el => el.tagName") == "SELECT":
            locator.select_option(value)
        else:
            locator.fill(value)
    submit(page)


def staff(new_page, username):
    page = new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, STAFF_LOGIN, username, PASSWORD)
    return page


def vendor_submits(new_page, username, event_pk, price, breakdown):
    page = new_page()
    sign_in(page, PORTAL_LOGIN, username, PASSWORD)
    page.goto("/portal/sourcing/")
    page.get_by_role("link", name="Contact centre services").click()
    expect(page.locator("main")).to_contain_text("Mandatory requirements")
    page.get_by_role("link", name="Submit a proposal").click()
    page.locator("[name=price]").fill(price)
    page.locator("[name=price_breakdown]").fill(breakdown)
    page.locator("[name=answers]").fill("We meet every requirement.")
    submit(page)
    expect(page.locator("[data-testid=our-proposal]")).to_contain_text("revision 1")
    return page


def test_program_to_award_and_draft_contract(new_page, live_server, live_cast):
    c = live_cast
    pk = c.program_a.pk

    # The manager sets up the charter: a SMART objective and a budget line, then submits it.
    manager = staff(new_page, "manager")
    add_row(
        manager,
        pk,
        "objective",
        {
            "statement": "Cut the cost per call",
            "kpi": "Cost per call",
            "unit": "USD",
            "baseline": "5",
            "target": "3.5",
            "target_date": "2027-06-30",
            "method": "Monthly finance report",
            "owner": str(c.manager.pk),
        },
    )
    add_row(manager, pk, "budget", {"category": "vendor_fees", "period": "2027", "planned_amount": "1200000"})
    expect(manager.locator("main")).to_contain_text("Cut the cost per call")
    post_button(manager, "Submit for approval")
    expect(manager.locator("[data-testid=charter-status]")).to_have_text("Submitted")

    # Finance approves the budget, the administrator the charter.
    finance = staff(new_page, "finance")
    finance.goto(f"/strategy/programs/{pk}/")
    post_button(finance, "Approve budget")
    admin = staff(new_page, "admin")
    admin.goto(f"/strategy/programs/{pk}/")
    post_button(admin, "Approve charter")
    expect(admin.locator("[data-testid=charter-status]")).to_have_text("Approved")

    # The strategy gate is met: the manager passes it without an override.
    manager.goto(f"/strategy/programs/{pk}/gate/")
    submit(manager)
    assert Program.objects.get(pk=pk).phase == "sourcing"
    screenshot(manager, "program-charter")

    # The manager prepares and publishes the RFP.
    manager.goto(f"/sourcing/new/?program={pk}")
    manager.locator("[name=kind]").select_option("rfp")
    manager.locator("[name=title]").fill("Contact centre services")
    soon = timezone.now() + timedelta(days=7)
    manager.locator("[name=questions_deadline]").fill((soon - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"))
    manager.locator("[name=submission_deadline]").fill(soon.strftime("%Y-%m-%dT%H:%M"))
    submit(manager)
    event = SourcingEvent.objects.get(title="Contact centre services")
    for kind, values in (
        ("requirement", {"text": "ISO 27001 certified"}),
        ("criterion", {"name": "Service quality", "weight": "60"}),
        ("criterion", {"name": "Price", "weight": "40", "is_price": True}),
        ("invitation", {"vendor": str(c.vendor_x.pk)}),
        ("invitation", {"vendor": str(c.vendor_y.pk)}),
        ("evaluator", {"user": str(c.evaluator.pk)}),
    ):
        manager.goto(f"/sourcing/{event.pk}/{kind}/add/")
        for field, value in values.items():
            locator = manager.locator(f"[name={field}]")
            if value is True:
                locator.check()
            elif locator.evaluate("el => el.tagName") == "SELECT":
                locator.select_option(value)
            else:
                locator.fill(value)
        submit(manager)
    expect(manager.locator("[data-testid=weight-total]")).to_have_text("100")
    post_button(manager, "Publish")
    expect(manager.locator("[data-testid=event-status]")).to_have_text("Published")

    # Two vendors submit in the portal; the proposals stay sealed to staff.
    vendor_submits(new_page, "vx-admin", event.pk, "100000", "Agents: 90000\nTools: 10000")
    vendor_y = vendor_submits(new_page, "vy-admin", event.pk, "125000", "Agents: 125000")
    admin.goto(f"/sourcing/{event.pk}/")
    expect(admin.locator("[data-testid=sealed]")).to_contain_text("Proposals are sealed")
    expect(admin.locator("main")).not_to_contain_text("125,000")

    # Time passes: the submission deadline is behind us.
    past = timezone.now() - timedelta(minutes=1)
    SourcingEvent.objects.filter(pk=event.pk).update(
        questions_deadline=past - timedelta(days=1), submission_deadline=past
    )

    # The evaluator scores both proposals and submits the sheet.
    evaluator = staff(new_page, "evaluator")
    evaluator.goto(f"/sourcing/{event.pk}/scores/")
    x = Proposal.objects.get(event=event, vendor=c.vendor_x)
    y = Proposal.objects.get(event=event, vendor=c.vendor_y)
    quality = event.criteria.get(name="Service quality")
    evaluator.locator(f"#s-{x.pk}-{quality.pk}").fill("8")
    evaluator.locator(f"#s-{y.pk}-{quality.pk}").fill("9")
    # Submitted straight away, without saving first: the typed scores are saved and submitted.
    post_button(evaluator, "Submit my scores")
    expect(evaluator.locator("main")).to_contain_text("Your scores are submitted.")
    expect(evaluator.locator(f"#s-{x.pk}-{quality.pk}")).to_have_value("8.0")

    # The manager sees the ranking: X 48 + 40 = 88, Y 54 + 32 = 86.
    manager.goto(f"/sourcing/{event.pk}/evaluation/")
    rows = manager.locator("[data-testid=matrix] tbody tr")
    expect(rows.nth(0)).to_contain_text("Vendor X")
    expect(rows.nth(0)).to_contain_text("88.00")
    expect(rows.nth(1)).to_contain_text("86.00")
    screenshot(manager, "evaluation-matrix")

    # Award: the manager proposes X, the administrator approves.
    manager.goto(f"/sourcing/{event.pk}/award/")
    manager.locator("[name=proposal]").select_option(str(x.pk))
    manager.locator("[name=rationale]").fill("Best value at the lowest price.")
    submit(manager)
    expect(manager.locator("[data-testid=award-status]")).to_contain_text("waiting for approval")
    admin.goto(f"/sourcing/{event.pk}/")
    post_button(admin, "Approve award")
    expect(admin.locator("[data-testid=award-status]")).to_contain_text("approved")

    contract = Contract.objects.get(program=c.program_a, vendor=c.vendor_x)
    assert contract.status == "draft" and str(contract.value) == "100000.00"
    assert Program.objects.get(pk=pk).phase == "contracting"

    # Vendor Y learns only its own result.
    vendor_y.goto("/portal/sourcing/")
    expect(vendor_y.locator("[data-testid=result]")).to_have_text("Not selected")
    expect(vendor_y.locator("main")).not_to_contain_text("Vendor X")
