"""A published event's deadlines only move later (the invited vendors planned on them), refused
next to the field otherwise; when they move later the invited vendors' users are told."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from bpo.core.models import Notification
from bpo.core.zones import in_zone
from vendors.models import SourcingEvent

from .world import make_event


def _form(event, **deadlines):
    zone = event.program.time_zone
    values = {"questions_deadline": event.questions_deadline, "submission_deadline": event.submission_deadline}
    values.update(deadlines)
    return {
        "program": event.program_id,
        "kind": event.kind,
        "title": event.title,
        "scope": event.scope,
        **{name: in_zone(value, zone).strftime("%Y-%m-%dT%H:%M") for name, value in values.items()},
    }


def test_pulling_a_published_deadline_earlier_is_refused_next_to_the_field(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=20))
    before = event.submission_deadline
    client.force_login(cast.manager)
    response = client.post(
        reverse("vendors:event_update", args=[event.pk]),
        _form(
            event,
            questions_deadline=timezone.now() + timedelta(minutes=1),
            submission_deadline=timezone.now() + timedelta(minutes=3),
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200 and "can only move later" in html
    assert SourcingEvent.objects.get(pk=event.pk).submission_deadline == before
    assert not Notification.objects.filter(event_key__startswith="sourcing-deadline:").exists()


def test_saving_unchanged_deadlines_with_seconds_is_no_move(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=20))  # deadlines carry seconds
    client.force_login(cast.manager)
    response = client.post(reverse("vendors:event_update", args=[event.pk]), {**_form(event), "scope": "New scope"})
    assert response.status_code == 302
    stored = SourcingEvent.objects.get(pk=event.pk)
    assert stored.scope == "New scope" and stored.submission_deadline == event.submission_deadline
    assert not Notification.objects.filter(event_key__startswith="sourcing-deadline:").exists()


def test_moving_a_deadline_later_tells_the_invited_vendors(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=20))
    later = event.submission_deadline + timedelta(days=7)
    client.force_login(cast.manager)
    response = client.post(reverse("vendors:event_update", args=[event.pk]), _form(event, submission_deadline=later))
    assert response.status_code == 302
    assert SourcingEvent.objects.get(pk=event.pk).submission_deadline == later.replace(second=0, microsecond=0)
    told = set(
        Notification.objects.filter(event_key__startswith=f"sourcing-deadline:{event.pk}:").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"vx-admin", "vx-user"}  # vendor X's users; vendor Y is not invited
