"""A corrective action's progress note (vendor, portal) and verification notes (staff) are at most
2,000 characters, as any recorded reason (user test 2026-11-28: the portal took a note of any
length, echoed in the managers' notification). Refused with the length typed, nothing saved; a
line break counts as one character, as the browser counts it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.core.models import Notification
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH
from risk import services as risk_services
from risk.models import CorrectiveAction
from risk.services.actions import NOTE_MAX_LENGTH
from tests.performance.access_quality import quality_world


def test_the_cap_is_the_other_reasons_cap():
    assert NOTE_MAX_LENGTH == DISPUTE_REASON_MAX_LENGTH == 2000


def test_portal_refuses_a_too_long_progress_note_next_to_the_note(cast, client):
    action = quality_world(cast)["action"]
    client.force_login(cast.vendor_x_admin)
    assert 'maxlength="2000"' in client.get(reverse("portal:capa_detail", args=[action.pk])).content.decode()
    typed = "n" * 100_000
    response = client.post(reverse("portal:capa_progress", args=[action.pk]), {"progress_note": typed, "ready": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_progress_note_error">At most 2000 characters; this note has 100000.' in page
    assert typed in page  # what was typed is kept
    stored = CorrectiveAction.objects.get(pk=action.pk)
    assert (stored.status, stored.progress_note) == ("open", "")
    assert not Notification.objects.filter(body=typed).exists()


def test_2000_characters_with_line_breaks_are_saved(cast, client):
    action = quality_world(cast)["action"]
    client.force_login(cast.vendor_x_admin)
    typed = ("p" * 99 + "\r\n") * 20  # 2,000 characters as the browser counts them
    response = client.post(reverse("portal:capa_progress", args=[action.pk]), {"progress_note": typed})
    assert response.status_code == 302
    assert CorrectiveAction.objects.get(pk=action.pk).progress_note == ("p" * 99 + "\n") * 19 + "p" * 99


def test_the_service_refuses_too_long_verification_notes(cast):
    action = quality_world(cast)["action"]
    risk_services.action_vendor_progress(action=action, by=cast.vendor_x_admin, note="Retrained", ready=True)
    with pytest.raises(ValidationError) as refused:
        risk_services.action_transition(action=action, to="verified", by=cast.manager, verification_notes="v" * 2001)
    assert "verification_notes" in refused.value.message_dict
    assert CorrectiveAction.objects.get(pk=action.pk).status == "done"


def test_staff_page_refuses_too_long_verification_notes(cast, client):
    action = quality_world(cast)["action"]
    risk_services.action_vendor_progress(action=action, by=cast.vendor_x_admin, note="Retrained", ready=True)
    client.force_login(cast.manager)
    response = client.post(
        reverse("risk:action_transition", args=[action.pk]),
        {"to": "verified", "verification_notes": "v" * 5000},
        follow=True,
    )
    assert "At most 2000 characters; this note has 5000." in response.content.decode()
    assert CorrectiveAction.objects.get(pk=action.pk).status == "done"
