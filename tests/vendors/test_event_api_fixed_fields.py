"""PATCH /api/v1/sourcing-events/<id>/ refuses, by name, a field a published event can no longer
change (user test 2026-11-28: a new title answered 200 and was silently dropped)."""

from datetime import timedelta

from vendors.models import SourcingEvent

from .world import make_event


def test_published_event_refuses_a_new_title_and_keeps_its_scope_open(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5))
    url = f"/api/v1/sourcing-events/{event.pk}/"
    client.force_login(cast.manager)
    answer = client.patch(url, {"title": "Renamed", "kind": "rfi"}, content_type="application/json")
    assert answer.status_code == 400, answer.content
    body = answer.content.decode()
    assert "title" in body and "kind" in body and "no longer change" in body
    assert SourcingEvent.objects.get(pk=event.pk).title == "Contact centre RFP"
    # The same title again is no change; the scope still moves.
    same = client.patch(url, {"title": "Contact centre RFP", "scope": "New scope"}, content_type="application/json")
    assert same.status_code == 200, same.content
    assert SourcingEvent.objects.get(pk=event.pk).scope == "New scope"


def test_draft_event_title_still_changes(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5), status="draft")
    client.force_login(cast.manager)
    answer = client.patch(f"/api/v1/sourcing-events/{event.pk}/", {"title": "Renamed"}, content_type="application/json")
    assert answer.status_code == 200 and SourcingEvent.objects.get(pk=event.pk).title == "Renamed"
