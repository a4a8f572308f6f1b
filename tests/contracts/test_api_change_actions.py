"""A change request is assessed, decided and a waiting amendment withdrawn through the API
(`/api/v1/change-requests/<id>/assess/`, `decide/`, `withdraw/`), by the same services and with the
same checks as on its page: only the program's managers (403 for another reader, 404 for one who
does not read it), a refused step is a 400 in the API's error shape, If-Match is honoured (409).
Before, the API only raised and read change requests."""

import json
import re
import shlex
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from contracts import services
from contracts.models import ChangeRequest, ContractVersion
from contracts.services.lifecycle import add_months

from .factories import ContractFactory

D = Decimal
LONG = "x" * 2001


def _contract(cast, today):
    """Active since the first day of the month three months ago, for two more years; v1 at signature."""
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        title="Customer service",
        status="active",
        start_date=add_months(today.replace(day=1), -3),
        end_date=add_months(today.replace(day=1), 24),
    )
    services.contracts.record_version(contract, cast.manager)
    return contract


def _raised(cast, contract, terms=None):
    return services.change_request_create(
        contract=contract,
        by=cast.contributor,
        title="Weekend cover",
        description="Sat/Sun",
        proposed_terms=terms or {"monthly_fee": "120000"},
    )


def _assessed(cast, contract, terms=None):
    return services.change_request_assess(change=_raised(cast, contract, terms), by=cast.manager)


def _url(change, step):
    return reverse(f"change-request-{step}", args=[change.pk])


def _post(client, change, step, body, **headers):
    return client.post(_url(change, step), body, content_type="application/json", **headers)


def _errors(response):
    body = response.json()
    assert body["type"] in ("validation_error", "client_error"), body
    return [(e["attr"], e["detail"]) for e in body["errors"]]


def test_a_manager_assesses_the_impact(cast, client, signed):
    change = _raised(cast, signed)
    client.force_login(cast.manager)
    response = _post(
        client,
        change,
        "assess",
        {"cost_impact": "20000.50", "schedule_impact_days": 5, "scope_impact": "Two more agents at weekends"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["status"], body["cost_impact"], body["schedule_impact_days"]) == (
        change.pk,
        "assessed",
        "20000.50",
        5,
    )
    change.refresh_from_db()
    assert (change.status, change.cost_impact, change.scope_impact) == (
        "assessed",
        D("20000.50"),
        "Two more agents at weekends",
    )
    assert response["ETag"] == client.get(reverse("change-request-detail", args=[change.pk]))["ETag"]


def test_assessing_sets_keeps_or_clears_the_effective_date_as_the_service_does(cast, client, signed, today):
    change = _raised(cast, signed)
    client.force_login(cast.manager)
    later = today + timedelta(days=10)
    assert _post(client, change, "assess", {"effective_date": later.isoformat()}).json()["effective_date"] == (
        later.isoformat()
    )
    # Left out: kept. Null: cleared (the approval then defaults to its own day).
    assert _post(client, change, "assess", {"cost_impact": "1.00"}).json()["effective_date"] == later.isoformat()
    assert _post(client, change, "assess", {"effective_date": None}).json()["effective_date"] is None


def test_approving_records_the_amendment_exactly_as_the_page_does(cast, client, today):
    on_page, on_api = _contract(cast, today), _contract(cast, today)
    by_page, by_api = _assessed(cast, on_page), _assessed(cast, on_api)
    client.force_login(cast.manager)
    page = client.post(
        reverse("contracts:change_detail", args=[by_page.pk]), {"approve": "1", "effective_date": "", "comments": ""}
    )
    assert page.status_code == 302
    response = _post(client, by_api, "decide", {"approve": True})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"
    assert response.json()["effective_date"] == today.isoformat()

    def outcome(contract, change):
        contract.refresh_from_db()
        change.refresh_from_db()
        version = ContractVersion.objects.get(contract=contract, number=2)
        return {
            "contract": (contract.terms_version, contract.monthly_fee),
            "change": (change.status, change.effective_date, change.decided_by_id),
            "version": (
                version.change_request_id == change.pk,
                version.reason,
                version.effective_from,
                version.applied_at is not None,
                version.created_by_id,
                version.terms,
            ),
        }

    assert outcome(on_api, by_api) == outcome(on_page, by_page)
    assert outcome(on_api, by_api)["contract"] == (2, D("120000.00"))


def test_approving_with_a_later_date_leaves_the_amendment_waiting(cast, client, signed, today):
    change = _assessed(cast, signed)
    day = today + timedelta(days=20)
    client.force_login(cast.manager)
    response = _post(client, change, "decide", {"approve": True, "effective_date": day.isoformat()})
    assert response.status_code == 200, response.content
    signed.refresh_from_db()
    waiting = services.pending_amendment(signed)
    assert (waiting.number, waiting.effective_from, waiting.change_request_id) == (2, day, change.pk)
    assert signed.monthly_fee == D("100000.00")  # written on the day by the daily job


def test_a_rejection_records_the_reasons(cast, client, signed):
    change = _assessed(cast, signed)
    client.force_login(cast.manager)
    refused = _post(client, change, "decide", {"approve": False})
    assert refused.status_code == 400
    assert _errors(refused) == [("decision_comments", "Give the reasons for the rejection.")]
    response = _post(client, change, "decide", {"approve": False, "decision_comments": "Too costly this year"})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["decision_comments"]) == ("rejected", "Too costly this year")
    signed.refresh_from_db()
    assert (signed.terms_version, signed.versions.count()) == (1, 1)


def test_a_waiting_amendment_is_withdrawn(cast, client, signed, today):
    wrong = today + timedelta(days=40)
    change = services.change_request_decide(
        change=_assessed(cast, signed), by=cast.manager, approve=True, effective_date=wrong
    )
    client.force_login(cast.manager)
    refused = _post(client, change, "withdraw", {})
    assert refused.status_code == 400
    assert _errors(refused) == [("reason", "Say why the amendment is withdrawn.")]
    response = _post(client, change, "withdraw", {"reason": "Wrong date: the parties agreed next month"})
    assert response.status_code == 200, response.content
    body = response.json()  # withdrawn, its reason and date as data (test_change_terms_withdrawn.py)
    assert (body["status"], body["decision_comments"], body["effective_date"]) == (
        "withdrawn",
        "Wrong date: the parties agreed next month",
        wrong.isoformat(),
    )
    signed.refresh_from_db()
    assert (signed.terms_version, signed.versions.count(), services.pending_amendment(signed)) == (1, 1, None)
    # Another change may now be approved (refused while the first one waited).
    other = _assessed(cast, signed, {"at_risk_pct": "12"})
    assert _post(client, other, "decide", {"approve": True}).status_code == 200


def test_a_step_in_the_wrong_state_is_refused_with_the_reason(cast, client, signed, today):
    client.force_login(cast.manager)
    submitted = _raised(cast, signed)
    response = _post(client, submitted, "decide", {"approve": True})
    assert (response.status_code, _errors(response)) == (400, [(None, "Assess the impact before deciding.")])
    assert ChangeRequest.objects.get(pk=submitted.pk).status == "submitted"
    rejected = services.change_request_decide(
        change=_assessed(cast, signed), by=cast.manager, approve=False, comments="No"
    )
    response = _post(client, rejected, "assess", {"cost_impact": "5.00"})
    assert (response.status_code, _errors(response)) == (400, [(None, "This change request is already decided.")])
    response = _post(client, rejected, "withdraw", {"reason": "Changed our minds"})
    assert (response.status_code, _errors(response)) == (
        400,
        [(None, "Only an approved amendment still waiting for its day can be withdrawn.")],
    )
    # An effective date in a closed month: next to the field, as on the page.
    closed = today.replace(day=1) - timedelta(days=1)
    response = _post(client, submitted, "assess", {"effective_date": closed.isoformat()})
    assert response.status_code == 400
    assert [attr for attr, _detail in _errors(response)] == ["effective_date"]
    # A body the serializer refuses.
    response = _post(client, _assessed(cast, signed), "decide", {"approve": "perhaps"})
    assert response.status_code == 400 and [a for a, _d in _errors(response)] == ["approve"]


def test_reasons_longer_than_2000_characters_are_refused(cast, client, signed, today):
    client.force_login(cast.manager)
    change = _assessed(cast, signed)
    response = _post(client, change, "decide", {"approve": False, "decision_comments": LONG})
    assert response.status_code == 400
    [(attr, detail)] = _errors(response)
    assert attr == "decision_comments" and "2001" in detail
    assert ChangeRequest.objects.get(pk=change.pk).status == "assessed"
    waiting = services.change_request_decide(
        change=change, by=cast.manager, approve=True, effective_date=today + timedelta(days=30)
    )
    response = _post(client, waiting, "withdraw", {"reason": LONG})
    assert response.status_code == 400
    [(attr, detail)] = _errors(response)
    assert attr == "reason" and "2001" in detail
    assert services.pending_amendment(signed).change_request_id == waiting.pk


@pytest.mark.parametrize("role", ["contributor", "viewer", "finance", "legal", "executive", "vendor_x_admin"])
@pytest.mark.parametrize(
    ("step", "body"),
    [("assess", {"cost_impact": "1.00"}), ("decide", {"approve": True}), ("withdraw", {"reason": "x"})],
)
def test_a_reader_who_does_not_manage_the_contract_gets_403(cast, client, signed, role, step, body):
    change = _assessed(cast, signed)
    client.force_login(getattr(cast, role))
    response = _post(client, change, step, body)
    assert response.status_code == 403
    assert response.json()["type"] == "client_error"
    stored = ChangeRequest.objects.get(pk=change.pk)
    assert (stored.status, stored.cost_impact) == ("assessed", None)


@pytest.mark.parametrize("role", ["outsider", "evaluator", "vendor_y_admin"])
@pytest.mark.parametrize("step", ["assess", "decide", "withdraw"])
def test_another_programs_manager_gets_404(cast, client, signed, role, step):
    change = _assessed(cast, signed)
    client.force_login(getattr(cast, role))
    assert _post(client, change, step, {"approve": True, "reason": "x"}).status_code == 404
    assert ChangeRequest.objects.get(pk=change.pk).status == "assessed"


def test_a_stale_if_match_is_409_and_nothing_is_decided(cast, client, signed):
    change = _assessed(cast, signed)
    client.force_login(cast.manager)
    read = client.get(reverse("change-request-detail", args=[change.pk]))["ETag"]
    assessed = _post(client, change, "assess", {"cost_impact": "300.00"}, HTTP_IF_MATCH=read)
    assert assessed.status_code == 200
    stale = _post(client, change, "decide", {"approve": True}, HTTP_IF_MATCH=read)
    assert stale.status_code == 409 and stale.json()["errors"][0]["code"] == "conflict"
    assert ChangeRequest.objects.get(pk=change.pk).status == "assessed"
    fresh = _post(client, change, "decide", {"approve": True}, HTTP_IF_MATCH=assessed["ETag"])
    assert fresh.status_code == 200 and fresh.json()["status"] == "approved"


def test_the_schema_documents_the_steps(client, cast):
    schema = client.get(reverse("schema"), {"format": "json"}).json()
    for step, body in (
        ("assess", "ChangeAssess"),
        ("decide", "ChangeDecision"),
        ("withdraw", "AmendmentWithdraw"),
    ):
        operation = schema["paths"][f"/api/v1/change-requests/{{id}}/{step}/"]["post"]
        assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(body)
        assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("ChangeRequest")
        assert "If-Match" in {p["name"] for p in operation["parameters"]}
        assert "ETag" in operation["responses"]["200"]["headers"]
        assert {"400", "403", "404", "409"} <= set(operation["responses"])


def test_the_readme_example_assesses_a_change(cast, client, signed):
    """The curl example of the README's Contracts section, sent as written to a change request."""
    text = Path(settings.BASE_DIR, "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n([^`]*?/api/v1/change-requests/1/assess/)\n", text).group(1)
    words = shlex.split(block.replace("\\\n", " "))
    method, body = words[words.index("-X") + 1], words[words.index("-d") + 1]
    change = _raised(cast, signed)
    client.force_login(cast.manager)
    response = client.generic(method, _url(change, "assess"), body.encode(), content_type="application/json")
    assert response.status_code == 200, response.content
    sent = json.loads(body)
    assert {field: response.json()[field] for field in sent} == sent
    assert response.json()["status"] == "assessed"
