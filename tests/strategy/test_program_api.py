"""/api/v1/programs/: scoped reads, scoped writes, drf-standardized-errors on every refusal."""

import json

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from rest_framework.test import APIClient

from bpo.accounts.models import ProgramMembership
from strategy.models import Program
from tests.factories import MembershipFactory, ProgramFactory


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _list():
    return reverse("program-list")


def _detail(program):
    return reverse("program-detail", args=[program.pk])


def _assert_error_shape(response, type_):
    body = response.json()
    assert body["type"] == type_
    assert isinstance(body["errors"], list) and body["errors"]
    for error in body["errors"]:
        assert set(error) == {"code", "detail", "attr"}
    return body["errors"]


@pytest.mark.parametrize(
    "role, expected",
    [
        ("manager", ["PA"]),
        ("contributor", ["PA"]),
        ("outsider", ["PB"]),
        ("finance", ["PA", "PB"]),
        ("legal", ["PA", "PB"]),
        ("executive", ["PA", "PB"]),
        ("admin", ["PA", "PB"]),
    ],
)
def test_program_list_api_returns_only_visible_programs(cast, role, expected):
    response = _api(getattr(cast, role)).get(_list())
    assert response.status_code == 200
    body = response.json()
    assert [p["code"] for p in body["results"]] == expected
    assert body["count"] == len(expected)


def test_program_of_another_programs_manager_is_404(cast):
    response = _api(cast.outsider).get(_detail(cast.program_a))
    assert response.status_code == 404
    _assert_error_shape(response, "client_error")
    # exactly like a program that does not exist
    missing = _api(cast.outsider).get(reverse("program-detail", args=[999999]))
    assert missing.status_code == 404 and missing.json() == response.json()


@pytest.mark.parametrize("role", ["outsider", "evaluator"])
def test_patch_of_another_programs_program_is_404_not_403(cast, role):
    # The outsider manages program B; program A's evaluator reads nothing of A but its events.
    response = _api(getattr(cast, role)).patch(_detail(cast.program_a), {"name": "Hijack"}, format="json")
    assert response.status_code == 404
    assert Program.objects.get(pk=cast.program_a.pk).name == "Program A"


@pytest.mark.parametrize("role", ["contributor", "viewer", "finance", "legal", "executive"])
def test_patch_by_a_reader_who_may_not_edit_is_403(cast, role):
    response = _api(getattr(cast, role)).patch(_detail(cast.program_a), {"name": "Changed"}, format="json")
    assert response.status_code == 403
    _assert_error_shape(response, "client_error")
    assert Program.objects.get(pk=cast.program_a.pk).name == "Program A"


def test_patch_by_the_manager_changes_the_program_and_records_history(cast):
    response = _api(cast.manager).patch(_detail(cast.program_a), {"name": "Renamed by API"}, format="json")
    assert response.status_code == 200
    assert response.json()["name"] == "Renamed by API"
    entry = LogEntry.objects.get_for_object(cast.program_a).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == cast.manager
    assert entry.changes_dict["name"] == ["Program A", "Renamed by API"]


def test_400_has_the_standardized_validation_error_shape(cast):
    response = _api(cast.manager).patch(
        _detail(cast.program_a), {"start_date": "2027-01-01", "end_date": "2026-01-01"}, format="json"
    )
    assert response.status_code == 400
    errors = _assert_error_shape(response, "validation_error")
    assert "end_date" in [e["attr"] for e in errors]
    program = Program.objects.get(pk=cast.program_a.pk)
    assert program.start_date is None and program.end_date is None


def test_400_for_a_bad_field_value_names_the_field(cast):
    response = _api(cast.manager).post(_list(), {"code": "bad code", "name": "X"}, format="json")
    assert response.status_code == 400
    errors = _assert_error_shape(response, "validation_error")
    assert [e["attr"] for e in errors] == ["code"]
    assert not Program.objects.filter(name="X").exists()


def test_400_for_an_invalid_filter(cast):
    response = _api(cast.manager).get(_list(), {"phase": "bogus"})
    assert response.status_code == 400
    errors = _assert_error_shape(response, "validation_error")
    assert errors[0]["attr"] == "phase" and errors[0]["code"] == "invalid_choice"


def test_malformed_json_is_a_standardized_400(cast):
    response = _api(cast.manager).generic("PATCH", _detail(cast.program_a), "{not json", "application/json")
    assert response.status_code == 400
    _assert_error_shape(response, "client_error")


def test_post_by_a_manager_creates_a_program_they_manage(cast):
    response = _api(cast.manager).post(_list(), {"code": "API-1", "name": "From the API"}, format="json")
    assert response.status_code == 201
    program = Program.objects.get(code="API-1")
    assert response.json()["id"] == program.pk
    assert ProgramMembership.objects.get(program=program, user=cast.manager).role == "manager"


@pytest.mark.parametrize("role", ["contributor", "finance", "executive"])
def test_post_by_someone_who_manages_nothing_is_403(cast, role):
    response = _api(getattr(cast, role)).post(_list(), {"code": "API-2", "name": "Refused"}, format="json")
    assert response.status_code == 403
    _assert_error_shape(response, "client_error")
    assert not Program.objects.filter(code="API-2").exists()


def test_status_is_read_only_in_the_api(cast):
    # Refused with 400 naming the field, not silently ignored (bpo.core.api.ScopedModelViewSet).
    response = _api(cast.manager).patch(_detail(cast.program_a), {"status": "approved"}, format="json")
    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["status"]
    assert Program.objects.get(pk=cast.program_a.pk).status == "draft"
    echoed = _api(cast.manager).patch(_detail(cast.program_a), {"status": "draft", "name": "Renamed"}, format="json")
    assert echoed.status_code == 200


def test_delete_is_not_offered(cast):
    response = _api(cast.admin).delete(_detail(cast.program_a))
    assert response.status_code == 405
    assert Program.objects.filter(pk=cast.program_a.pk).exists()


@pytest.mark.parametrize("role", ["vendor_x_admin", "vendor_x_user", "vendor_y_admin"])
def test_vendor_users_get_403_on_the_program_api(cast, role):
    client = _api(getattr(cast, role))
    response = client.get(_list())
    assert response.status_code == 403
    _assert_error_shape(response, "client_error")
    assert client.get(_detail(cast.program_a)).status_code == 403


def test_program_api_shares_the_list_pages_search_including_chinese(cast):
    program = ProgramFactory(code="CS-2026", name="客户服务外包")
    MembershipFactory(user=cast.manager, program=program, role="viewer")
    ProgramFactory(code="CS-2099", name="客户服务 (hidden)")
    response = _api(cast.manager).get(_list(), {"q": "客户服务"})
    assert [p["code"] for p in response.json()["results"]] == ["CS-2026"]


def test_program_api_pages_and_orders(cast):
    Program.objects.bulk_create(Program(code=f"PG-{i:02d}", name=f"P {i}") for i in range(30))
    client = _api(cast.finance)
    first = client.get(_list(), {"page_size": 10, "ordering": "-code"}).json()
    assert first["count"] == 32 and len(first["results"]) == 10 and first["next"]
    assert first["results"][0]["code"] == "PG-29"
    assert len(client.get(_list(), {"page_size": 1000}).json()["results"]) == 32  # capped at 200, all fit


def test_session_authenticated_write_needs_csrf(cast):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cast.manager)
    response = client.patch(_detail(cast.program_a), json.dumps({"name": "x"}), content_type="application/json")
    assert response.status_code == 403
    assert Program.objects.get(pk=cast.program_a.pk).name == "Program A"


def test_a_vendor_user_cannot_be_made_sponsor(cast):
    response = _api(cast.manager).patch(_detail(cast.program_a), {"sponsor": cast.vendor_x_user.pk}, format="json")
    assert response.status_code == 400
    assert [e["attr"] for e in _assert_error_shape(response, "validation_error")] == ["sponsor"]
    assert Program.objects.get(pk=cast.program_a.pk).sponsor is None
    ok = _api(cast.manager).patch(_detail(cast.program_a), {"sponsor": cast.executive.pk}, format="json")
    assert ok.status_code == 200 and ok.json()["sponsor"] == cast.executive.pk


def test_dates_out_of_order_and_savings_over_100_are_two_field_errors_not_a_500(cast):
    """The savings constraint's message had a bare '%', which broke Django's formatting of it."""
    response = _api(cast.manager).post(
        _list(),
        {"code": "BAD-1", "name": "x", "start_date": "2027-01-01", "end_date": "2026-01-01", "currency": "USD",
         "time_zone": "UTC", "baseline_cost": "1", "target_savings_pct": "150"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    attrs = {e["attr"] for e in _assert_error_shape(response, "validation_error")}
    assert "target_savings_pct" in attrs  # the field's own check (the API checks fields before the record)
    response = _api(cast.manager).post(
        _list(),
        {"code": "BAD-1", "name": "x", "start_date": "2027-01-01", "end_date": "2026-01-01", "currency": "USD",
         "time_zone": "UTC", "baseline_cost": "1", "target_savings_pct": "15"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert {e["attr"] for e in _assert_error_shape(response, "validation_error")} == {"end_date"}
    assert not Program.objects.filter(code="BAD-1").exists()


def test_an_unknown_time_zone_is_refused_by_the_api_as_by_the_page(cast):
    response = _api(cast.manager).post(
        _list(), {"code": "BAD-2", "name": "x", "currency": "USD", "time_zone": "Nope"}, format="json"
    )
    assert response.status_code == 400
    errors = _assert_error_shape(response, "validation_error")
    assert [e["attr"] for e in errors] == ["time_zone"] and "Unknown time zone" in errors[0]["detail"]
    assert not Program.objects.filter(code="BAD-2").exists()
    response = _api(cast.manager).patch(_detail(cast.program_a), {"time_zone": "Mars/Olympus"}, format="json")
    assert response.status_code == 400
    assert Program.objects.get(pk=cast.program_a.pk).time_zone != "Mars/Olympus"
