"""The contracts API says what the pages say about a contract's end: the day it was terminated and
whether its last renewal was automatic or manual (read-only; the people behind them are not
exposed). Both were recorded and shown on the pages only (user test follow-up)."""

from datetime import date

import pytest
from django.urls import reverse

from bpo.core.zones import today_in
from contracts.services.lifecycle import contract_renew_manually, contract_terminate

from .test_lifecycle_termination_date import _contract

pytestmark = pytest.mark.django_db


def _read(client, user, contract):
    client.force_login(user)
    response = client.get(reverse("contract-detail", args=[contract.pk]))
    assert response.status_code == 200
    return response.json()


def test_terminated_on_and_last_renewal_kind_are_read_by_staff_and_the_vendor(cast, client):
    contract = _contract(cast, end_date=date(2026, 12, 31), renewal_term_months=12)
    before = _read(client, cast.manager, contract)
    assert before["terminated_on"] is None and before["last_renewal_kind"] is None  # blank choices read as null

    contract_renew_manually(contract, cast.manager)
    assert _read(client, cast.manager, contract)["last_renewal_kind"] == "manual"

    contract.refresh_from_db()
    contract_terminate(contract, cast.manager)
    today = today_in(contract.program.time_zone).isoformat()
    for user in (cast.manager, cast.vendor_x_admin):
        data = _read(client, user, contract)
        assert data["status"] == "terminated" and data["terminated_on"] == today
        assert data["last_renewal_kind"] == "manual"
        assert "terminated_by" not in data and "last_renewed_by" not in data


def test_they_cannot_be_written(cast, client):
    contract = _contract(cast)
    client.force_login(cast.manager)
    response = client.patch(
        reverse("contract-detail", args=[contract.pk]),
        {"terminated_on": "2026-10-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "terminated_on"
    contract.refresh_from_db()
    assert contract.terminated_on is None
