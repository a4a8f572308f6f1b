"""A status report's month lies between the program's start month (the contract's, for a vendor's
report) and the current month: a month outside is refused next to the month on the staff page and
in the portal, and with 400 on period through the API. The API takes the month as the page does
(YYYY-MM) or its first day (YYYY-MM-01); another day of the month is refused with its first day named."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from delivery.models import StatusReport
from delivery.status_report import status_report_create, suggested_period
from tests.contracts.factories import contract_of_a

pytestmark = pytest.mark.django_db

BEFORE_PROGRAM = "The program starts in 2026-01: report on that month or a later one."
BEFORE_CONTRACT = "The contract starts in 2026-01: report on that month or a later one."
AFTER = "Report on this month or an earlier one."


@pytest.fixture
def started(cast):
    cast.program_a.start_date = date(2026, 1, 15)
    cast.program_a.save()
    return cast


def _next_month():
    today = timezone.localdate()
    return date(today.year + today.month // 12, today.month % 12 + 1, 1).strftime("%Y-%m")


def test_the_service_refuses_a_month_before_the_program_or_the_contract_starts(started):
    cast = started
    contract = contract_of_a(cast)  # starts 2026-01-01
    today = date(2026, 3, 20)
    for period, kwargs, by, message in (
        (date(2020, 1, 1), {"program": cast.program_a}, cast.manager, BEFORE_PROGRAM),
        (date(2025, 12, 1), {"contract": contract}, cast.vendor_x_user, BEFORE_CONTRACT),
    ):
        with pytest.raises(ValidationError) as exc:
            status_report_create(period=period, by=by, today=today, **kwargs)
        assert exc.value.message_dict == {"period": [message]}
    assert not StatusReport.objects.exists()
    report = status_report_create(program=cast.program_a, period=date(2026, 1, 1), by=cast.manager, today=today)
    assert report.period == date(2026, 1, 1)


def test_no_month_is_offered_before_the_program_starts(started):
    cast = started
    assert suggested_period(program=cast.program_a, today=date(2025, 11, 5)) is None
    assert suggested_period(program=cast.program_a, today=date(2026, 1, 5)) == date(2026, 1, 1)


def test_the_staff_page_refuses_a_month_out_of_range_next_to_the_month(started, client):
    cast = started
    client.force_login(cast.manager)
    url = reverse("delivery:status_report_create", args=[cast.program_a.pk])
    for period, message in (("2020-01", BEFORE_PROGRAM), (_next_month(), AFTER)):
        response = client.post(url, {"period": period})
        page = response.content.decode()
        assert response.status_code == 200 and message in page and f'value="{period}"' in page
    assert not StatusReport.objects.exists()
    assert client.post(url, {"period": "2026-01"}).status_code == 302


def test_the_portal_refuses_a_month_before_the_contract_starts(started, client):
    cast = started
    contract = contract_of_a(cast)
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:status_reports")
    for period, message in (("2025-12", BEFORE_CONTRACT), (_next_month(), AFTER)):
        page = client.post(url, {"contract": contract.pk, "period": period}).content.decode()
        assert message in page and f'value="{period}"' in page
    assert not StatusReport.objects.exists()
    assert client.post(url, {"contract": contract.pk, "period": "2026-01"}).status_code == 302


def test_the_refusal_is_in_chinese(started, client):
    cast = started
    cast.manager.language = "zh-hans"
    cast.manager.save()
    client.force_login(cast.manager)
    url = reverse("delivery:status_report_create", args=[cast.program_a.pk])
    page = client.post(url, {"period": "2020-01"}).content.decode()
    assert "项目从 2026-01 开始" in page and BEFORE_PROGRAM not in page


def _post(api, cast, period):
    return api.post("/api/v1/status-reports/", {"program": cast.program_a.pk, "period": period}, format="json")


def test_the_api_takes_a_month_or_its_first_day_within_the_program(started):
    cast = started
    api = APIClient()
    api.force_authenticate(cast.manager)
    for period, message in (
        ("2019-06-01", BEFORE_PROGRAM),
        ("2019-06", BEFORE_PROGRAM),
        (_next_month(), AFTER),
        ("2026-02-15", "Give the month as YYYY-MM or its first day (2026-02-01), not another day of it."),
        ("2026/02", "Give the month as YYYY-MM (or its first day, YYYY-MM-01)."),
        ("2026-13", "Give the month as YYYY-MM (or its first day, YYYY-MM-01)."),
    ):
        response = _post(api, cast, period)
        assert response.status_code == 400, (period, response.content[:300])
        error = response.json()["errors"][0]
        assert error["attr"] == "period" and error["detail"] == message, period
    assert not StatusReport.objects.exists()
    created = _post(api, cast, "2026-01")
    assert created.status_code == 201 and created.json()["period"] == "2026-01-01"
    assert _post(api, cast, "2026-02-01").status_code == 201
    assert sorted(StatusReport.objects.values_list("period", flat=True)) == [date(2026, 1, 1), date(2026, 2, 1)]


def test_the_api_schema_documents_the_month(client, cast):
    client.force_login(cast.admin)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    period = schema["components"]["schemas"]["StatusReportCreate"]["properties"]["period"]
    assert period["type"] == "string" and period["pattern"] == r"^\d{4}-\d{2}(-01)?$"
    assert "YYYY-MM" in period["description"]
