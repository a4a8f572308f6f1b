"""API writes: a read-only status sent with a value of its own is refused with 400 naming it (not
silently ignored), and a method an endpoint does not offer is 405 with an Allow header (not 403)."""

from contracts.models import ChangeRequest
from tests.contracts.factories import ContractFactory


def _attrs(response):
    return [e["attr"] for e in response.json()["errors"]]


def test_patching_a_contract_status_is_refused_naming_the_field(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="draft")
    client.force_login(cast.manager)
    url = f"/api/v1/contracts/{contract.pk}/"
    response = client.patch(url, {"status": "signed"}, content_type="application/json")
    assert response.status_code == 400
    assert _attrs(response) == ["status"]
    contract.refresh_from_db()
    assert contract.status == "draft"
    both = client.patch(url, {"title": "New title", "status": "active"}, content_type="application/json")
    assert both.status_code == 400
    contract.refresh_from_db()
    assert contract.title != "New title"


def test_echoing_back_what_was_read_is_accepted(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="draft")
    client.force_login(cast.manager)
    url = f"/api/v1/contracts/{contract.pk}/"
    body = client.get(url).json()
    body["title"] = "Renamed"
    body["parent"] = None
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    contract.refresh_from_db()
    assert (contract.title, contract.status) == ("Renamed", "draft")


def test_raising_a_change_with_a_status_is_refused(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    client.force_login(cast.manager)
    response = client.post(
        "/api/v1/change-requests/",
        {"contract": contract.pk, "title": "x", "description": "d", "status": "approved"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert _attrs(response) == ["status"]
    assert not ChangeRequest.objects.exists()


def test_a_method_the_endpoint_does_not_offer_is_405_with_allow(cast, client):
    client.force_login(cast.manager)
    response = client.post("/api/v1/incidents/", {"title": "x"}, content_type="application/json")
    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    computed = client.post("/api/v1/credits/", {}, content_type="application/json")
    assert computed.status_code == 405 and "POST" not in computed["Allow"]
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    change = ChangeRequest.objects.create(contract=contract, title="t", description="d", raised_by=cast.manager)
    patched = client.patch(f"/api/v1/change-requests/{change.pk}/", {"title": "y"}, content_type="application/json")
    assert patched.status_code == 405 and "PATCH" not in patched["Allow"]


def test_a_method_the_endpoint_offers_is_still_refused_403_without_permission(cast, client):
    client.force_login(cast.viewer)
    response = client.post("/api/v1/contracts/", {}, content_type="application/json")
    assert response.status_code == 403


def test_anonymous_callers_still_get_401(client):
    assert client.post("/api/v1/incidents/", {}, content_type="application/json").status_code == 401
