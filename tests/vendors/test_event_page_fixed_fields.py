"""The edit page of a published sourcing event shows the title and kind read-only and refuses a
post that changes them, next to the field, keeping what was typed (user test 2026-11-28: the page
said "Saved." and kept the old title; the API refused the same with 400). The service refuses too."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.core.zones import in_zone
from vendors.models import SourcingEvent
from vendors.services import event_update

from .world import make_event


def _form(event, **changes):
    zone = event.program.time_zone
    values = {
        "program": event.program_id,
        "kind": event.kind,
        "title": event.title,
        "scope": event.scope,
        "questions_deadline": in_zone(event.questions_deadline, zone).strftime("%Y-%m-%dT%H:%M"),
        "submission_deadline": in_zone(event.submission_deadline, zone).strftime("%Y-%m-%dT%H:%M"),
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def test_published_event_page_shows_title_and_kind_read_only(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5))
    client.force_login(cast.manager)
    response = client.get(reverse("vendors:event_update", args=[event.pk]))
    form = response.context["form"]
    assert form["title"].field.widget.attrs.get("disabled") and form["kind"].field.widget.attrs.get("disabled")
    assert not form["scope"].field.widget.attrs.get("disabled")
    html = response.content.decode()
    assert "Fixed once the event is published" in html


def test_published_event_page_refuses_a_new_title_and_kind_keeping_what_was_typed(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5))
    client.force_login(cast.manager)
    response = client.post(
        reverse("vendors:event_update", args=[event.pk]), _form(event, title="Renamed", kind="rfi", scope="New")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "no longer change" in str(form.errors["title"]) and "no longer change" in str(form.errors["kind"])
    assert 'value="Renamed"' in response.content.decode()
    stored = SourcingEvent.objects.get(pk=event.pk)
    assert (stored.title, stored.kind, stored.scope) == (event.title, event.kind, event.scope)


def test_published_event_page_saves_the_scope_when_the_fixed_fields_are_not_posted(cast, client):
    # Browsers leave disabled inputs out of the post: the event's title and kind are kept.
    event = make_event(cast, deadline_in=timedelta(days=5))
    client.force_login(cast.manager)
    response = client.post(
        reverse("vendors:event_update", args=[event.pk]), _form(event, title=None, kind=None, scope="New scope")
    )
    assert response.status_code == 302
    stored = SourcingEvent.objects.get(pk=event.pk)
    assert (stored.title, stored.kind, stored.scope) == (event.title, event.kind, "New scope")


def test_draft_event_page_still_changes_title_and_kind(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5), status="draft")
    client.force_login(cast.manager)
    response = client.post(reverse("vendors:event_update", args=[event.pk]), _form(event, title="Renamed", kind="rfi"))
    assert response.status_code == 302
    stored = SourcingEvent.objects.get(pk=event.pk)
    assert (stored.title, stored.kind) == ("Renamed", "rfi")


def test_event_update_service_refuses_a_fixed_field_by_name(cast):
    event = make_event(cast, deadline_in=timedelta(days=5))
    with pytest.raises(ValidationError) as refused:
        event_update(event=event, by=cast.manager, title="Renamed", scope="New")
    assert set(refused.value.message_dict) == {"title"}
    assert SourcingEvent.objects.get(pk=event.pk).scope == event.scope


def test_the_refusal_and_the_note_read_in_chinese(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5))
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.cookies["django_language"] = "zh-hans"
    response = client.post(reverse("vendors:event_update", args=[event.pk]), _form(event, title="Renamed"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "寻源活动发布后，此项不能再更改。" in html
    assert "Fixed once the event is published" not in html
