"""The portal's scorecards say when the vendor acknowledged each one as a date in the program's
time zone, on the page and in its CSV/XLSX export alike: acknowledged at 17:30 UTC on 26 November
is the 27th for a Shanghai program, whatever the server's zone."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from performance.models import Scorecard
from strategy.models import Program
from tests.performance.access import _scorecard
from tests.portal.test_portal_exports import _download

AT = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai


@pytest.fixture
def acknowledged(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    card = _scorecard(cast)
    Scorecard.objects.filter(pk=card.pk).update(acknowledged_at=AT)  # still published: acknowledging keeps the status
    return cast


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_acknowledged_date_is_the_programs_date_in_the_export(acknowledged, client, fmt):
    client.force_login(acknowledged.vendor_x_user)
    rows = _download(client, reverse("portal:scorecard_list"), fmt)
    column = rows[0].index("Acknowledged")
    assert [row[column][:10] for row in rows[1:]] == ["2026-11-27"]


def test_acknowledged_date_is_the_programs_date_on_the_page(acknowledged, client):
    client.force_login(acknowledged.vendor_x_user)
    page = client.get(reverse("portal:scorecard_list")).content.decode()
    assert "<td>2026-11-27</td>" in page and "2026-11-26" not in page
