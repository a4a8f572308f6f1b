"""Meeting action items and communications are overdue when due before today in their program's
time zone, not the server's: at 17:30 UTC on 26 November it is the 27th in Shanghai. The lists'
overdue filter, the API, the detail pages' mark and the home tile agree."""

import re
from datetime import UTC, date, datetime
from html import unescape
from unittest import mock

import pytest
from django.urls import reverse

from delivery.models import ActionItem, Communication, Meeting
from strategy.models import Program

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai
DUE = date(2026, 11, 26)


@pytest.fixture
def late(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")
    made = {}
    for program, name in ((cast.program_a, "Shanghai"), (cast.program_b, "UTC")):
        meeting = Meeting.objects.create(
            program=program, kind="weekly_ops", title="Ops", starts_at=NOW, created_by=cast.admin
        )
        made[f"item-{name}"] = ActionItem.objects.create(
            meeting=meeting, program=program, title=f"{name} item", owner=cast.admin, due_date=DUE, status="open"
        )
        comm = Communication.objects.create(
            program=program,
            audience=f"{name} sponsors",
            content="c",
            frequency="weekly",
            channel="email",
            owner=cast.admin,
        )
        Communication.objects.filter(pk=comm.pk).update(next_due_on=DUE)
        made[f"comm-{name}"] = comm
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast, made


def _names(response, attr):
    return [getattr(row["obj"], attr) for row in response.context["rows"]]


def test_overdue_filters_use_each_programs_date(late, client):
    cast, _ = late
    client.force_login(cast.admin)
    items = client.get(reverse("delivery:action_item_list"), {"overdue": "true"})
    assert _names(items, "title") == ["Shanghai item"]
    comms = client.get(reverse("delivery:communication_list"), {"overdue": "true"})
    assert _names(comms, "audience") == ["Shanghai sponsors"]
    assert [row["obj"].is_overdue for row in client.get(reverse("delivery:communication_list")).context["rows"]].count(
        True
    ) == 1


def test_action_item_page_marks_overdue_by_the_programs_date(late, client):
    cast, made = late
    client.force_login(cast.admin)

    def status(key):
        page = client.get(reverse("delivery:action_item_detail", args=[made[key].pk])).content.decode()
        return re.search(r'data-testid="action-item-status">(.*?)</dd>', page).group(1)

    assert "Overdue" in status("item-Shanghai")
    assert "Overdue" not in status("item-UTC")


def test_home_tile_counts_what_its_list_shows(late, client):
    cast, _ = late
    client.force_login(cast.admin)
    html = client.get(reverse("core:home")).content.decode()
    tiles = re.findall(
        r'data-tile="action-items-overdue"><a href="([^"]+)"><span class="tile-label">[^<]*</span>'
        r'<span class="tile-value">([^<]*)</span>',
        html,
    )
    assert tiles
    for href, value in tiles:
        assert value == "1"
        assert client.get(unescape(href)).context["paginator"].count == 1
