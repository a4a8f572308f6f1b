"""The portal home's open obligations tile counts an obligation overdue when its due date is before
today in its contract's program's time zone, not the server's: at 17:30 UTC on 26 November it is
the 27th in Shanghai, so a Shanghai obligation due on the 26th is overdue and a UTC one is not."""

import re
from datetime import UTC, date, datetime
from unittest import mock

from django.urls import reverse

from contracts.models import Obligation
from strategy.models import Program
from tests.contracts.factories import ContractFactory

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai


def test_portal_obligations_tile_counts_overdue_by_each_programs_date(cast, client):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")
    for program, due in ((cast.program_a, 26), (cast.program_a, 27), (cast.program_b, 26)):
        contract = ContractFactory(
            program=program, vendor=cast.vendor_x, number=f"C-{program.code}-{due}", status="active"
        )
        Obligation.objects.create(
            contract=contract,
            party="vendor",
            category="reporting",
            title=f"Report {due}",
            due_date=date(2026, 11, due),
            status="open",
        )
    client.force_login(cast.vendor_x_admin)
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        html = client.get(reverse("portal:home") + "?refresh=1").content.decode()
    tile = re.search(r'data-tile="portal-obligations">(.*?)</li>', html, re.S).group(1)
    assert '<span class="tile-value">3</span>' in tile
    assert '<span class="tile-note">1 overdue</span>' in tile  # Shanghai's 26th; not UTC's 26th
