"""At a phone's width (390 px) the scorecard, contract and measurement pages stay as wide as the
window: their tables scroll inside their cards (.table-wrap). New-user test 2026-11-28: the
vendor's scorecard was 830 px wide (the original score, basis, disputes and each line's dispute
form off-screen), the scorecard list 575 px, the portal measurement page 511 px (background
imports), the portal contract 413 px (obligations), staff's service levels 562 px and staff's
contract 406 px."""

from datetime import date
from decimal import Decimal

import pytest

from contracts.models import Obligation, RateCardLine
from delivery.models import MeasurementImport
from performance.scorecards import services
from tests.contracts.factories import contract_of_a
from tests.factories import PASSWORD
from tests.performance.scorecard_helpers import finalized_period, template

from .conftest import sign_in

pytestmark = pytest.mark.browser

WIDEST = """() => [...document.querySelectorAll('main *')].filter(e => !e.closest('.table-wrap'))
  .map(e => [e.getBoundingClientRect().right, e.tagName + '.' + e.className])
  .sort((a, b) => b[0] - a[0]).slice(0, 3)"""


def assert_fits(page, url):
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), (url, width, page.evaluate(WIDEST))
    unwrapped = page.evaluate(
        "[...document.querySelectorAll('main table')].filter(t => !t.closest('.table-wrap')).length"
    )
    assert unwrapped == 0, url
    assert page.locator("main table").count() > 0, url


def test_vendor_pages_fit_a_390_px_window(new_page, live_server, live_cast):
    cast = live_cast
    template(criteria=[("Service levels", "sla_attainment", 60), ("Innovation", "manual", 40)])
    card, _ = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    services.scorecard_score_line(line=card.lines.get(kind="manual"), by=cast.manager, score=Decimal("60"))
    services.scorecard_submit(scorecard=card, by=cast.manager)
    services.scorecard_publish(scorecard=card, by=cast.manager)
    contract = contract_of_a(cast)
    Obligation.objects.create(
        contract=contract,
        party="vendor",
        category="reporting",
        title="Monthly service report",
        due_date=date(2026, 12, 1),
        evidence="Report sent to the program office on the first working day",
    )
    MeasurementImport.objects.create(
        contract=contract, file_name="november-measurements.csv", row_count=12000, submitted_by=cast.vendor_x_user
    )
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "/portal/login/", "vx-admin", PASSWORD)
    assert page.evaluate("window.innerWidth") == 390
    for path in (
        f"/portal/scorecards/{card.pk}/",
        "/portal/scorecards/",
        f"/portal/measurements/{contract.pk}/",
        f"/portal/contracts/{contract.pk}/",
    ):
        assert_fits(page, f"{live_server.url}{path}")


def test_staff_contract_pages_fit_a_390_px_window(new_page, live_server, live_cast):
    contract = contract_of_a(live_cast)
    RateCardLine.objects.create(contract=contract, item="Inbound voice agent hour", unit="hour", rate=Decimal("23.50"))
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "/accounts/login/", live_cast.manager.username, PASSWORD)
    for path in (f"/contracts/{contract.pk}/service-levels/", f"/contracts/{contract.pk}/"):
        assert_fits(page, f"{live_server.url}{path}")
