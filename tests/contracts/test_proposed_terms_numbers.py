"""A change request's proposed amounts are read as every number typed in the app is read
(bpo.core.numbers): 1e5, full-width digits or a decimal comma are refused when the change is
raised (page, portal, API), not applied as 100000 at approval; a term given twice is refused
rather than the last line silently winning."""

from datetime import date

import pytest
from django.urls import reverse

from contracts import services
from contracts.models import ChangeRequest

from .factories import ContractFactory


@pytest.fixture
def signed(cast):
    contract = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, status="active", start_date=date(2025, 1, 1)
    )
    services.contracts.record_version(contract, cast.manager)
    return contract


@pytest.mark.parametrize("typed", ["1e5", "１００", "1_000", "NaN"])
def test_the_portal_refuses_a_fee_nobody_types(cast, client, signed, typed):
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        reverse("portal:contract_change_create", args=[signed.pk]),
        {"title": "Fee", "description": "d", "proposed_terms": f"monthly_fee: {typed}"},
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["proposed_terms"])
    assert typed in errors
    assert not ChangeRequest.objects.exists()


def test_a_decimal_comma_is_told_how_to_write_it(cast, client, signed):
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:change_create", args=[signed.pk]),
        {"title": "Fee", "description": "d", "proposed_terms": "monthly_fee: 110000,50"},
    )
    assert response.status_code == 200
    assert "110000.50" in " ".join(response.context["form"].errors["proposed_terms"])
    assert not ChangeRequest.objects.exists()


def test_a_term_given_twice_is_refused(cast, client, signed):
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:change_create", args=[signed.pk]),
        {"title": "Fee", "description": "d", "proposed_terms": "monthly_fee: 11000\nmonthly_fee: 12000"},
    )
    assert response.status_code == 200
    assert "monthly_fee" in " ".join(response.context["form"].errors["proposed_terms"])
    assert not ChangeRequest.objects.exists()


def test_the_api_refuses_an_exponent_with_400_and_takes_plain_digits(cast, client, signed):
    client.force_login(cast.manager)
    body = {"contract": signed.pk, "title": "x", "description": "d", "proposed_terms": {"monthly_fee": "1e5"}}
    response = client.post("/api/v1/change-requests/", body, content_type="application/json")
    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["proposed_terms"]
    body["proposed_terms"] = {"monthly_fee": "110000.50"}
    assert client.post("/api/v1/change-requests/", body, content_type="application/json").status_code == 201
    assert ChangeRequest.objects.get().proposed_terms == {"monthly_fee": "110000.50"}
