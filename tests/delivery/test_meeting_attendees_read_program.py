"""A meeting's staff attendees may see the program, as a risk's owner
(risk.selectors.may_see_program). An evaluator-only member of program A reads none of it: not
offered, refused next to the field on the page and with 400 on `attendees` through the API,
nothing saved. An older meeting keeps its attendees on other changes."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from delivery import meetings
from delivery.forms_engagement import MeetingForm
from delivery.models import Meeting
from tests.contracts.factories import contract_of_a

from .engagement_factories import meeting_of_a

pytestmark = pytest.mark.django_db

REFUSED = "Choose people who may see this meeting's program."


def test_the_service_refuses_an_attendee_who_cannot_see_the_program(cast):
    with pytest.raises(ValidationError) as exc:
        meeting_of_a(cast, attendees=[cast.contributor, cast.evaluator])
    assert exc.value.message_dict == {"attendees": [REFUSED]}
    assert not Meeting.objects.exists()
    meeting = meeting_of_a(cast, attendees=[cast.contributor, cast.vendor_x_user])
    with pytest.raises(ValidationError):
        meetings.meeting_update(meeting=meeting, by=cast.manager, attendees=[cast.contributor, cast.outsider])
    assert set(meeting.attendees.all()) == {cast.contributor, cast.vendor_x_user}
    # One attending already (from before the rule) stays on other changes.
    meeting.attendees.add(cast.evaluator)
    meetings.meeting_update(meeting=meeting, by=cast.manager, title="Renamed", attendees=list(meeting.attendees.all()))


def test_the_form_offers_only_people_who_see_the_program(cast):
    contract_of_a(cast)
    offered = set(MeetingForm(user=cast.manager, program=cast.program_a).fields["attendees"].queryset)
    assert cast.contributor in offered and cast.viewer in offered and cast.vendor_x_user in offered
    assert cast.evaluator not in offered and cast.outsider not in offered


def test_the_api_answers_400_on_the_attendees(cast):
    meeting_of_a(cast)  # its contract
    Meeting.objects.all().delete()
    api = APIClient()
    api.force_authenticate(cast.manager)
    body = {
        "program": cast.program_a.pk,
        "kind": "weekly_ops",
        "title": "Secret steering",
        "starts_at": "2026-03-02T10:00:00Z",
        "attendees": [cast.evaluator.pk],
    }
    response = api.post("/api/v1/meetings/", body, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("attendees", REFUSED)]
    assert not Meeting.objects.exists()
