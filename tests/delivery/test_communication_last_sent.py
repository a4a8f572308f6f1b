"""A communication's "last sent" is not in the future (the program's today, bpo.core.zones.today_in)
nor before 2000: "Last sent 2030-05-01" moved its next due date to 2030, so it never showed as
overdue. Next to the field on the form, keeping what was typed, and 400 on the field of the API's
mark_sent."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from bpo.core.zones import today_in
from delivery import meetings
from delivery.models import Communication
from tests.strategy.test_program_pages import _field_block

from .engagement_factories import communication_of_a


def _tomorrow(cast):
    return today_in(cast.program_a.time_zone) + datetime.timedelta(days=1)


def test_the_service_refuses_a_last_sending_in_the_future_or_before_2000(cast):
    comm = communication_of_a(cast)
    for day in (_tomorrow(cast), datetime.date(1999, 12, 31)):
        with pytest.raises(ValidationError) as exc:
            meetings.communication_update(communication=comm, by=cast.manager, last_sent_on=day)
        assert list(exc.value.message_dict) == ["last_sent_on"]
    with pytest.raises(ValidationError):
        communication_of_a(cast, last_sent_on=_tomorrow(cast))
    with pytest.raises(ValidationError):
        meetings.communication_mark_sent(communication=comm, by=cast.manager, sent_on=datetime.date(1950, 1, 1))
    comm.refresh_from_db()
    assert comm.last_sent_on == datetime.date(2026, 1, 31)
    today = today_in(cast.program_a.time_zone)
    assert meetings.communication_update(communication=comm, by=cast.manager, last_sent_on=today).last_sent_on == today


def test_the_edit_form_shows_the_refusal_next_to_the_field_keeping_what_was_typed(cast, client):
    comm = communication_of_a(cast)
    client.force_login(cast.manager)
    typed = _tomorrow(cast).isoformat()
    response = client.post(
        reverse("delivery:communication_update", args=[comm.pk]),
        {
            "audience": "Business owners",
            "content": "Summary",
            "frequency": "monthly",
            "channel": "email",
            "owner": cast.manager.pk,
            "last_sent_on": typed,
            "active": "on",
        },
    )
    assert response.status_code == 200
    block = _field_block(response.content.decode(), "last_sent_on")
    assert "cannot be sent in the future" in block and f'value="{typed}"' in block
    assert Communication.objects.get(pk=comm.pk).last_sent_on == datetime.date(2026, 1, 31)


def test_the_api_mark_sent_answers_400_on_the_field(cast):
    # The API changes a communication only through mark_sent (no PATCH).
    comm = communication_of_a(cast)
    api = APIClient()
    api.force_authenticate(cast.manager)
    for day in ("1950-01-01", _tomorrow(cast).isoformat()):
        response = api.post(f"/api/v1/communications/{comm.pk}/mark_sent/", {"sent_on": day}, format="json")
        assert response.status_code == 400, response.content
        assert [e["attr"] for e in response.json()["errors"]] == ["sent_on"]
