"""A status report's months follow the program's date, not the server's: at 17:30 UTC on 30
November it is already 1 December in Shanghai, so a Shanghai program is offered November (the
previous month) and may draft December, while a UTC one is offered October and December is refused
as a future month. A vendor's contracts are offered their program's month the same way, and the
figures of the current month are as of the program's today."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from contracts.models import Contract
from delivery.status_report import status_report_create, suggested_period, suggested_periods
from strategy.models import Program
from tests.contracts.factories import ContractFactory

NOW = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 2026-12-01 01:30 in Shanghai

pytestmark = pytest.mark.django_db


@pytest.fixture
def zoned(cast):
    Program.objects.filter(pk__in=[cast.program_a.pk, cast.program_b.pk]).update(start_date=None)
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Shanghai")
    Program.objects.filter(pk=cast.program_b.pk).update(time_zone="UTC")
    cast.program_a.refresh_from_db()
    cast.program_b.refresh_from_db()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield cast


def test_the_month_offered_is_the_programs_previous_month(zoned):
    cast = zoned
    assert suggested_period(program=cast.program_a) == date(2026, 11, 1)
    assert suggested_period(program=cast.program_b) == date(2026, 10, 1)
    sh = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="SH", start_date=date(2026, 1, 1))
    utc = ContractFactory(program=cast.program_b, vendor=cast.vendor_x, number="UTC", start_date=date(2026, 1, 1))
    assert suggested_period(contract=sh) == date(2026, 11, 1)
    contracts = Contract.objects.filter(pk__in=[sh.pk, utc.pk]).select_related("program")
    assert suggested_periods(contracts) == {sh.pk: date(2026, 11, 1), utc.pk: date(2026, 10, 1)}


def test_a_future_month_is_the_one_after_the_programs_month(zoned):
    cast = zoned
    report = status_report_create(program=cast.program_a, period=date(2026, 12, 1), by=cast.admin)
    assert (report.period, report.figures["as_of"]) == (date(2026, 12, 1), "2026-12-01")
    with pytest.raises(ValidationError) as exc:
        status_report_create(program=cast.program_b, period=date(2026, 12, 1), by=cast.admin)
    assert exc.value.message_dict == {"period": ["Report on this month or an earlier one."]}
    report = status_report_create(program=cast.program_b, period=date(2026, 11, 1), by=cast.admin)
    assert report.figures["as_of"] == "2026-11-30"
