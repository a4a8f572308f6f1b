"""A change request's requested dates are checked when it is raised (page, portal, API), next to the
proposed terms, not only at approval."""

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


def test_an_end_date_before_the_start_is_refused_on_the_page_next_to_the_terms(cast, client, signed):
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:change_create", args=[signed.pk]),
        {"title": "Shorter", "description": "d", "proposed_terms": "end_date: 2024-06-30"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["proposed_terms"]
    assert "2025-01-01" in errors["proposed_terms"][0]
    assert not ChangeRequest.objects.exists()


def test_a_start_date_after_the_requested_end_is_refused(cast, client, signed):
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        reverse("portal:contract_change_create", args=[signed.pk]),
        {"title": "Later", "description": "d", "proposed_terms": "start_date: 2026-01-01\nend_date: 2025-12-31"},
    )
    assert response.status_code == 200
    assert "proposed_terms" in response.context["form"].errors
    assert not ChangeRequest.objects.exists()


def test_the_api_refuses_requested_dates_out_of_order_with_400(cast, client, signed):
    client.force_login(cast.manager)
    response = client.post(
        "/api/v1/change-requests/",
        {"contract": signed.pk, "title": "x", "description": "d", "proposed_terms": {"end_date": "2024-12-31"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["proposed_terms"]
    ok = client.post(
        "/api/v1/change-requests/",
        {"contract": signed.pk, "title": "x", "description": "d", "proposed_terms": {"end_date": "2028-12-31"}},
        content_type="application/json",
    )
    assert ok.status_code == 201, ok.content
