"""The holiday calendar: the first working day of a month skips weekends and public holidays, and a
make-up working day (调休) on a weekend counts as a working day (one query, whatever the calendar
holds); October 2026's monthly reports wait for 8 October after National Day; administrators keep
the calendar in the admin; the demo loads China's, once per year, so an administrator's deletion sticks."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from bpo.reports import services
from bpo.reports.demo import MAKE_UP_DAYS, load_holidays
from bpo.reports.models import Holiday, ReportRequest

NATIONAL_DAY = [date(2026, 10, 1) + timedelta(days=n) for n in range(7)]  # Thursday 1 to Wednesday 7


@pytest.fixture
def national_day(db):
    Holiday.objects.bulk_create(Holiday(date=day, name="国庆节 · National Day") for day in NATIONAL_DAY)


def _weekday_rule(year, month):
    day = date(year, month, 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def test_national_day_moves_the_first_working_day_to_8_october(national_day):
    assert services.first_working_day(2026, 10) == date(2026, 10, 8)


@pytest.mark.django_db
def test_without_holidays_the_first_working_day_is_the_first_weekday():
    for year in (2026, 2027):
        for month in range(1, 13):
            assert services.first_working_day(year, month) == _weekday_rule(year, month), (year, month)


@pytest.mark.django_db
def test_a_holiday_on_a_weekend_or_later_in_the_month_changes_nothing():
    Holiday.objects.create(date=date(2026, 11, 1), name="Sunday")  # 1 November 2026 is a Sunday
    Holiday.objects.create(date=date(2026, 8, 1), name="Saturday")
    Holiday.objects.create(date=date(2026, 8, 2), name="Sunday")
    Holiday.objects.create(date=date(2026, 12, 25), name="Christmas Day")
    assert services.first_working_day(2026, 11) == date(2026, 11, 2)
    assert services.first_working_day(2026, 8) == date(2026, 8, 3)
    assert services.first_working_day(2026, 12) == date(2026, 12, 1)


@pytest.mark.django_db
def test_a_holiday_on_the_first_monday_moves_to_tuesday():
    Holiday.objects.create(date=date(2026, 6, 1), name="Monday holiday")  # 1 June 2026 is a Monday
    assert services.first_working_day(2026, 6) == date(2026, 6, 2)
    assert services.first_working_day(2026, 7) == date(2026, 7, 1)  # the next month is not touched


@pytest.mark.django_db
@pytest.mark.parametrize("holidays", [0, 7, 31])
def test_first_working_day_costs_one_query_whatever_the_calendar(holidays, django_assert_num_queries):
    days = [date(2026, 10, 1) + timedelta(days=n) for n in range(holidays)]
    Holiday.objects.bulk_create(Holiday(date=day, name="holiday") for day in days)
    with django_assert_num_queries(1):
        day = services.first_working_day(2026, 10)
    # A month without a single working day (31 holidays) still gives a day within it.
    assert day == {0: date(2026, 10, 1), 7: date(2026, 10, 8), 31: date(2026, 10, 31)}[holidays]


@pytest.mark.django_db
def test_user_schedules_read_the_calendar_once_per_run(cast, django_assert_num_queries):
    for kind in ("risk_register", "program_status"):
        services.schedule_create(by=cast.manager, kind=kind, frequency="monthly", program=cast.program_a)
    Holiday.objects.create(date=date(2026, 10, 1), name="holiday")
    Holiday.objects.create(date=date(2026, 10, 10), kind="working_day", name="make-up Saturday")
    with django_assert_num_queries(2):  # the calendar, then the schedules (none due yet)
        assert services.run_schedules(today=date(2026, 10, 1)) == []


def _reads_of(ctx, table):
    return sum(1 for q in ctx.captured_queries if f'FROM "{table}"' in q["sql"])


@pytest.mark.django_db
@pytest.mark.parametrize("schedules", [2, 6])
def test_due_schedules_read_the_calendar_and_the_schedules_once(cast, schedules):
    """On a make-up Saturday that starts the month (Thursday 1 and Friday 2 off), the monthly and the
    weekly schedules are due: one read of the calendar and one of the schedules, however many."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Holiday.objects.bulk_create(
        [
            Holiday(date=date(2026, 10, 1), name="off"),
            Holiday(date=date(2026, 10, 2), name="off"),
            Holiday(date=date(2026, 10, 3), kind="working_day", name="make-up Saturday"),
        ]
    )
    for n in range(schedules):
        services.schedule_create(by=cast.manager, kind="risk_register", frequency=("monthly", "weekly")[n % 2])
    with CaptureQueriesContext(connection) as ctx:
        runs = services.run_schedules(today=date(2026, 10, 3))
    assert len(runs) == schedules
    assert _reads_of(ctx, "reports_holiday") == 1
    assert _reads_of(ctx, "reports_reportschedule") == 1


@pytest.fixture
def make_up_saturday(db):
    """Thursday 1 and Friday 2 October off, Saturday 3 October a make-up working day."""
    Holiday.objects.bulk_create(
        [
            Holiday(date=date(2026, 10, 1), name="off"),
            Holiday(date=date(2026, 10, 2), name="off"),
            Holiday(date=date(2026, 10, 3), kind="working_day", name="make-up Saturday"),
        ]
    )


def test_a_make_up_saturday_after_the_holidays_is_the_months_first_working_day(make_up_saturday):
    assert services.first_working_day(2026, 10) == date(2026, 10, 3)


@pytest.mark.django_db
def test_a_make_up_day_after_the_first_weekday_changes_nothing():
    Holiday.objects.create(date=date(2026, 8, 1), kind="working_day", name="make-up Saturday")  # a Saturday
    Holiday.objects.create(date=date(2026, 10, 10), kind="working_day", name="make-up Saturday")
    assert services.first_working_day(2026, 8) == date(2026, 8, 1)  # the month's first day is worked
    assert services.first_working_day(2026, 10) == date(2026, 10, 1)  # Thursday 1 comes first


def test_monthly_reports_go_out_on_the_make_up_saturday(cast, make_up_saturday):
    schedule = services.schedule_create(
        by=cast.manager, kind="program_status", frequency="monthly", program=cast.program_a
    )
    for day in (date(2026, 10, 1), date(2026, 10, 2)):
        assert services.monthly_finance_reports(today=day) == [], day
        assert services.run_schedules(today=day) == [], day
    assert [r.requested_by for r in services.monthly_finance_reports(today=date(2026, 10, 3))] == [cast.finance]
    assert [r.schedule_key for r in services.run_schedules(today=date(2026, 10, 3))] == [
        f"schedule:{schedule.pk}:2026-09"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("make_up", "runs_on"), [(True, date(2026, 10, 10)), (False, date(2026, 10, 9))])
def test_a_week_off_from_monday_to_friday_runs_on_its_make_up_saturday(cast, make_up, runs_on):
    """Monday 5 to Friday 9 October off: with Saturday 10 a make-up working day the weekly run goes
    out on the Saturday; without it, on the Friday (a run still happens within the week)."""
    Holiday.objects.bulk_create(Holiday(date=date(2026, 10, 5) + timedelta(days=n), name="off") for n in range(5))
    if make_up:
        Holiday.objects.create(date=date(2026, 10, 10), kind="working_day", name="make-up Saturday")
    schedule = services.schedule_create(by=cast.manager, kind="risk_register", frequency="weekly")
    day = date(2026, 10, 5)
    while day < runs_on:
        assert services.run_schedules(today=day) == [], day
        day += timedelta(days=1)
    runs = services.run_schedules(today=runs_on)
    assert [r.schedule_key for r in runs] == [f"schedule:{schedule.pk}:2026-W41"]
    assert services.run_schedules(today=date(2026, 10, 11))[0].pk == runs[0].pk  # Sunday: the same run
    assert ReportRequest.objects.filter(schedule=schedule).count() == 1


@pytest.mark.django_db
def test_a_make_up_working_day_falls_on_a_weekend(cast, client):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        Holiday(date=date(2026, 10, 9), kind="working_day", name="a Friday").full_clean()
    assert "date" in error.value.message_dict
    Holiday(date=date(2026, 10, 10), kind="working_day", name="a Saturday").full_clean()
    Holiday(date=date(2026, 10, 9), kind="day_off", name="a Friday off").full_clean()
    client.force_login(cast.admin)
    add = reverse("admin:reports_holiday_add")
    refused = client.post(add, {"date": "2026-10-09", "kind": "working_day", "name": "a Friday"})
    assert refused.status_code == 200 and not Holiday.objects.exists()
    assert client.post(add, {"date": "2026-10-10", "kind": "working_day", "name": "a Saturday"}).status_code == 302
    assert Holiday.objects.get().kind == "working_day"


@pytest.mark.django_db
def test_the_admin_shows_and_filters_the_kind(cast, client):
    Holiday.objects.create(date=date(2026, 10, 1), name="National Day off")
    Holiday.objects.create(date=date(2026, 10, 10), kind="working_day", name="Worked Saturday")
    client.force_login(cast.admin)
    changelist = reverse("admin:reports_holiday_changelist")
    page = client.get(changelist).content.decode()
    assert "National Day off" in page and "Worked Saturday" in page
    assert "Make-up working day" in page and "Saturday" in page  # the kind and the weekday columns
    only = client.get(changelist, {"kind__exact": "working_day"}).content.decode()
    assert "Worked Saturday" in only and "National Day off" not in only


@pytest.mark.django_db
def test_octobers_monthly_reports_go_out_on_8_october_and_not_before(cast, national_day):
    schedule = services.schedule_create(
        by=cast.manager, kind="program_status", frequency="monthly", program=cast.program_a
    )
    for day in NATIONAL_DAY:  # Thursday 1 to Wednesday 7 October: all holidays or a weekend
        assert services.monthly_finance_reports(today=day) == [], day
        assert services.monthly_manager_reports(today=day) == [], day
        assert services.run_schedules(today=day) == [], day
    assert not ReportRequest.objects.exists()
    for _ in range(2):  # 8 October, twice (the hourly job): one run per recipient
        finance = services.monthly_finance_reports(today=date(2026, 10, 8))
        managers = services.monthly_manager_reports(today=date(2026, 10, 8))
        runs = services.run_schedules(today=date(2026, 10, 8))
    assert [r.requested_by for r in finance] == [cast.finance]
    assert sorted(r.requested_by.username for r in managers) == ["manager", "outsider"]
    assert [r.schedule_key for r in runs] == [f"schedule:{schedule.pk}:2026-09"]
    assert sorted(ReportRequest.objects.values_list("schedule_key", flat=True)) == sorted(
        [
            "monthly-finance:2026-09",
            f"monthly-program-status:{cast.program_a.pk}:2026-09",
            f"monthly-program-status:{cast.program_b.pk}:2026-09",
            f"schedule:{schedule.pk}:2026-09",
        ]
    )
    services.monthly_finance_reports(today=date(2026, 10, 9))  # the day after: nothing new
    assert ReportRequest.objects.count() == 4


@pytest.mark.django_db
def test_without_holidays_octobers_reports_go_out_on_1_october(cast):
    assert [r.requested_by for r in services.monthly_finance_reports(today=date(2026, 10, 1))] == [cast.finance]


@pytest.mark.django_db
def test_demo_holidays_are_loaded_once_and_keep_an_administrators_edit():
    assert load_holidays() > 0
    count = Holiday.objects.count()
    Holiday.objects.filter(date=date(2026, 10, 1)).update(name="renamed by an administrator")
    assert load_holidays() == 0
    assert Holiday.objects.count() == count
    assert Holiday.objects.get(date=date(2026, 10, 1)).name == "renamed by an administrator"
    assert services.first_working_day(2026, 10) == date(2026, 10, 8)
    assert services.first_working_day(2027, 1) == date(2027, 1, 4)  # Friday 1 January 2027
    assert services.first_working_day(2027, 10) == date(2027, 10, 8)
    assert services.first_working_day(2026, 5) == date(2026, 5, 6)  # Labour Day 1-5 May
    assert services.first_working_day(2026, 1) == date(2026, 1, 4)  # Sunday 4 January 2026, worked (调休)


@pytest.mark.django_db
def test_demo_loads_the_make_up_working_days_of_2026():
    load_holidays()
    worked = set(Holiday.objects.filter(kind="working_day").values_list("date", flat=True))
    assert worked == {day for day, _name in MAKE_UP_DAYS}
    assert worked == {
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    }
    assert all(day.weekday() >= 5 for day in worked)
    for holiday in Holiday.objects.all():
        holiday.full_clean()  # every demo day is valid as an administrator would enter it


@pytest.mark.django_db
def test_a_holiday_an_administrator_deleted_does_not_come_back():
    load_holidays()
    Holiday.objects.filter(date__in=[date(2026, 10, 7), date(2026, 10, 10)]).delete()  # a day off, a make-up day
    assert load_holidays() == 0  # load_demo again
    assert not Holiday.objects.filter(date__in=[date(2026, 10, 7), date(2026, 10, 10)]).exists()
    assert Holiday.objects.filter(date=date(2026, 10, 6)).exists()


@pytest.mark.django_db
def test_the_demo_seeds_only_the_years_and_kinds_without_entries():
    """An administrator's own 2026 calendar is kept as it is; 2027, still empty, is seeded; and a
    2026 calendar with days off only (loaded before make-up days existed) gets its make-up days."""
    Holiday.objects.create(date=date(2026, 10, 1), name="our own National Day")
    created = load_holidays()
    days_off_2026 = Holiday.objects.filter(date__year=2026, kind="day_off")
    assert list(days_off_2026.values_list("date", "name")) == [(date(2026, 10, 1), "our own National Day")]
    assert Holiday.objects.filter(date__year=2026, kind="working_day").count() == 6
    assert Holiday.objects.filter(date__year=2027, kind="day_off").count() == 3 + 5 + 7
    assert created == 6 + 15
    assert services.first_working_day(2026, 10) == date(2026, 10, 2)  # only 1 October is off in this calendar


@pytest.mark.django_db
def test_administrators_keep_the_calendar_in_the_admin(cast, client):
    changelist = reverse("admin:reports_holiday_changelist")
    for user in (cast.manager, cast.finance):
        client.force_login(user)
        assert client.get(changelist).status_code == 302  # not staff: to the admin's login
        add = {"date": "2026-10-01", "kind": "day_off", "name": "x"}
        assert client.post(reverse("admin:reports_holiday_add"), add).status_code == 302
    client.force_login(cast.vendor_x_admin)
    assert client.get(changelist).status_code == 403
    assert not Holiday.objects.exists()
    client.force_login(cast.admin)
    assert client.get(changelist).status_code == 200
    response = client.post(
        reverse("admin:reports_holiday_add"), {"date": "2026-10-01", "kind": "day_off", "name": "国庆节 · National Day"}
    )
    assert response.status_code == 302
    holiday = Holiday.objects.get()
    assert services.first_working_day(2026, 10) == date(2026, 10, 2)
    assert LogEntry.objects.get_for_object(holiday).filter(actor=cast.admin).exists()  # in the history
    again = client.post(
        reverse("admin:reports_holiday_add"), {"date": "2026-10-01", "kind": "day_off", "name": "twice"}
    )
    assert again.status_code == 200 and Holiday.objects.count() == 1  # one row per date


@pytest.mark.django_db
def test_a_weekly_report_waits_for_the_weeks_first_working_day(cast, national_day):
    """The week of Monday 5 October 2026 starts with three days of National Day: its weekly run
    goes out on Thursday 8, once; the week before (Monday 28 September a working day) on Monday."""
    schedule = services.schedule_create(by=cast.manager, kind="risk_register", frequency="weekly")
    assert [r.schedule_key for r in services.run_schedules(today=date(2026, 9, 28))] == [
        f"schedule:{schedule.pk}:2026-W40"
    ]
    for day in (date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 7)):
        assert services.run_schedules(today=day) == [], day
    for _ in range(2):
        runs = services.run_schedules(today=date(2026, 10, 8))
    assert [r.schedule_key for r in runs] == [f"schedule:{schedule.pk}:2026-W41"]
    assert services.run_schedules(today=date(2026, 10, 9))[0].pk == runs[0].pk  # the same run, not a new one
    assert ReportRequest.objects.filter(schedule=schedule).count() == 2


@pytest.mark.django_db
def test_without_holidays_a_weekly_report_goes_out_on_monday(cast):
    schedule = services.schedule_create(by=cast.manager, kind="risk_register", frequency="weekly")
    assert [r.schedule_key for r in services.run_schedules(today=date(2026, 10, 5))] == [
        f"schedule:{schedule.pk}:2026-W41"
    ]
