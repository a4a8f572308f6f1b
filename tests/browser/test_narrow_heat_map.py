"""At a phone's width (390 px) the heat map stays as wide as the window, in Chinese too: its
program filter and its two maps fit within the page. User test 2026-11-28: the program drop-down
stuck out of its card and made the page 499 px wide in Chinese for a program manager."""

import pytest

from risk import services
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_heat_map_fits_a_390_px_window_in_chinese(new_page, live_server, live_cast):
    program = live_cast.program_a
    program.name = "华东区客户服务外包项目（二〇二六年度续约及扩容阶段）客户联络中心"
    program.save(update_fields=["name"])
    risk = services.risk_create(
        by=live_cast.manager, program=program, title="Outage", category="vendor_dependency", event="e"
    )
    services.risk_assess(
        risk=risk,
        by=live_cast.manager,
        inherent_likelihood=3,
        inherent_impact=4,
        residual_likelihood=2,
        residual_impact=3,
    )
    live_cast.manager.language = "zh-hans"
    live_cast.manager.save(update_fields=["language"])
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "/accounts/login/", live_cast.manager.username, PASSWORD)
    for query in ("", f"?program={program.pk}", "?program=abc"):
        page.goto(f"{live_server.url}/risk/heat-map/{query}")
        assert page.locator("#id_program").count() == 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("window.innerWidth"), (query, width)
        # The field ends inside the filter form (its card), not past it.
        sticks_out = page.evaluate(
            "(() => { const f = document.querySelector('#id_program'), c = f.closest('form');"
            " return f.getBoundingClientRect().right - c.getBoundingClientRect().right; })()"
        )
        assert sticks_out <= 0, (query, sticks_out)
