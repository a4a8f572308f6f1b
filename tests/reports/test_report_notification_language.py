"""A report's notifications name its kind and scope in the recipient's language, not the
worker's (user test 2026-11-28: a Chinese finance user read "您的报告已生成：SLA results" and
"All I can see"); the e-mail is sent from the same text."""

import pytest
from django.core import mail
from django.utils import translation

from bpo.core.models import Notification
from bpo.reports import services
from bpo.reports.models import ReportRequest


def _chinese(user):
    user.language = "zh-hans"
    user.save(update_fields=["language"])
    return user


@pytest.mark.django_db
def test_report_ready_names_kind_and_scope_in_the_recipients_language(cast):
    finance = _chinese(cast.finance)
    report = ReportRequest.objects.create(kind="sla_results", fmt="pdf", requested_by=finance, language="zh-hans")
    with translation.override("en"):  # the worker's language
        services.generate(report.pk)
    report.refresh_from_db()
    assert report.status == "done", report.error
    note = Notification.objects.get(recipient=finance, event_key=f"report:{report.pk}")
    assert note.title == "您的报告已生成：SLA 结果"
    assert note.body == "我可查看的全部"


@pytest.mark.django_db
def test_report_ready_keeps_the_program_and_period(cast):
    manager = _chinese(cast.manager)
    report = ReportRequest.objects.create(
        kind="program_status", fmt="pdf", requested_by=manager, language="en", program=cast.program_a
    )
    with translation.override("en"):
        services.generate(report.pk)
    note = Notification.objects.get(recipient=manager, event_key=f"report:{report.pk}")
    assert note.title == "您的报告已生成：项目状态" and note.body == str(cast.program_a)


@pytest.mark.django_db
def test_a_failed_scheduled_report_is_told_in_the_recipients_language(cast, django_capture_on_commit_callbacks):
    viewer = _chinese(cast.viewer)
    viewer.email = viewer.email or "viewer@example.com"
    viewer.save(update_fields=["email"])
    report = ReportRequest.objects.create(
        kind="program_status",
        fmt="pdf",
        requested_by=viewer,
        language="zh-hans",
        program=cast.program_a,
        schedule_key="monthly:test",
    )
    viewer.memberships.all().delete()  # the scope is gone: the run fails
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.generate(report.pk)
    report.refresh_from_db()
    assert report.status == "failed" and report.error == "您已无权查看此报告的对象。"
    note = Notification.objects.get(recipient=viewer, event_key=f"report-failed:{report.pk}")
    assert note.title == "您的定时报告生成失败：项目状态"
    assert note.body == "您已无权查看此报告的对象。"
    sent = [m for m in mail.outbox if m.to == [viewer.email]]
    assert sent and all("All I can see" not in m.body and "Program status" not in m.subject for m in sent)
