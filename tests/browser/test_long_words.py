"""A long word or URL typed by a user (a title, meeting minutes) wraps instead of widening the page
(user test 2026-11-27: a 200-character title made the risk page 3,866 px wide at 1366 px, and a
3,600-character URL in the minutes the meeting page 32,754 px)."""

import pytest
from django.utils import timezone

from delivery.models import Meeting
from risk.models import Risk
from tests.factories import PASSWORD

from .conftest import sign_in

pytestmark = pytest.mark.browser

LONG_WORD = "W" * 10 + "A" * 190
LONG_URL = "https://example.com/" + "a" * 3600


def test_long_titles_and_urls_wrap_within_the_window(new_page, live_server, live_cast):
    cast = live_cast
    risk = Risk.objects.create(
        program=cast.program_a,
        title=LONG_WORD,
        category="operational",
        event=LONG_WORD,
        inherent_likelihood=5,
        inherent_impact=5,
        residual_likelihood=5,
        residual_impact=5,
        assessed_at=timezone.now(),
    )
    meeting = Meeting.objects.create(
        program=cast.program_a,
        kind="weekly_ops",
        title=LONG_WORD,
        starts_at=timezone.now(),
        minutes=LONG_URL,
        decisions=LONG_WORD,
        created_by=cast.manager,
    )
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, "/accounts/login/", cast.manager.username, PASSWORD)
    for path in (f"/risk/risks/{risk.pk}/", f"/meetings/{meeting.pk}/", "/?refresh=1"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.evaluate("window.innerWidth"), (path, width)
