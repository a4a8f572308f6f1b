"""At a phone's width (390 px) list filters and tables stay inside the window, in English and
Chinese: a filter's drop-down named after a long standard or course shrinks to the window, and
the scorecard's criteria, the portal's users and the charter revisions scroll inside their own
box (.table-wrap), the scorecard's basis column keeping several characters a line. New-user test
2026-11-28: the staff scorecard was 595 px wide (its basis one character a line in Chinese), the
portal users 649 px (Deactivate off-screen), the audits list 830 px (the Standard drop-down), the
training sessions and completion pages about 470 px (the Course drop-down) and a program's
charter revisions 635 px."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from performance.scorecards import services as scorecards
from strategy.services import charter_item_create, program_revise
from tests.delivery.engagement_factories import course_of_a, session_of_a
from tests.factories import PASSWORD
from tests.performance.quality_helpers import audit, standard
from tests.performance.scorecard_helpers import finalized_period, template
from tests.strategy.test_charter_services import approved_charter

from .conftest import screenshot, sign_in
from .test_narrow_contract_pages import assert_fits

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LONG_PROCESS = "Customer e-mail handling and complaint resolution · 客户邮件处理与投诉解决"
LONG_METRIC = "Share of e-mails answered correctly and completely at the first contact"
LONG_COURSE = "Order-to-cash process for accounts receivable specialists (advanced) · 订单到收款流程高级课程"

# How many lines a cell's text takes: the distinct tops of its text's boxes.
LINES = """td => new Set([...(() => { const r = document.createRange(); r.selectNodeContents(td);
  return r.getClientRects(); })()].map(b => Math.round(b.top))).size"""


def _published_scorecard(cast):
    template(criteria=[("Service levels", "sla_attainment", 60), ("Innovation", "manual", 40)])
    card, _ = scorecards.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    scorecards.scorecard_score_line(line=card.lines.get(kind="manual"), by=cast.manager, score=Decimal("60"))
    scorecards.scorecard_submit(scorecard=card, by=cast.manager)
    scorecards.scorecard_publish(scorecard=card, by=cast.manager)
    return card


def _staff_pages(cast):
    """The pages of the user test, each with what makes it wide."""
    card = _published_scorecard(cast)
    audit(cast, standard(cast, process=LONG_PROCESS, metric=LONG_METRIC))
    session_of_a(cast, course=course_of_a(cast, title=LONG_COURSE))
    approved_charter(cast)
    program_revise(program=cast.program_a, by=cast.manager)
    charter_item_create(
        program=cast.program_a,
        kind="milestone",
        by=cast.manager,
        name="Contract signed with the second vendor",
        phase="transition",
        baseline_date=date(2027, 1, 29),
    )
    return card, [
        reverse("performance:scorecard_detail", args=[card.pk]),
        reverse("performance:quality_audit_list"),
        reverse("delivery:session_list"),
        reverse("delivery:training_completion"),
        reverse("strategy:charter_compare", args=[cast.program_a.pk]),
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_staff_lists_filters_and_tables_fit_a_390_px_window(new_page, live_server, live_cast, language):
    cast = live_cast
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    card, paths = _staff_pages(cast)
    page = new_page()
    page.set_viewport_size(PHONE)
    sign_in(page, "/accounts/login/", cast.manager.username, PASSWORD)
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    too_wide = {}
    for path in paths:
        try:
            assert_fits(page, f"{live_server.url}{path}")
        except AssertionError as exc:  # measure every page, then report them all
            too_wide[path] = str(exc).splitlines()[0]
            continue
        screenshot(page, f"narrow-{language}-{path.strip('/').replace('/', '-')}")
        # Every filter ends inside the window (it was cut off at the right).
        overflowing = page.evaluate(
            """() => [...document.querySelectorAll('main .filters select, main .filters input')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth).map(e => e.name)"""
        )
        if overflowing:
            too_wide[path] = overflowing
    assert too_wide == {}

    # The basis of a score reads a few words a line, not a character a line.
    page.goto(f"{live_server.url}{paths[0]}")
    basis = page.locator("tr[data-testid=line-sla_attainment] td").nth(4)
    assert basis.inner_text().strip(), "the service-level line has a basis"
    assert basis.evaluate(LINES) <= 3, basis.inner_text()


def test_vendor_admin_users_page_fits_a_390_px_window(new_page, live_server, live_cast):
    cast = live_cast
    page = new_page()
    page.set_viewport_size(PHONE)
    sign_in(page, "/portal/login/", cast.vendor_x_admin.username, PASSWORD)
    assert_fits(page, f"{live_server.url}{reverse('portal:users')}")
    # The colleague's Deactivate button is reached by scrolling the table, not the page.
    button = page.get_by_role("button", name="Deactivate")
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
