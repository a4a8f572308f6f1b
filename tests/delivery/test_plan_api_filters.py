"""/api/v1/transition-items/ and /api/v1/work-packages/ filter by program as the other delivery
endpoints do (its id or code among the programs the caller reads; another value is a 400), and
the schema lists the filter. A status report's program, contract and period are set when it is
drafted: read-only in the schema, and a PATCH sending another value is refused on the field."""

import datetime

import pytest
from rest_framework.test import APIClient

from delivery.status_report import status_report_create

from .plan_factories import item, package

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(cast):
    client = APIClient()
    client.force_authenticate(cast.manager)
    return client


@pytest.mark.parametrize("route", ["transition-items", "work-packages"])
def test_a_bad_program_is_a_400_and_a_good_one_filters(cast, api, route):
    item(cast.program_a, "Run books handed over")
    package(cast.program_a)
    assert api.get(f"/api/v1/{route}/?program=abc").status_code == 400
    rows = api.get(f"/api/v1/{route}/?program={cast.program_a.pk}").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert len(rows) == 1 and rows[0]["program"] == cast.program_a.pk
    assert api.get(f"/api/v1/{route}/?program={cast.program_b.pk}").status_code == 400  # not read by the caller


def test_the_schema_lists_the_filters_and_the_read_only_report_fields(client, cast):
    client.force_login(cast.admin)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/v1/transition-items/", "/api/v1/work-packages/"):
        assert "program" in [p["name"] for p in schema["paths"][path]["get"].get("parameters", [])], path
    names = [n for n in schema["components"]["schemas"] if n.startswith("PatchedStatusReport")]
    props = schema["components"]["schemas"][names[0]]["properties"]
    assert all(props[name].get("readOnly") for name in ("program", "period", "contract"))


def test_a_patch_of_the_period_or_program_is_refused_on_the_field(cast, api):
    report = status_report_create(program=cast.program_a, period=datetime.date(2026, 1, 1), by=cast.manager)
    response = api.patch(f"/api/v1/status-reports/{report.pk}/", {"period": "2026-02-01"}, format="json")
    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["period"]
    report.refresh_from_db()
    assert (report.program, str(report.period)) == (cast.program_a, "2026-01-01")
    assert api.patch(f"/api/v1/status-reports/{report.pk}/", {"narrative": "ok"}, format="json").status_code == 200
