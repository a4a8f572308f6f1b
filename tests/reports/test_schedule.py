"""Finance's monthly report: on the first working day, once per finance user and month;
user schedules (monthly / weekly) run once per period; the beat entry exists."""

from datetime import date

import pytest

from bpo.core.models import Notification
from bpo.reports import services
from bpo.reports.models import ReportRequest, ReportSchedule

from .conftest import pdf_text


@pytest.mark.django_db  # the holiday calendar is read (none here: Monday to Friday; see test_holidays.py)
def test_first_working_day():
    assert services.first_working_day(2026, 11) == date(2026, 11, 2)  # 1 November 2026 is a Sunday
    assert services.first_working_day(
        2026,
        8,
    ) == date(2026, 8, 3)  # Saturday 1, Sunday 2
    assert services.first_working_day(2026, 10) == date(2026, 10, 1)


def test_beat_runs_the_scheduled_reports():
    from bpo.celery import app

    entry = app.conf.beat_schedule["scheduled-reports"]
    assert entry["task"] == "bpo.reports.tasks.run_scheduled_reports"


@pytest.mark.django_db(transaction=True)
def test_monthly_finance_report_exactly_once(cast, money):
    assert services.monthly_finance_reports(today=date(2026, 11, 1)) == []  # Sunday: not yet
    first = services.monthly_finance_reports(today=date(2026, 11, 2))
    again = services.monthly_finance_reports(today=date(2026, 11, 2))  # the job runs twice
    later = services.monthly_finance_reports(today=date(2026, 11, 3))  # and the next day
    assert [r.pk for r in first] == [r.pk for r in again] == [r.pk for r in later]
    reports = ReportRequest.objects.filter(schedule_key="monthly-finance:2026-10")
    assert [r.requested_by for r in reports] == [cast.finance]  # finance users only, one each
    report = reports.get()
    assert report.status == "done" and report.period_label == "2026-10"
    assert "INV-A-77" in pdf_text(report) and "INV-B-99" in pdf_text(report)
    notes = Notification.objects.filter(recipient=cast.finance, event_key=f"report:{report.pk}")
    assert notes.count() == 1
    # December's run is a new one.
    december = services.monthly_finance_reports(today=date(2026, 12, 1))
    assert december[0].pk != report.pk and december[0].schedule_key == "monthly-finance:2026-11"


@pytest.mark.django_db(transaction=True)
def test_managers_get_their_programs_status_once_a_month(cast):
    for _ in range(2):
        services.monthly_manager_reports(today=date(2026, 11, 2))
    rows = sorted(
        ReportRequest.objects.values_list("requested_by__username", "program__code", "schedule_key", "status")
    )
    pa, pb = cast.program_a.pk, cast.program_b.pk
    assert rows == [
        ("manager", "PA", f"monthly-program-status:{pa}:2026-10", "done"),
        ("outsider", "PB", f"monthly-program-status:{pb}:2026-10", "done"),
    ]


@pytest.mark.django_db(transaction=True)
def test_monthly_report_through_the_task(cast, money, monkeypatch):
    from bpo.reports import tasks

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 11, 2))
    tasks.run_scheduled_reports.delay()
    tasks.run_scheduled_reports.delay()
    assert ReportRequest.objects.filter(requested_by=cast.finance).count() == 1
    assert ReportRequest.objects.filter(requested_by=cast.manager, kind="program_status").count() == 1


@pytest.mark.django_db(transaction=True)
def test_user_schedules_run_once_per_period(cast, money):
    monthly = services.schedule_create(
        by=cast.manager, kind="program_status", frequency="monthly", program=cast.program_a
    )
    weekly = services.schedule_create(by=cast.manager, kind="risk_register", frequency="weekly")
    for _ in range(2):
        services.run_schedules(today=date(2026, 11, 4))  # a Wednesday after the first working day
    keys = list(ReportRequest.objects.filter(requested_by=cast.manager).values_list("schedule_key", flat=True))
    # Compared as a set: sorting the strings would depend on the primary keys' digits (9 vs 10).
    assert len(keys) == 2
    assert set(keys) == {f"schedule:{monthly.pk}:2026-10", f"schedule:{weekly.pk}:2026-W45"}
    services.run_schedules(today=date(2026, 11, 9))  # next Monday: a new weekly run only
    assert ReportRequest.objects.filter(requested_by=cast.manager).count() == 3


@pytest.mark.django_db
def test_a_schedule_refuses_what_the_user_cannot_see(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.schedule_create(by=cast.manager, kind="program_status", frequency="monthly", program=cast.program_b)
    assert not ReportSchedule.objects.exists()


@pytest.mark.django_db
def test_schedule_pages(cast, client):
    from django.urls import reverse

    client.force_login(cast.finance)
    response = client.post(
        reverse("reports:schedule_create"), {"kind": "finance", "frequency": "weekly", "fmt": "xlsx"}
    )
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get()
    assert (schedule.owner, schedule.fmt) == (cast.finance, "xlsx")
    client.force_login(cast.manager)
    assert client.post(reverse("reports:schedule_delete", args=[schedule.pk])).status_code == 404
    client.force_login(cast.finance)
    client.post(reverse("reports:schedule_delete", args=[schedule.pk]))
    assert not ReportSchedule.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_scheduled_report_notifies_its_recipient(cast):
    schedule = services.schedule_create(
        by=cast.manager, kind="program_status", frequency="monthly", program=cast.program_a
    )
    cast.manager.memberships.all().delete()  # lost access after scheduling: the run is skipped
    assert services.run_schedules(today=date(2026, 11, 2)) == []
    report = services.report_request(by=cast.viewer, kind="program_status", program=cast.program_a, schedule_key="k")
    report.refresh_from_db()
    assert report.status == "done" and schedule.pk
    cast.viewer.memberships.all().delete()
    ReportRequest.objects.filter(pk=report.pk).update(status="queued")
    services.generate(report.pk)
    assert Notification.objects.filter(recipient=cast.viewer, event_key=f"report-failed:{report.pk}").count() == 1


@pytest.mark.django_db(transaction=True)
def test_lost_tasks_are_queued_again(cast):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    with mock.patch("bpo.reports.services._queue"):
        report = services.report_request(by=cast.manager, kind="risk_register")
    assert services.requeue_stale() == []  # just asked: its task may still be on its way
    later = timezone.now() + timedelta(minutes=20)
    assert services.requeue_stale(now=later) == [report.pk]  # eager: generated now
    report.refresh_from_db()
    assert report.status == "done"
    assert services.requeue_stale(now=later) == []
