"""My reports names each report's language, and a finance report asked for without months
records the month it covers (this month), so the list does not say "–" while the PDF says
2026-11."""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from bpo.reports import services
from bpo.reports.models import ReportRequest


@pytest.mark.django_db
def test_the_list_names_each_reports_language(cast, client):
    with mock.patch("bpo.reports.services._queue"):
        services.report_request(by=cast.finance, kind="finance", language="en")
        services.report_request(by=cast.finance, kind="finance", language="zh-hans")
    client.force_login(cast.finance)
    html = client.get(reverse("reports:list")).content.decode()
    assert '<td lang="en">English</td>' in html
    assert '<td lang="zh-hans">Simplified Chinese</td>' in html


@pytest.mark.django_db
def test_a_finance_report_without_months_records_this_month(cast, client):
    with mock.patch("bpo.reports.services._queue"):
        report = services.report_request(by=cast.finance, kind="finance")
    month = timezone.localdate().replace(day=1)
    assert (report.period_start, report.period_end) == (month, month)
    client.force_login(cast.finance)
    html = client.get(reverse("reports:list")).content.decode()
    assert f"<td>{month:%Y-%m}</td>" in html


@pytest.mark.django_db
def test_other_kinds_keep_their_own_default(cast):
    with mock.patch("bpo.reports.services._queue"):
        report = services.report_request(by=cast.manager, kind="risk_register")
    assert ReportRequest.objects.get(pk=report.pk).period_start is None
