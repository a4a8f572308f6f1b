"""A corrective action marked ready goes to staff to verify what was done: an empty progress note
is refused next to the note (it was marked done with nothing to read), what was typed is kept."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from risk import services as risk_services
from risk.models import CorrectiveAction
from tests.performance.access_quality import quality_world


def test_portal_refuses_ready_with_an_empty_note_next_to_the_note(cast, client):
    action = quality_world(cast)["action"]
    client.force_login(cast.vendor_x_admin)
    url = reverse("portal:capa_progress", args=[action.pk])
    response = client.post(url, {"progress_note": "  ", "ready": "1"})
    assert response.status_code == 200
    assert CorrectiveAction.objects.get(pk=action.pk).status == "open"
    page = response.content.decode()
    assert 'id="id_progress_note_error">Write what has been done before marking the action ready.' in page
    assert 'name="ready" value="1" id="id_ready" checked' in page  # the tick is kept
    assert client.post(url, {"progress_note": "Retrained the team", "ready": "1"}).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress_note) == ("done", "Retrained the team")


def test_the_service_refuses_ready_without_a_note(cast):
    action = quality_world(cast)["action"]
    with pytest.raises(ValidationError) as exc:
        risk_services.action_vendor_progress(action=action, by=cast.vendor_x_admin, note="", ready=True)
    assert "progress_note" in exc.value.message_dict
    assert CorrectiveAction.objects.get(pk=action.pk).status == "open"
