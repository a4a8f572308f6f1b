"""A rate card holds an item and unit once whatever their case: "Agent hour" / "hour" and
"agent hour" / "HOUR" are one line (the card listed one item at two rates)."""

import pytest
from django.core.exceptions import ValidationError

from contracts import services
from contracts.models import RateCardLine

from .factories import ContractFactory


@pytest.fixture
def draft(cast):
    return ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="draft")


def test_the_same_item_in_another_case_is_refused_by_the_service(cast, draft):
    services.rate_card_line_create(contract=draft, by=cast.manager, item="Agent hour (voice)", unit="hour", rate="12.5")
    with pytest.raises(ValidationError) as exc:
        services.rate_card_line_create(
            contract=draft, by=cast.manager, item="agent hour (VOICE)", unit="HOUR", rate="13"
        )
    assert "already exists on the rate card" in " ".join(exc.value.messages)
    assert RateCardLine.objects.filter(contract=draft).count() == 1


def test_the_api_answers_400_for_the_same_item_in_another_case(cast, client, draft):
    client.force_login(cast.manager)
    body = {"contract": draft.pk, "item": "Agent hour (voice)", "unit": "hour", "rate": "12.5"}
    assert client.post("/api/v1/rate-card-lines/", body, content_type="application/json").status_code == 201
    body.update(item="agent hour (voice)", unit="HOUR", rate="13")
    response = client.post("/api/v1/rate-card-lines/", body, content_type="application/json")
    assert response.status_code == 400
    assert "already exists on the rate card" in response.json()["errors"][0]["detail"]
    assert RateCardLine.objects.filter(contract=draft).count() == 1


def test_another_unit_of_the_same_item_is_a_line_of_its_own(cast, draft):
    services.rate_card_line_create(contract=draft, by=cast.manager, item="Agent", unit="hour", rate="12.5")
    services.rate_card_line_create(contract=draft, by=cast.manager, item="agent", unit="day", rate="90")
    assert RateCardLine.objects.filter(contract=draft).count() == 2
