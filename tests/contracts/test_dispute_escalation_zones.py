"""A dispute's level deadline is a date in its contract's program's time zone, not the server's: at
17:30 UTC on 26 November it is already 27 November in Shanghai, so a Shanghai dispute whose level
deadline was the 26th is past it while a UTC one is not. The daily escalation (as the beat task runs
it: no `today`) escalates the Shanghai one only, once, with the next level's deadline counted from
the program's date; a manual escalation counts from the program's date too, as does a new dispute's
first deadline."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest

from contracts import services, tasks
from contracts.models import Dispute
from strategy.models import Program
from tests.contracts.factories import ContractFactory

NOW = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 2026-11-27 01:30 in Shanghai


@pytest.fixture
def zoned(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")
    cast.program_a.refresh_from_db()
    cast.program_b.refresh_from_db()

    def dispute(program, title):
        contract = ContractFactory(program=program, vendor=cast.vendor_x, number=title, status="active")
        return Dispute.objects.create(
            contract=contract, title=title, description="d", raised_by=cast.manager, level_deadline=date(2026, 11, 26)
        )

    cast.sh = dispute(cast.program_a, "SH")
    cast.utc = dispute(cast.program_b, "UTC")
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast


def test_daily_escalation_follows_each_programs_date_and_runs_once(zoned):
    cast = zoned
    assert services.disputes_escalate_overdue() == 1
    assert tasks.escalate_overdue_disputes.delay().get() == 0  # the second run finds nothing due
    cast.sh.refresh_from_db()
    cast.utc.refresh_from_db()
    assert (cast.sh.level, cast.sh.level_deadline) == (2, date(2026, 12, 7))  # 27th + 10 days
    assert (cast.utc.level, cast.utc.level_deadline) == (1, date(2026, 11, 26))
    assert cast.sh.escalations.get().automatic is True
    assert not cast.utc.escalations.exists()


def test_manual_escalation_and_a_new_dispute_count_from_the_programs_date(zoned):
    cast = zoned
    services.dispute_escalate(dispute=cast.sh, by=cast.manager, reason="No answer")
    services.dispute_escalate(dispute=cast.utc, by=cast.admin, reason="No answer")
    cast.sh.refresh_from_db()
    cast.utc.refresh_from_db()
    assert cast.sh.level_deadline == date(2026, 12, 7)
    assert cast.utc.level_deadline == date(2026, 12, 6)
    opened = services.dispute_open(contract=cast.sh.contract, by=cast.manager, title="t2", description="d")
    assert opened.level_deadline == date(2026, 12, 7)
