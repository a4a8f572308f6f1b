"""A contract marked renewed by hand does what the automatic renewal does (DOMAIN.md: a renewal
extends the term and versions the terms): its end date moves forward by the renewal term, a
version is recorded, and it stays active. An action not allowed in the contract's state says so;
a terminated or expired contract takes no new change request (page, portal, API).
New-user test 2026-11-28: "renew" set the status Renewed without extending the end date or a
version, after which terminate, activate and submit changed nothing without a word."""

from datetime import date

import pytest
from django.urls import reverse

from contracts import services
from contracts.choices import ContractStatus, VersionReason
from contracts.models import ChangeRequest, Contract

from .factories import ContractFactory


@pytest.fixture
def active(cast):
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        status="active",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
        renewal_term_months=6,
    )
    services.contracts.record_version(contract, cast.manager)
    return contract


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_a_manual_renewal_extends_the_term_and_records_a_version(cast, client, active):
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:contract_transition", args=[active.pk, "renew"]), follow=True)
    active.refresh_from_db()
    assert active.status == ContractStatus.ACTIVE
    assert active.end_date == date(2027, 6, 30)
    assert active.renewal_count == 1
    assert active.terms_version == 2
    version = active.versions.order_by("-number").first()
    assert (version.number, version.reason, version.created_by) == (2, VersionReason.RENEWAL, cast.manager)
    assert version.terms["end_date"] == "2027-06-30"
    assert any("2027-06-30" in m for m in _messages(response))
    # Still active: it can be terminated afterwards.
    client.post(reverse("contracts:contract_transition", args=[active.pk, "terminate"]))
    active.refresh_from_db()
    assert active.status == ContractStatus.TERMINATED


@pytest.mark.parametrize("status", [ContractStatus.TERMINATED, ContractStatus.RENEWED])
@pytest.mark.parametrize("action", ["activate", "submit", "renew", "expire", "sign", "terminate"])
def test_an_action_not_allowed_in_the_state_says_so(cast, client, active, action, status):
    if action == "terminate" and status == ContractStatus.TERMINATED:
        return
    Contract.objects.filter(pk=active.pk).update(status=status)
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:contract_transition", args=[active.pk, action]), follow=True)
    active.refresh_from_db()
    assert active.status == status
    assert active.end_date == date(2026, 12, 31)
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors, _messages(response)
    assert errors[0] in response.content.decode()
    assert not any("updated" in m for m in _messages(response))


@pytest.mark.parametrize("status", [ContractStatus.TERMINATED, ContractStatus.EXPIRED])
def test_a_closed_contract_takes_no_change_request(cast, client, active, status):
    Contract.objects.filter(pk=active.pk).update(status=status)
    data = {"title": "More agents", "description": "d", "proposed_terms": ""}
    client.force_login(cast.vendor_x_admin)
    portal = client.post(reverse("portal:contract_change_create", args=[active.pk]), data)
    assert portal.status_code == 200
    assert any("no new change requests" in str(e) for e in portal.context["form"].non_field_errors())
    client.force_login(cast.manager)
    staff = client.post(reverse("contracts:change_create", args=[active.pk]), data)
    assert staff.status_code == 200
    assert any("no new change requests" in str(e) for e in staff.context["form"].non_field_errors())
    api = client.post(
        "/api/v1/change-requests/",
        {"contract": active.pk, "title": "x", "description": "d"},
        content_type="application/json",
    )
    assert api.status_code == 400, api.content
    assert "no new change requests" in api.content.decode()
    assert not ChangeRequest.objects.exists()


def test_an_active_contract_still_takes_change_requests(cast, client, active):
    client.force_login(cast.manager)
    api = client.post(
        "/api/v1/change-requests/",
        {"contract": active.pk, "title": "x", "description": "d", "proposed_terms": {"monthly_fee": "1234.00"}},
        content_type="application/json",
    )
    assert api.status_code == 201, api.content
