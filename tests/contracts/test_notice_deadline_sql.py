"""The notice deadline computed in SQL (DaysBefore) is the model's `notice_deadline`, edges included."""

from datetime import date, timedelta

import pytest

from contracts.models import Contract
from contracts.selectors import contracts_waiting_for
from tests.contracts.factories import ContractFactory


@pytest.mark.django_db
def test_sql_deadline_equals_the_property_across_month_and_leap_year_edges(cast):
    cases = [(date(2028, 3, 1), 1), (date(2027, 1, 31), 31), (date(2028, 12, 31), 366), (date(2027, 6, 30), 0)]
    made = [
        ContractFactory(
            program=cast.program_a,
            vendor=cast.vendor_x,
            start_date=date(2026, 1, 1),
            end_date=end,
            notice_period_days=days,
        )
        for end, days in cases
    ]
    got = {c.pk: c.deadline for c in Contract.objects.with_notice_deadline().filter(pk__in=[m.pk for m in made])}
    for contract in made:
        assert got[contract.pk] == contract.notice_deadline
    assert got[made[0].pk] == date(2028, 2, 29)


@pytest.mark.django_db
def test_between_includes_both_ends(cast):
    inside = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, end_date=date(2027, 3, 31), notice_period_days=30
    )  # deadline 2027-03-01
    first, last = date(2027, 3, 1), date(2027, 3, 1)
    assert list(Contract.objects.notice_deadline_between(first, last)) == [inside]
    assert not Contract.objects.notice_deadline_between(first + timedelta(days=1), last + timedelta(days=5)).exists()
    assert not Contract.objects.notice_deadline_between(first - timedelta(days=5), last - timedelta(days=1)).exists()


@pytest.mark.django_db
def test_waiting_for_lists_a_notice_deadline_in_the_next_90_days(cast):
    from django.utils import timezone

    today = timezone.localdate()
    soon = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        status="active",
        start_date=today - timedelta(days=300),
        end_date=today + timedelta(days=100),
        notice_period_days=30,
    )  # deadline in 70 days
    ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        status="active",
        start_date=today - timedelta(days=300),
        end_date=today + timedelta(days=200),
        notice_period_days=30,
    )  # deadline in 170 days: not yet
    rows = [r for r in contracts_waiting_for(cast.manager) if r["why"] == "notice"]
    assert [r["contract"] for r in rows] == [soon]
    assert contracts_waiting_for(cast.outsider) == []
