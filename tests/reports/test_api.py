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
