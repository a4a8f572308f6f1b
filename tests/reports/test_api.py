"""The reports API: ask, follow, download; scoped to the requester; staff only."""

import pytest
from rest_framework.test import APIClient

from .conftest import pdf_text


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db(transaction=True)
def test_ask_follow_and_download_through_the_api(cast, money, api):
    api.force_authenticate(cast.manager)
    response = api.post(
        "/api/v1/reports/",
        {"kind": "finance", "period_start": "2026-10-15", "language": "en"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "done" and body["period_start"] == "2026-10-01"
    assert body["download_url"] == f"/api/v1/reports/{body['id']}/download/"
    download = api.get(body["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    from bpo.reports.models import ReportRequest

    text = pdf_text(ReportRequest.objects.get(pk=body["id"]))
    assert "INV-A-77" in text and "INV-B-99" not in text
    listed = api.get("/api/v1/reports/").json()
    assert [r["id"] for r in listed["results"]] == [body["id"]]
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
