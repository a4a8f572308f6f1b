"""The homes' own items are overdue (or late) when due before today in their program's time zone,
not the server's: at 17:30 UTC on 26 November it is the 27th in Shanghai. The staff home's "My
action items" Overdue tags, "My overdue communications" (and the list it links to), "My plan
tasks" Late tags, and the portal home's action items and plan tasks."""

import re
from datetime import UTC, date, datetime
from html import unescape
from unittest import mock

import pytest
from django.urls import reverse

from delivery.models import ActionItem, Communication, Meeting
from strategy.models import Program
from tests.delivery.plan_factories import task

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai
DUE = date(2026, 11, 26)


@pytest.fixture
def late(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")
    for program, name in ((Program.objects.get(pk=cast.program_a.pk), "Shanghai"), (cast.program_b, "UTC")):
        meeting = Meeting.objects.create(
            program=program, kind="weekly_ops", title="Ops", starts_at=NOW, created_by=cast.admin
        )
        for owner, vendor, who in ((cast.admin, None, "my"), (cast.vendor_x_user, cast.vendor_x, "vendor")):
            ActionItem.objects.create(
                meeting=meeting,
                program=program,
                title=f"{name} {who} item",
                owner=owner,
                vendor=vendor,
                due_date=DUE,
                status="open",
            )
        task(program, f"{name} my task", date(2026, 11, 1), DUE, owner=cast.admin)
        task(program, f"{name} vendor task", date(2026, 11, 1), DUE, vendor=cast.vendor_x)
        comm = Communication.objects.create(
            program=program,
            audience=f"{name} sponsors",
            content="c",
            frequency="weekly",
            channel="email",
            owner=cast.admin,
        )
        Communication.objects.filter(pk=comm.pk).update(next_due_on=DUE)
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast


def _tag(html, title):
    """The tag after a listed item's title ("Overdue", "Late" or "")."""
    line = re.search(rf"<li>(?:(?!</li>).)*>{title}</a>(?:(?!</li>).)*</li>", html, re.S).group(0)
    tag = re.search(r'<span class="tag">([^<]*)</span>', line)
    return tag.group(1) if tag else ""


def test_staff_home_marks_my_items_by_each_programs_date(late, client):
    client.force_login(late.admin)
    html = client.get(reverse("core:home") + "?refresh=1").content.decode()
    assert _tag(html, "Shanghai my item") == "Overdue"
    assert _tag(html, "UTC my item") == ""
    assert _tag(html, "Shanghai my task") == "Late"
    assert _tag(html, "UTC my task") == ""
    href, value = re.search(r'<a href="([^"]*\?overdue=true&amp;mine=true)">([^<]*)</a>', html).groups()
    assert value == "1"
    assert client.get(unescape(href)).context["paginator"].count == 1


def test_portal_home_marks_the_vendors_items_by_each_programs_date(late, client):
    client.force_login(late.vendor_x_user)
    html = client.get(reverse("portal:home") + "?refresh=1").content.decode()
    assert _tag(html, "Shanghai vendor item") == "Overdue"
    assert _tag(html, "UTC vendor item") == ""
    assert _tag(html, "Shanghai vendor task") == "Late"
    assert _tag(html, "UTC vendor task") == ""


def test_portal_action_item_pages_mark_overdue_by_each_programs_date(late, client):
    client.force_login(late.vendor_x_user)
    html = client.get(reverse("portal:action_items")).content.decode()
    rows = dict(re.findall(r">((?:Shanghai|UTC) vendor item)</a>(.*?)</tr>", html, re.S))
    assert "Overdue" in rows["Shanghai vendor item"] and "Overdue" not in rows["UTC vendor item"]
    for title, overdue in (("Shanghai vendor item", True), ("UTC vendor item", False)):
        item = ActionItem.objects.get(title=title)
        page = client.get(reverse("portal:action_item_detail", args=[item.pk])).content.decode()
        status = re.search(r'data-testid="action-item-status">(.*?)</dd>', page).group(1)
        assert ("Overdue" in status) is overdue
