"""A corrective action is overdue when its due date is before today in its program's time zone,
not the server's: at 17:30 UTC on 26 November it is already 27 November in Shanghai, so a
Shanghai action due on the 26th is overdue while a UTC program's action due that day is not. The
list filter, the API, the detail page's "late" mark, the home tile (and the list it opens) and
the program report agree."""

import re
from datetime import UTC, date, datetime
from html import unescape
from unittest import mock

import pytest
from django.urls import reverse

from bpo.core.zones import due_before_today_q, today_in
from risk.models import CorrectiveAction
from strategy.models import Program

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai


@pytest.fixture
def late(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")

    def action(program, title, due, status="open"):
        return CorrectiveAction.objects.create(
            program=program,
            source="risk_review",
            title=title,
            problem="p",
            owner=cast.manager,
            due_date=due,
            status=status,
        )

    actions = {
        "shanghai-26": action(cast.program_a, "Shanghai due 26", date(2026, 11, 26)),
        "shanghai-27": action(cast.program_a, "Shanghai due 27", date(2026, 11, 27), "in_progress"),
        "utc-26": action(cast.program_b, "UTC due 26", date(2026, 11, 26)),
        "utc-25": action(cast.program_b, "UTC due 25", date(2026, 11, 25), "in_progress"),
        "utc-25-done": action(cast.program_b, "UTC due 25 done", date(2026, 11, 25), "done"),
    }
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast, actions


def _titles(response):
    return sorted(row["obj"].title for row in response.context["rows"])


def test_today_is_the_programs_date():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        assert today_in("Asia/Shanghai") == date(2026, 11, 27)
        assert today_in("UTC") == date(2026, 11, 26)
        assert today_in("") == date(2026, 11, 26)  # no zone: UTC


def test_overdue_filter_uses_each_programs_date(late, client):
    cast, _ = late
    client.force_login(cast.admin)
    url = reverse("risk:action_list")
    assert _titles(client.get(url, {"overdue": "true"})) == ["Shanghai due 26", "UTC due 25"]
    assert _titles(client.get(url, {"overdue": "false"})) == ["Shanghai due 27", "UTC due 25 done", "UTC due 26"]
    api = client.get(reverse("corrective-action-list"), {"overdue": "true"}).json()
    assert sorted(r["title"] for r in api["results"]) == ["Shanghai due 26", "UTC due 25"]


def test_overdue_condition_is_set_based(late, django_assert_num_queries):
    with django_assert_num_queries(1):  # the zones the programs use, whatever the number of rows
        condition = due_before_today_q("due_date")
    with django_assert_num_queries(1):
        assert CorrectiveAction.objects.filter(condition).count() == 3  # status is the filter's business


def test_detail_page_marks_late_by_the_programs_date(late, client):
    cast, actions = late
    client.force_login(cast.admin)

    def due_cell(key):
        page = client.get(reverse("risk:action_detail", args=[actions[key].pk])).content.decode()
        return re.search(r"<dt>Due date</dt><dd>(<span[^>]*>)", page).group(1)

    assert 'class="late"' in due_cell("shanghai-26")
    assert 'class="late"' not in due_cell("shanghai-27")
    assert 'class="late"' not in due_cell("utc-26")
    assert 'class="late"' in due_cell("utc-25")


def test_home_tile_counts_what_its_list_shows(late, client):
    cast, _ = late
    client.force_login(cast.admin)
    html = client.get(reverse("core:home")).content.decode()
    tiles = re.findall(
        r'data-tile="actions-overdue"><a href="([^"]+)"><span class="tile-label">[^<]*</span>'
        r'<span class="tile-value">([^<]*)</span>',
        html,
    )
    assert tiles
    for href, value in tiles:
        assert value == "2"
        assert client.get(unescape(href)).context["paginator"].count == 2


def test_program_report_counts_overdue_in_the_programs_zone(late):
    from bpo.reports.builders.program import collect

    cast, _ = late
    report = mock.Mock(params={"program": cast.program_a.pk}, program=cast.program_a, program_id=cast.program_a.pk)
    assert collect(report, cast.admin)["overdue_actions"] == 1
