"""Wide tables at a 1366 x 768 window (a common laptop): the evaluator's score sheet with many
criteria and the executive's programs table on the home page use the page's width, wrap their
headings, and keep every column on screen (or scroll inside their box, with the first column
staying put): nothing is cut off or hidden."""

from datetime import timedelta

import pytest
from django.utils import timezone

from strategy.models import Program
from tests.factories import PASSWORD
from vendors.models import Criterion, EvaluatorAssignment, Invitation, Proposal, SourcingEvent

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1366, "height": 768}
CRITERIA = [
    ("Service quality and customer experience", 15),
    ("Workforce management and forecasting", 10),
    ("Technology and integration", 10),
    ("Information security and compliance", 10),
    ("Quality assurance programme", 10),
    ("Reporting and analytics", 5),
    ("Account management", 5),
    ("Transition plan", 10),
    ("Price", 25),
]

# Each header cell, and the box the table sits in, in page coordinates; whether the box scrolls.
MEASURE = """table => {
  const wrap = table.closest('.table-wrap');
  const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  return {
    wrap: box(wrap.getBoundingClientRect()),
    scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
    overflowX: getComputedStyle(wrap).overflowX,
    heads: [...table.querySelectorAll('thead th')].map(th => ({
      text: th.innerText.trim(), box: box(th.getBoundingClientRect()),
      cut: th.scrollWidth > th.clientWidth + 1,
    })),
    firstCellSticky: getComputedStyle(table.querySelector('tbody tr > *')).position === 'sticky',
    rowHeight: table.querySelector('tbody tr').getBoundingClientRect().height,
  };
}"""


def _open(new_page, username, path):
    page = new_page()
    page.set_viewport_size(VIEWPORT)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, "/accounts/login/", username, PASSWORD)
    page.goto(path)
    return page


def _all_on_screen(measured):
    """Every heading lies inside the table's box and the window, whole (not cut)."""
    wrap = measured["wrap"]
    for head in measured["heads"]:
        box = head["box"]
        assert box["left"] >= wrap["left"] - 1 and box["right"] <= wrap["right"] + 1, head
        assert box["right"] <= VIEWPORT["width"], head
        assert not head["cut"], head


def test_score_sheet_shows_every_criterion_at_1366_px(new_page, live_server, live_cast):
    now = timezone.now()
    event = SourcingEvent.objects.create(
        program=live_cast.program_a, kind="rfp", title="Contact centre services", status="published",
        published_at=now - timedelta(days=20), questions_deadline=now - timedelta(days=10),
        submission_deadline=now - timedelta(days=1), created_by=live_cast.manager,
    )  # fmt: skip
    for name, weight in CRITERIA:
        Criterion.objects.create(event=event, name=name, weight=weight, is_price=name == "Price")
    for vendor in (live_cast.vendor_x, live_cast.vendor_y):
        Invitation.objects.create(event=event, vendor=vendor)
        Proposal.objects.create(
            event=event,
            vendor=vendor,
            status="submitted",
            price=100000,
            revision=1,
            submitted_at=now - timedelta(days=2),
        )
    EvaluatorAssignment.objects.create(event=event, user=live_cast.evaluator)

    page = _open(new_page, "evaluator", f"/sourcing/{event.pk}/scores/")
    table = page.locator("main table").first
    measured = table.evaluate(MEASURE)
    screenshot(page, "score-sheet-1366")
    texts = [head["text"] for head in measured["heads"]]
    assert any(text.startswith("Transition plan") for text in texts), texts
    # The table uses the page's width (not a 720 px form column) ...
    assert measured["wrap"]["right"] - measured["wrap"]["left"] > 1000, measured["wrap"]
    # ... and every criterion is on screen, its heading wrapped rather than cut.
    assert not measured["scrolls"], measured
    _all_on_screen(measured)
    # Were a sheet ever wider than the page, it scrolls inside its box with the vendor column kept.
    assert measured["overflowX"] == "auto" and measured["firstCellSticky"]
    # Every score box can be typed in.
    inputs = page.locator("main table tbody input")
    assert inputs.count() == 2 * (len(CRITERIA) - 1)
    inputs.last.fill("7")
    assert inputs.last.is_visible()


def test_executive_home_programs_table_fits_at_1366_px(new_page, live_server, live_cast):
    Program.objects.filter(pk=live_cast.program_a.pk).update(name="Customer Operations Transformation 2026")
    Program.objects.filter(pk=live_cast.program_b.pk).update(name="Finance and Accounting Shared Services")
    page = _open(new_page, "executive", "/")
    table = page.locator("#h-programs ~ .table-wrap table, section[aria-labelledby=h-programs] table").first
    measured = table.evaluate(MEASURE)
    screenshot(page, "home-executive-1366")
    assert not measured["scrolls"], measured
    _all_on_screen(measured)
    # The program's name keeps to at most two lines (it wrapped onto about six).
    name = page.locator("section[aria-labelledby=h-programs] tbody tr td:first-child a").first
    line = float(name.evaluate("a => parseFloat(getComputedStyle(a).lineHeight) || 20"))
    assert name.evaluate("a => a.getBoundingClientRect().height") <= 2 * line + 2
