"""At a phone's width (390 px) the service-level page of a contract stays as wide as the window:
its tables scroll inside their cards (.table-wrap). User test 2026-11-27: the Credits table, the
one without the wrapper, made the page 523 px wide for finance."""

from datetime import date
from decimal import Decimal

import pytest

from performance.models import Credit, Period
from tests.contracts.factories import contract_of_a
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_service_level_page_fits_a_390_px_window(new_page, live_server, live_cast):
    contract = contract_of_a(live_cast)
    service_level = contract.service_levels.get()
    for month in (1, 2, 3):
        period = Period.objects.create(
            contract=contract, kind="monthly", start=date(2026, month, 1), end=date(2026, month + 1, 1)
        )
        Credit.objects.create(
            period=period,
            service_level=service_level,
            allocation_pct=Decimal("40"),
            uncapped_amount=Decimal("12345678.90"),
            amount=Decimal("1234567.89"),
        )
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "/accounts/login/", live_cast.finance.username, PASSWORD)
    page.goto(f"{live_server.url}/contracts/{contract.pk}/service-levels/")
    assert page.locator('[data-testid="credit-amount"]').count() == 3
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), width
    unwrapped = page.evaluate(
        "[...document.querySelectorAll('main table')].filter(t => !t.closest('.table-wrap')).length"
    )
    assert unwrapped == 0
