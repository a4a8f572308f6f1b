"""The reports API: ask, follow, download; scoped to the requester; staff only."""

import pytest
from rest_framework.test import APIClient

from .conftest import pdf_text


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db(transaction=True)
def test_ask_follow_and_download_through_the_api(cast, money, api, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "bpo.example.com"]
    api.force_authenticate(cast.manager)
    response = api.post(
        "/api/v1/reports/",
        {"kind": "finance", "period_start": "2026-10-15", "language": "en"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "done" and body["period_start"] == "2026-10-01"
    # An absolute address (scheme and host of the request), on creation as when read again.
    assert body["download_url"] == f"http://testserver/api/v1/reports/{body['id']}/download/"
    assert api.get(f"/api/v1/reports/{body['id']}/").json()["download_url"] == body["download_url"]
    download = api.get(body["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    from bpo.reports.models import ReportRequest

    text = pdf_text(ReportRequest.objects.get(pk=body["id"]))
    assert "INV-A-77" in text and "INV-B-99" not in text
    listed = api.get("/api/v1/reports/", HTTP_HOST="bpo.example.com").json()
    assert [(r["id"], r["download_url"]) for r in listed["results"]] == [
        (body["id"], f"http://bpo.example.com/api/v1/reports/{body['id']}/download/")
    ]
    # Someone else's report is not there for them.
    api.force_authenticate(cast.finance)
    assert api.get(f"/api/v1/reports/{body['id']}/").status_code == 404
    assert api.get(body["download_url"]).status_code == 404


@pytest.mark.django_db
def test_the_api_refuses_what_the_user_cannot_see(cast, api):
    api.force_authenticate(cast.manager)
    response = api.post("/api/v1/reports/", {"kind": "program_status", "program": cast.program_b.pk}, format="json")
    assert response.status_code == 400
    api.force_authenticate(cast.vendor_x_admin)
    response = api.post("/api/v1/reports/", {"kind": "risk_register"}, format="json")
    assert response.status_code == 403


@pytest.mark.django_db
def test_download_url_is_an_absolute_uri_in_the_schema_and_a_path_without_a_request(cast):
    from drf_spectacular.generators import SchemaGenerator

    from bpo.reports.api.serializers import ReportSerializer
    from bpo.reports.models import ReportRequest

    schema = SchemaGenerator().get_schema(request=None, public=True)
    prop = schema["components"]["schemas"]["Report"]["properties"]["download_url"]
    assert (prop["type"], prop["format"], prop["nullable"], prop["readOnly"]) == ("string", "uri", True, True)
    # Outside a request (a task, a notification) there is no host to name: the path.
    report = ReportRequest(pk=7, kind="finance", status="done", requested_by=cast.finance)
    assert ReportSerializer(report).data["download_url"] == "/api/v1/reports/7/download/"
    report.status = "running"
    assert ReportSerializer(report).data["download_url"] is None


def _errors(response) -> dict:
    """{field: [messages]} of a 400 (the API's error body lists them)."""
    out = {}
    for error in response.json()["errors"]:
        out.setdefault(error["attr"], []).append(error["detail"])
    return out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        ("1900-01-01", "2026-10-01", "period_start", "Enter a month from 2000-01 to 2099-12."),
        ("2026-01-01", "9999-12-01", "period_end", "Enter a month from 2000-01 to 2099-12."),
        ("2020-01-01", "2023-01-01", "period_end", "A report covers at most 36 months; this asks for 37."),
        ("2026-10-01", "2026-09-01", "period_end", "The last month cannot be before the first."),
    ],
)
def test_the_months_of_a_report_are_bounded(cast, api, start, end, field, message):
    """A finance report over 1900-01..2999-12 held the only worker for over a minute; 9999-12 failed
    with "year 10000 is out of range". Both are refused before anything is queued."""
    from bpo.reports.models import ReportRequest

    api.force_authenticate(cast.manager)
    response = api.post(
        "/api/v1/reports/", {"kind": "finance", "period_start": start, "period_end": end}, format="json"
    )
    assert response.status_code == 400
    assert _errors(response) == {field: [message]}
    assert not ReportRequest.objects.exists()


@pytest.mark.django_db
def test_thirty_six_months_are_accepted(cast, api, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # queued, not generated here
    api.force_authenticate(cast.manager)
    response = api.post(
        "/api/v1/reports/", {"kind": "finance", "period_start": "2024-01-01", "period_end": "2026-12-01"}, format="json"
    )
    assert response.status_code == 201, response.json()


@pytest.mark.django_db
def test_the_form_shows_the_month_errors_next_to_the_fields(cast, client):
    client.force_login(cast.manager)
    response = client.post(
        "/reports/new/", {"kind": "finance", "period_start": "2020-01", "period_end": "2026-12", "fmt": "pdf"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == ["A report covers at most 36 months; this asks for 84."]


@pytest.mark.django_db
def test_a_missing_record_gets_the_same_answer_as_one_not_visible(cast, api):
    """An unknown id answered "Not found." and another program's "You cannot see this record.":
    the difference told which ids exist."""
    api.force_authenticate(cast.manager)
    hidden = api.post("/api/v1/reports/", {"kind": "finance", "program": cast.program_b.pk}, format="json")
    missing = api.post("/api/v1/reports/", {"kind": "finance", "program": 987654}, format="json")
    assert hidden.status_code == missing.status_code == 400
    assert _errors(hidden) == _errors(missing) == {"program": ["You cannot see this record."]}


@pytest.mark.django_db
def test_a_scope_the_report_does_not_read_is_refused(cast, api):
    """A risk register asked for one contract or vendor covered the whole program, silently."""
    from bpo.reports.models import ReportRequest

    api.force_authenticate(cast.manager)
    response = api.post(
        "/api/v1/reports/",
        {"kind": "risk_register", "contract": 1, "vendor": 1},
        format="json",
    )
    assert response.status_code == 400
    assert _errors(response) == {
        "contract": ["This report is not about one; leave it out."],
        "vendor": ["This report is not about one; leave it out."],
    }
    assert not ReportRequest.objects.exists()
