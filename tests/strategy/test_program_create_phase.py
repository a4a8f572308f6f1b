"""A new program starts in the first phase (strategy); the phase moves only through the gates.
The create form does not offer it and the API refuses another phase (400 on `phase`)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from strategy.models import Program
from strategy.services import program_create
from tests.strategy.test_program_pages import _form


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("phase", ["sourcing", "steady_state", "transition"])
def test_api_refuses_a_new_program_in_a_later_phase(cast, phase):
    response = _api(cast.manager).post(
        reverse("program-list"), {"code": "NEW-9", "name": "New", "phase": phase}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["attr"] for e in errors] == ["phase"]
    assert "starts in the strategy phase" in errors[0]["detail"]
    assert not Program.objects.filter(code="NEW-9").exists()


@pytest.mark.parametrize("payload", [{}, {"phase": "strategy"}])
def test_api_creates_a_program_in_the_strategy_phase(cast, payload):
    response = _api(cast.manager).post(
        reverse("program-list"), {"code": "NEW-8", "name": "New", **payload}, format="json"
    )
    assert response.status_code == 201
    assert Program.objects.get(code="NEW-8").phase == "strategy"


def test_service_refuses_a_later_phase(cast):
    with pytest.raises(ValidationError) as exc:
        program_create(by=cast.manager, code="NEW-7", name="New", phase="transition")
    assert list(exc.value.message_dict) == ["phase"]


def test_create_form_does_not_offer_the_phase_and_ignores_a_posted_one(cast, client):
    client.force_login(cast.manager)
    html = client.get(reverse("strategy:program_create")).content.decode()
    assert 'name="phase"' not in html
    response = client.post(reverse("strategy:program_create"), _form(phase="steady_state"))
    assert response.status_code == 302
    assert Program.objects.get(code="CS-2027").phase == "strategy"
    # The edit form still shows it, read-only.
    edit = client.get(reverse("strategy:program_update", args=[Program.objects.get(code="CS-2027").pk]))
    assert 'name="phase"' in edit.content.decode()
