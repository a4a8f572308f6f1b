"""An obligation's due date runs from 2000 to 2099 (bpo.core.dates): 1950-01-01 and 9999-12-31
were saved through /obligations/<id>/edit/. Not bound to the contract's term: a deliverable (an
insurance certificate, the transition plan) may fall due before the contract starts. Next to the
field on the form, keeping what was typed, and 400 on the field in the API."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from contracts import services
from contracts.models import Obligation
from tests.strategy.test_program_pages import _field_block

from .factories import ContractFactory

MESSAGE = "Enter a date from 2000-01-01 to 2099-12-31."


@pytest.fixture
def obligation(cast):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x)
    return services.obligation_create(
        contract=contract,
        by=cast.manager,
        party="vendor",
        category="reporting",
        title="Monthly report",
        due_date=date(2026, 3, 5),
    )


@pytest.mark.parametrize("due", [date(1950, 1, 1), date(9999, 12, 31)])
def test_the_service_refuses_a_due_date_outside_2000_2099(cast, obligation, due):
    with pytest.raises(ValidationError) as exc:
        services.obligation_update(obligation=obligation, by=cast.manager, due_date=due)
    assert exc.value.message_dict["due_date"] == [MESSAGE]
    obligation.refresh_from_db()
    assert obligation.due_date == date(2026, 3, 5)
    # Before the contract's start is allowed (a deliverable due before the service begins).
    assert services.obligation_update(obligation=obligation, by=cast.manager, due_date=date(2025, 12, 1)).pk


def test_the_edit_form_shows_the_refusal_next_to_the_field_keeping_what_was_typed(cast, obligation, client):
    client.force_login(cast.manager)
    data = {"party": "vendor", "category": "reporting", "title": "Monthly report", "due_date": "9999-12-31"}
    data.update(recurrence="none", status="open")
    response = client.post(reverse("contracts:obligation_update", args=[obligation.pk]), data)
    assert response.status_code == 200
    block = _field_block(response.content.decode(), "due_date")
    assert MESSAGE in block and 'value="9999-12-31"' in block
    assert Obligation.objects.get(pk=obligation.pk).due_date == date(2026, 3, 5)


def test_the_api_answers_400_on_the_field(cast, obligation):
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.patch(f"/api/v1/obligations/{obligation.pk}/", {"due_date": "1950-01-01"}, format="json")
    assert response.status_code == 400, response.content
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("due_date", MESSAGE)]
