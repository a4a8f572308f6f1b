"""An obligation's staff owner may see the contract's program, as a risk's owner
(risk.selectors.may_see_program). An evaluator-only member of program A reads none of it: not
offered, refused next to the field on the page and with 400 on `owner` through the API, nothing saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from contracts import services
from contracts.forms import ObligationForm
from contracts.models import Obligation

from .factories import ContractFactory

pytestmark = pytest.mark.django_db

REFUSED = "Choose someone who may see this contract's program."


@pytest.fixture
def contract(cast):
    return ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")


def _obligation(contract, **kwargs):
    return Obligation.objects.create(
        contract=contract,
        party="vendor",
        category="reporting",
        title="Secret report",
        due_date=date(2099, 1, 5),
        **kwargs,
    )


def test_the_service_refuses_an_owner_who_cannot_see_the_program(cast, contract):
    obligation = _obligation(contract)
    with pytest.raises(ValidationError) as exc:
        services.obligation_update(obligation=obligation, by=cast.manager, owner=cast.evaluator)
    assert exc.value.message_dict == {"owner": [REFUSED]}
    obligation.refresh_from_db()
    assert obligation.owner_id is None
    with pytest.raises(ValidationError):
        services.obligation_create(
            contract=contract,
            by=cast.manager,
            party="vendor",
            category="reporting",
            title="New",
            due_date=date(2099, 1, 5),
            owner=cast.outsider,
        )
    assert Obligation.objects.count() == 1
    services.obligation_update(obligation=obligation, by=cast.manager, owner=cast.viewer)
    services.obligation_update(obligation=obligation, by=cast.manager, owner=cast.vendor_x_user)
    # An older obligation keeps its owner on other changes.
    old = _obligation(contract, owner=cast.evaluator)
    assert services.obligation_update(obligation=old, by=cast.manager, title="Renamed").owner == cast.evaluator


def test_the_form_offers_only_people_who_see_the_program(cast, contract, client):
    offered = set(ObligationForm(contract=contract).fields["owner"].queryset)
    assert cast.contributor in offered and cast.vendor_x_user in offered
    assert cast.evaluator not in offered and cast.outsider not in offered


def test_the_api_answers_400_on_the_owner(cast, contract):
    obligation = _obligation(contract)
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.patch(f"/api/v1/obligations/{obligation.pk}/", {"owner": cast.evaluator.pk}, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("owner", REFUSED)]
    obligation.refresh_from_db()
    assert obligation.owner_id is None
