"""A risk's review is overdue when its next review date is before today in its program's time
zone, not the server's: at 17:30 UTC on 26 November it is already 27 November in Shanghai, so a
Shanghai risk to review on the 26th is overdue while a UTC program's risk due that day is not. The
register's "Review overdue" filter, the API, the risk page's late mark and the home panel's count
(and the list it links to) agree."""

import re
from datetime import UTC, date, datetime
from html import unescape
from unittest import mock

import pytest
from django.urls import reverse

from risk.models import Risk
from strategy.models import Program

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai


@pytest.fixture
def late(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")

    def risk(program, title, review, status="open"):
        made = Risk.objects.create(
            program=program, title=title, category="operational", event="e", owner=cast.manager, status=status
        )
        Risk.objects.filter(pk=made.pk).update(next_review_date=review)  # as the schedule left it
        return made

    risks = {
        "shanghai-26": risk(cast.program_a, "Shanghai review 26", date(2026, 11, 26)),
        "shanghai-27": risk(cast.program_a, "Shanghai review 27", date(2026, 11, 27)),
        "utc-26": risk(cast.program_b, "UTC review 26", date(2026, 11, 26)),
        "utc-25": risk(cast.program_b, "UTC review 25", date(2026, 11, 25)),
        "utc-25-closed": risk(cast.program_b, "UTC review 25 closed", date(2026, 11, 25), "closed"),
    }
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast, risks


def _titles(response):
    return sorted(row["obj"].title for row in response.context["rows"])


def test_review_overdue_filter_uses_each_programs_date(late, client):
    cast, _ = late
    client.force_login(cast.admin)
    url = reverse("risk:risk_list")
    assert _titles(client.get(url, {"review_overdue": "true"})) == ["Shanghai review 26", "UTC review 25"]
    assert _titles(client.get(url, {"review_overdue": "false"})) == [
        "Shanghai review 27",
        "UTC review 25 closed",
        "UTC review 26",
    ]
    api = client.get(reverse("risk-list"), {"review_overdue": "true"}).json()
    assert sorted(r["title"] for r in api["results"]) == ["Shanghai review 26", "UTC review 25"]
    assert sorted(Risk.objects.review_overdue().values_list("title", flat=True)) == [
        "Shanghai review 26",
        "UTC review 25",
    ]


def test_risk_page_marks_late_by_the_programs_date(late, client):
    cast, risks = late
    client.force_login(cast.admin)

    def review_cell(key):
        page = client.get(reverse("risk:risk_detail", args=[risks[key].pk])).content.decode()
        return re.search(r"<dt>Next review</dt><dd>(<span[^>]*>)", page).group(1)

    assert 'class="late"' in review_cell("shanghai-26")
    assert 'class="late"' not in review_cell("shanghai-27")
    assert 'class="late"' not in review_cell("utc-26")
    assert 'class="late"' in review_cell("utc-25")


def test_home_panel_counts_what_its_list_shows(late, client):
    cast, _ = late
    client.force_login(cast.admin)
    html = client.get(reverse("core:home") + "?refresh=1").content.decode()
    href, value = re.search(r'<a href="([^"]+)" data-testid="home-risk-overdue">([^<]*)</a>', html).groups()
    assert value == "2"
    assert client.get(unescape(href)).context["paginator"].count == 2
