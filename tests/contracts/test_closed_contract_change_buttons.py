"""A terminated, expired or renewed contract takes no new change request (the service refuses
it), so neither the staff contract page nor the portal's offers one: the button is gone and the
page says why. A contract in force still offers it. Both pages and the service ask the same
predicate, Contract.takes_change_requests."""

import pytest
from django.urls import reverse

from contracts.choices import ContractStatus

from .factories import ContractFactory

CLOSED = [ContractStatus.TERMINATED, ContractStatus.EXPIRED, ContractStatus.RENEWED]


@pytest.fixture
def contract(cast):
    return ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="CC-1", terms_version=1)


def _pages(cast, client, contract):
    client.force_login(cast.manager)
    staff = client.get(reverse("contracts:contract_detail", args=[contract.pk])).content.decode()
    client.force_login(cast.vendor_x_admin)
    portal = client.get(reverse("portal:contract_detail", args=[contract.pk])).content.decode()
    return staff, portal


@pytest.mark.parametrize("status", CLOSED)
def test_a_closed_contract_offers_no_change_request(cast, client, contract, status):
    contract.status = status
    contract.save(update_fields=["status"])
    assert not contract.takes_change_requests
    staff, portal = _pages(cast, client, contract)
    assert reverse("contracts:change_create", args=[contract.pk]) not in staff
    assert reverse("portal:contract_change_create", args=[contract.pk]) not in portal
    why = f"Contract CC-1 is {contract.get_status_display().lower()}: it takes no new change requests."
    assert why in staff
    assert why in portal


@pytest.mark.parametrize("status", [ContractStatus.SIGNED, ContractStatus.ACTIVE])
def test_a_contract_in_force_offers_a_change_request(cast, client, contract, status):
    contract.status = status
    contract.save(update_fields=["status"])
    assert contract.takes_change_requests
    staff, portal = _pages(cast, client, contract)
    assert reverse("contracts:change_create", args=[contract.pk]) in staff
    assert reverse("portal:contract_change_create", args=[contract.pk]) in portal
    assert "no-change-requests" not in staff
    assert "no-change-requests" not in portal


@pytest.mark.parametrize("status", CLOSED)
def test_the_form_pages_send_the_user_back_with_the_reason(cast, client, contract, status):
    """Opening the form's address directly showed a form whose sending was refused."""
    contract.status = status
    contract.save(update_fields=["status"])
    why = f"Contract CC-1 is {contract.get_status_display().lower()}: it takes no new change requests."
    for user, form, page in (
        (cast.manager, "contracts:change_create", "contracts:contract_detail"),
        (cast.vendor_x_admin, "portal:contract_change_create", "portal:contract_detail"),
    ):
        client.force_login(user)
        response = client.get(reverse(form, args=[contract.pk]), follow=True)
        assert response.redirect_chain == [(reverse(page, args=[contract.pk]), 302)]
        assert why in [str(m) for m in response.context["messages"]]


def test_a_contract_in_force_still_gets_the_form(cast, client, contract):
    contract.status = ContractStatus.ACTIVE
    contract.save(update_fields=["status"])
    client.force_login(cast.manager)
    assert client.get(reverse("contracts:change_create", args=[contract.pk])).status_code == 200
    client.force_login(cast.vendor_x_admin)
    assert client.get(reverse("portal:contract_change_create", args=[contract.pk])).status_code == 200
