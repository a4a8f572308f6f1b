"""At a phone's width (390 px) a program's page and its budget page stay as wide as the window:
their action buttons wrap onto more lines (.actions wraps) instead of being squeezed into
one-letter columns, and the budget's charts take one column narrower than 360 px. New-user test
2026-11-28: the program page was 556 px wide, the budget 401 px (its chart grid's 360 px minimum)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from strategy.services import charter_item_create
from tests.factories import PASSWORD

from .conftest import sign_in
from .test_narrow_contract_pages import WIDEST

pytestmark = pytest.mark.browser


def test_program_and_budget_pages_fit_a_390_px_window(new_page, live_server, live_cast):
    cast = live_cast
    charter_item_create(
        program=cast.program_a,
        kind="budget",
        by=cast.manager,
        category="vendor_fees",
        period="2027",
        planned_amount=Decimal("100000"),
    )
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "/accounts/login/", cast.manager.username, PASSWORD)
    for path in (
        reverse("strategy:program_detail", args=[cast.program_a.pk]),
        reverse("delivery:program_budget", args=[cast.program_a.pk]),
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("window.innerWidth"), (path, width, page.evaluate(WIDEST))
        # No button is squeezed narrower than its own text.
        squeezed = page.evaluate(
            """() => [...document.querySelectorAll('main .actions .button, main .actions button')]
              .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.textContent.trim())"""
        )
        assert squeezed == [], (path, squeezed)
