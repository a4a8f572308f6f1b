"""A gate's override reason is at most 2,000 characters, as every other recorded reason (the
period reopen reason, an invoice dispute): the page says so next to the field, the API answers
400, and the gate stays where it was (100,000 characters were accepted and recorded)."""

from django.urls import reverse
from rest_framework.test import APIClient

from strategy.models import PhaseGate

LONG = "x" * 100_000


def test_the_gate_page_refuses_a_reason_over_2000_characters(cast, client):
    client.force_login(cast.manager)
    url = reverse("strategy:gate_pass", args=[cast.program_a.pk])
    assert 'maxlength="2000"' in client.get(url).content.decode()
    response = client.post(url, {"override_reason": LONG})
    assert response.status_code == 200
    assert response.context["form"].errors["override_reason"] == ["At most 2000 characters; this reason has 100000."]
    assert not PhaseGate.objects.filter(program=cast.program_a).exists()
    cast.program_a.refresh_from_db()
    assert cast.program_a.phase == "strategy"


def test_the_api_refuses_a_reason_over_2000_characters(cast):
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.post(f"/api/v1/programs/{cast.program_a.pk}/gates/", {"override_reason": LONG}, format="json")
    assert response.status_code == 400
    assert "At most 2000 characters; this reason has 100000." in str(response.json())
    assert not PhaseGate.objects.filter(program=cast.program_a).exists()


def test_a_reason_of_2000_characters_passes_the_gate(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("strategy:gate_pass", args=[cast.program_a.pk]), {"override_reason": "y" * 2000})
    assert response.status_code == 302
    assert len(PhaseGate.objects.get(program=cast.program_a).override_reason) == 2000
