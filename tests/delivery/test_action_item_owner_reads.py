"""An action item's owner may see the program: staff who read it (as a corrective action's
owner), or a user of a vendor with a contract in the program. A staff user outside the program
(the manager of program B) is not offered on the form, is refused next to the owner field on the
page and with 400 on `owner` through the API, and is told nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from bpo.core.models import Notification
from delivery import meetings
from delivery.forms_engagement import ActionItemForm
from delivery.models import ActionItem

from .engagement_factories import meeting_of_a

pytestmark = pytest.mark.django_db

REFUSED = "Choose a member of this program's staff or a user of its vendor."


def test_the_service_refuses_an_owner_who_cannot_see_the_program(cast):
    meeting = meeting_of_a(cast)
    with pytest.raises(ValidationError) as exc:
        meetings.action_item_create(
            meeting=meeting, by=cast.manager, title="Secret plan", owner=cast.outsider, due_date="2026-03-12"
        )
    assert exc.value.message_dict == {"owner": [REFUSED]}
    assert not ActionItem.objects.exists()
    assert not Notification.objects.filter(recipient=cast.outsider).exists()
    item = meetings.action_item_create(
        meeting=meeting, by=cast.manager, title="Plan", owner=cast.contributor, due_date="2026-03-12"
    )
    with pytest.raises(ValidationError):
        meetings.action_item_update(item=item, by=cast.manager, owner=cast.outsider)


def test_the_form_offers_only_people_who_see_the_program_and_refuses_next_to_the_field(cast, client):
    meeting = meeting_of_a(cast)
    offered = set(ActionItemForm(user=cast.manager, program=cast.program_a).fields["owner"].queryset)
    assert cast.contributor in offered and cast.vendor_x_user in offered
    assert cast.outsider not in offered and cast.vendor_y_admin not in offered
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:action_item_create", args=[meeting.pk]),
        {"title": "Typed title", "owner": cast.outsider.pk, "due_date": "2026-03-12"},
    )
    assert response.status_code in (200, 400) and "owner" in response.context["form"].errors
    assert "Typed title" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_the_api_answers_400_on_the_owner(cast):
    meeting = meeting_of_a(cast)
    api = APIClient()
    api.force_authenticate(cast.manager)
    body = {"meeting": meeting.pk, "title": "Secret plan", "owner": cast.outsider.pk, "due_date": "2026-03-12"}
    response = api.post("/api/v1/action-items/", body, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("owner", REFUSED)]
    assert not ActionItem.objects.exists() and not Notification.objects.filter(recipient=cast.outsider).exists()
