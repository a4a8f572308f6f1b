"""Shared by the tests of times told in a program's time zone (test_more_times_in_zone.py,
test_times_in_zone_more_pages.py)."""

from datetime import UTC, datetime

import pytest

AT = datetime(2026, 11, 28, 0, 47, tzinfo=UTC)  # 08:47 in Manila
MANILA = "2026-11-28 08:47 (Asia/Manila)"


@pytest.fixture
def manila(cast):
    """The cast with program A in Asia/Manila."""
    cast.program_a.time_zone = "Asia/Manila"
    cast.program_a.save(update_fields=["time_zone"])
    return cast


def zone_page(client, user, url):
    """The page as `user` sees it (200), with no time left in UTC (00:47)."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026-11-28 00:47" not in page
    return page
