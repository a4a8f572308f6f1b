"""Program dates are refused outside 2000-01-01..2099-12-31 (bpo.core.dates, the range the reports
use), next to the field on the staff form and 400 on the field in the API; 0001-01-01 and
9999-12-31 were accepted and fed the month loops thousands of years."""

import pytest
from django.urls import reverse

from bpo.core.dates import FIRST_DATE, LAST_DATE
from strategy.models import Program

from .test_program_pages import _field_block, _form

MESSAGE = "Enter a date from 2000-01-01 to 2099-12-31."


def test_the_range_is_the_reports_range():
    from bpo.reports.services import FIRST_MONTH, LAST_MONTH

    assert (FIRST_MONTH, LAST_MONTH) == (FIRST_DATE, LAST_DATE.replace(day=1))


@pytest.mark.parametrize(
    "start, end, fields",
    [
        ("0001-01-01", "0001-01-01", ["start_date", "end_date"]),
        ("1999-12-31", "2027-12-31", ["start_date"]),
        ("2027-01-01", "2100-01-01", ["end_date"]),
    ],
)
def test_the_form_refuses_a_date_out_of_range_next_to_the_field(cast, client, start, end, fields):
    client.force_login(cast.manager)
    response = client.post(reverse("strategy:program_create"), _form(start_date=start, end_date=end))
    assert response.status_code == 200
    assert not Program.objects.filter(code="CS-2027").exists()
    html = response.content.decode()
    for field in ("start_date", "end_date"):
        block = _field_block(html, field)
        assert (MESSAGE in block) == (field in fields), field
    assert f'value="{start}"' in _field_block(html, "start_date")


def test_the_form_accepts_the_first_and_last_day(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("strategy:program_create"), _form(start_date="2000-01-01", end_date="2099-12-31"))
    assert response.status_code == 302, response.content


def test_the_api_answers_400_on_each_field(cast, client):
    client.force_login(cast.manager)
    payload = {
        "code": "EDGE-2",
        "name": "x",
        "currency": "USD",
        "start_date": "0001-01-01",
        "end_date": "9999-12-31",
    }
    response = client.post("/api/v1/programs/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert sorted(e["attr"] for e in errors) == ["end_date", "start_date"]
    assert {e["detail"] for e in errors} == {MESSAGE}
    assert not Program.objects.filter(code="EDGE-2").exists()
    payload.update(start_date="2026-01-01", end_date="2026-12-31")
    assert client.post("/api/v1/programs/", payload, content_type="application/json").status_code == 201


def test_the_api_refuses_a_change_to_an_out_of_range_date(cast, client):
    client.force_login(cast.manager)
    response = client.patch(
        f"/api/v1/programs/{cast.program_a.pk}/", {"end_date": "9999-12-31"}, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert [e["attr"] for e in response.json()["errors"]] == ["end_date"]
