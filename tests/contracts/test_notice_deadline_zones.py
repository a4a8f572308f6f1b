"""A contract's notice deadline is counted from today in its program's time zone, not the server's:
at 17:30 UTC on 26 November it is already 27 November in Shanghai, so a Shanghai contract whose
notice deadline was the 26th has passed it while a UTC one has 0 days left, and 90 days ahead
reaches 25 February in Shanghai but 24 February in UTC. The home panel's "notice deadline within
90 days" rows and the scheduled notice reminders (as the beat task runs them: no `today`) agree;
a reminder's days left and step are the program's."""

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest

from bpo.core.models import Notification
from contracts import services
from contracts.models import Contract
from contracts.selectors import contracts_waiting_for
from strategy.models import Program
from tests.contracts.factories import ContractFactory

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai


@pytest.fixture
def zoned(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")

    def contract(program, number, deadline):
        return ContractFactory(
            program=program,
            vendor=cast.vendor_x,
            number=number,
            status="active",
            end_date=deadline + timedelta(days=30),
            notice_period_days=30,
        )

    contract(cast.program_a, "SH-PASSED", date(2026, 11, 26))
    contract(cast.program_a, "SH-DAY-90", date(2027, 2, 25))
    contract(cast.program_a, "SH-DAY-30", date(2026, 12, 27))
    contract(cast.program_b, "UTC-DAY-0", date(2026, 11, 26))
    contract(cast.program_b, "UTC-DAY-91", date(2027, 2, 25))
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast


DUE = ["SH-DAY-30", "SH-DAY-90", "UTC-DAY-0"]


def test_home_rows_list_notice_deadlines_within_90_days_of_each_programs_date(zoned):
    cast = zoned
    rows = [r["contract"].number for r in contracts_waiting_for(cast.admin) if r["why"] == "notice"]
    assert sorted(rows) == DUE
    assert sorted(Contract.objects.notice_deadline_within(90).values_list("number", flat=True)) == DUE


def test_notice_reminders_count_the_days_from_each_programs_date(zoned):
    assert services.contract_notice_reminders() == 3
    assert services.contract_notice_reminders() == 0  # once
    sent = {
        Contract.objects.get(pk=n.event_key.split(":")[1]).number: (n.event_key.rsplit(":", 1)[1], n.title)
        for n in Notification.objects.filter(event_key__contains=":notice:")
    }
    assert sent == {
        "SH-DAY-90": ("90", "Notice deadline of SH-DAY-90 in 90 days (2027-02-25)"),
        "SH-DAY-30": ("30", "Notice deadline of SH-DAY-30 in 30 days (2026-12-27)"),
        "UTC-DAY-0": ("30", "Notice deadline of UTC-DAY-0 in 0 days (2026-11-26)"),
    }
