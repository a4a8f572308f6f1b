"""Engagement pages, portal and API: forms call the services, lists stay flat in queries,
vendors see and act on their own records only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delivery.models import ActionItem, Communication, Meeting, SupportRequest

from .engagement_factories import (
    action_item_of_x,
    communication_of_a,
    course_of_a,
    meeting_of_a,
    session_of_a,
    support_request_of_x,
)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "route, make",
    [
        ("delivery:meeting_list", lambda c, i: action_item_of_x(c, title=f"i{i}")),
        ("delivery:action_item_list", lambda c, i: action_item_of_x(c, title=f"i{i}")),
        ("delivery:communication_list", lambda c, i: communication_of_a(c, audience=f"a{i}")),
        ("delivery:course_list", lambda c, i: session_of_a(c)),
        ("delivery:session_list", lambda c, i: session_of_a(c)),
        ("delivery:support_list", lambda c, i: support_request_of_x(c, title=f"r{i}")),
    ],
)
def test_list_query_count_does_not_grow_with_rows(cast, client, route, make):
    client.force_login(cast.manager)
    url = reverse(route)
    for i in range(3):
        make(cast, i)
    few = _count(client, url)
    for i in range(3, 12):
        make(cast, i)
    assert _count(client, url) == few
    export = client.get(url + "?export=csv")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")


def test_manager_records_meeting_and_action_item_through_the_forms(cast, client):
    from tests.contracts.factories import contract_of_a

    contract_of_a(cast)
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:meeting_create"),
        {
            "program": cast.program_a.pk,
            "kind": "steering",
            "title": "Steering committee March",
            "starts_at": "2026-03-05T14:00",
            "agenda": "Go-live readiness",
            "attendees": [cast.manager.pk, cast.vendor_x_admin.pk],
        },
    )
    meeting = Meeting.objects.get(title="Steering committee March")
    assert response.status_code == 302 and set(meeting.attendees.all()) == {cast.manager, cast.vendor_x_admin}
    response = client.post(
        reverse("delivery:action_item_create", args=[meeting.pk]),
        {"title": "Confirm the cut-over date", "owner": cast.vendor_x_user.pk, "due_date": "2026-03-12"},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(title="Confirm the cut-over date")
    assert item.vendor == cast.vendor_x
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Confirm the cut-over date" in page and "Go-live readiness" in page
    # A vendor user without a contract in the program is refused next to the field
    response = client.post(
        reverse("delivery:action_item_create", args=[meeting.pk]),
        {"title": "x", "owner": cast.vendor_y_admin.pk, "due_date": "2026-03-12"},
    )
    assert response.status_code == 200 and not ActionItem.objects.filter(title="x").exists()


def test_staff_owner_sees_item_on_home_and_marks_it_done(cast, client):
    item = action_item_of_x(cast, owner=cast.viewer, title="Prepare the QBR deck")
    client.force_login(cast.viewer)
    assert "Prepare the QBR deck" in client.get(reverse("core:home")).content.decode()
    detail = client.get(item.get_absolute_url()).content.decode()
    assert "Mark done" in detail and "Cancel the item" not in detail  # the viewer owns it but does not edit
    response = client.post(reverse("delivery:action_item_close", args=[item.pk, "done"]), {"note": "Deck shared"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completion_note == "Deck shared"
    response = client.post(reverse("delivery:action_item_close", args=[item.pk, "cancel"]), {"note": ""})
    assert response.status_code == 403


def test_vendor_marks_its_item_done_in_the_portal_other_vendor_gets_404(cast, client):
    item = action_item_of_x(cast)
    client.force_login(cast.vendor_y_admin)
    assert client.get(reverse("portal:action_item_detail", args=[item.pk])).status_code == 404
    assert client.post(reverse("portal:action_item_detail", args=[item.pk]), {"note": "x"}).status_code == 404
    assert "Send the staffing plan" not in client.get(reverse("portal:action_items")).content.decode()
    client.force_login(cast.vendor_x_admin)
    assert "Send the staffing plan" in client.get(reverse("portal:home")).content.decode()
    assert "Send the staffing plan" in client.get(reverse("portal:action_items")).content.decode()
    response = client.post(reverse("portal:action_item_detail", args=[item.pk]), {"note": "Sent by e-mail"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_by == cast.vendor_x_admin


def test_communication_mark_sent_moves_the_due_date(cast, client):
    comm = communication_of_a(cast, frequency="weekly", last_sent_on=datetime.date(2026, 1, 1))
    client.force_login(cast.contributor)
    page = client.get(comm.get_absolute_url()).content.decode()
    assert 'data-testid="comm-overdue"' in page
    listed = client.get(reverse("delivery:communication_list") + "?overdue=true").content.decode()
    assert "Business owners" in listed
    response = client.post(reverse("delivery:communication_sent", args=[comm.pk]), {"sent_on": ""})
    assert response.status_code == 302
    comm.refresh_from_db()
    assert comm.last_sent_on is not None and comm.next_due_on == comm.last_sent_on + datetime.timedelta(days=7)
    assert 'data-testid="comm-overdue"' not in client.get(comm.get_absolute_url()).content.decode()
    client.force_login(cast.viewer)
    assert client.post(reverse("delivery:communication_sent", args=[comm.pk])).status_code == 403
    assert Communication.objects.count() == 1


def test_attendance_form_records_scores_and_the_rates_show(cast, client):
    session = session_of_a(cast)
    rows = {a.user_id: a.pk for a in session.attendances.all()}
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:session_attendance", args=[session.pk]),
        {
            f"attended_{rows[cast.contributor.pk]}": "yes",
            f"score_{rows[cast.contributor.pk]}": "85",
            f"attended_{rows[cast.vendor_x_user.pk]}": "no",
        },
    )
    assert response.status_code == 302
    page = client.get(session.get_absolute_url()).content.decode()
    assert "100.0%" in page and "0.0%" in page
    assert "100.0%" in client.get(reverse("delivery:training_completion")).content.decode()
    # The vendor sees its own team only, and only its own attendee in the session
    client.force_login(cast.vendor_x_admin)
    portal = client.get(reverse("portal:training_session", args=[session.pk])).content.decode()
    assert str(cast.vendor_x_user) in portal and str(cast.contributor) not in portal
    assert "Staff" not in client.get(reverse("portal:training")).content.decode().split("<table")[1]


def test_vendor_raises_support_request_in_portal_and_staff_resolve_it(cast, client):
    from tests.contracts.factories import contract_of_a

    contract_of_a(cast)
    client.force_login(cast.vendor_x_user)
    response = client.post(
        reverse("portal:support_create"),
        {
            "program": cast.program_a.pk,
            "title": "VPN certificate",
            "category": "system_access",
            "priority": "high",
            "description": "Expired",
        },
    )
    req = SupportRequest.objects.get(title="VPN certificate")
    assert response.status_code == 302 and req.vendor == cast.vendor_x
    client.force_login(cast.vendor_y_admin)
    assert client.get(reverse("portal:support_detail", args=[req.pk])).status_code == 404
    client.force_login(cast.contributor)
    response = client.post(reverse("delivery:support_move", args=[req.pk]), {"to": "resolved", "resolution": "Renewed"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "resolved" and req.resolution_hours is not None
    assert "Resolution time by category" in client.get(reverse("delivery:support_list")).content.decode()
    client.force_login(cast.vendor_x_admin)
    assert "Renewed" in client.get(reverse("portal:support_detail", args=[req.pk])).content.decode()


def test_api_vendor_completes_own_item_and_raises_request(cast, client):
    item = action_item_of_x(cast)
    client.force_login(cast.vendor_y_admin)
    url = reverse("action-item-complete", args=[item.pk])
    assert client.post(url, {"note": "x"}, content_type="application/json").status_code == 404
    assert client.get(reverse("action-item-list")).json()["count"] == 0
    client.force_login(cast.vendor_x_user)
    assert client.post(reverse("action-item-list"), {}, content_type="application/json").status_code == 403
    response = client.post(url, {"note": "Done via API"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "done"
    response = client.post(
        reverse("support-request-list"),
        {"program": cast.program_a.pk, "title": "Data fix", "description": "x", "category": "data_management"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["vendor"] == cast.vendor_x.pk
    client.force_login(cast.vendor_y_admin)
    response = client.post(
        reverse("support-request-list"),
        {"program": cast.program_a.pk, "title": "x", "description": "x", "category": "data_management"},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_api_session_shows_vendor_only_its_attendees(cast, client):
    session = session_of_a(cast)
    client.force_login(cast.vendor_x_admin)
    data = client.get(reverse("training-session-detail", args=[session.pk])).json()
    assert [a["user"] for a in data["attendances"]] == [cast.vendor_x_user.pk]
    client.force_login(cast.manager)
    data = client.get(reverse("training-session-detail", args=[session.pk])).json()
    assert len(data["attendances"]) == 2
    assert client.get(reverse("course-list")).json()["count"] == 1
    course_of_a(cast, title="Second")
    meeting_of_a(cast)
    assert client.get(reverse("meeting-list")).json()["count"] == 1


@pytest.mark.parametrize(
    "route, make",
    [
        ("meeting-list", lambda c, i: meeting_of_a(c, title=f"m{i}", attendees=[c.manager, c.vendor_x_user])),
        ("action-item-list", lambda c, i: action_item_of_x(c, title=f"i{i}")),
        ("training-session-list", lambda c, i: session_of_a(c)),
        ("support-request-list", lambda c, i: support_request_of_x(c, title=f"r{i}")),
        ("communication-list", lambda c, i: communication_of_a(c, audience=f"a{i}")),
    ],
)
def test_api_list_query_count_does_not_grow_with_rows(cast, client, route, make):
    client.force_login(cast.manager)
    url = reverse(route)
    for i in range(2):
        make(cast, i)
    few = _count(client, url)
    for i in range(2, 8):
        make(cast, i)
    assert _count(client, url) == few


def test_meeting_edit_keeps_typed_values_on_refusal(cast, client):
    meeting = meeting_of_a(cast)
    client.force_login(cast.manager)
    response = client.post(
        reverse("delivery:meeting_update", args=[meeting.pk]),
        {"kind": "weekly_ops", "title": "", "starts_at": "2026-03-02T10:00", "minutes": "Typed minutes"},
    )
    assert response.status_code == 200 and "Typed minutes" in response.content.decode()
    response = client.post(
        reverse("delivery:meeting_update", args=[meeting.pk]),
        {"kind": "weekly_ops", "title": "Weekly ops", "starts_at": "2026-03-02T10:00", "minutes": "Typed minutes"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Typed minutes" and meeting.title == "Weekly ops"


def test_home_part_numbers_match_the_lists_they_link_to(cast, client):
    import re

    from delivery import support

    communication_of_a(cast, owner=cast.contributor, last_sent_on=datetime.date(2026, 1, 1))
    communication_of_a(cast, owner=cast.manager, last_sent_on=datetime.date(2026, 1, 1))
    req = support_request_of_x(cast)
    support.support_request_transition(request=req, by=cast.contributor, to="in_progress")  # assigns it
    support.support_request_transition(
        request=support_request_of_x(cast, title="other"), by=cast.contributor, to="resolved", resolution="x"
    )
    client.force_login(cast.contributor)
    html = client.get(reverse("core:home")).content.decode()
    for path in ("/communications/", "/support/"):
        href, number = re.search(rf'<a href="({path}\?[^"]+)">(\d+)</a>', html).groups()
        listed = client.get(href.replace("&amp;", "&") + "&export=csv")
        rows = b"".join(listed.streaming_content).decode().strip().splitlines()[1:]
        assert len(rows) == int(number) == 1, (path, rows)


@pytest.mark.parametrize(
    "route, make",
    [
        ("portal:action_items", lambda c, i: action_item_of_x(c, title=f"i{i}")),
        ("portal:training", lambda c, i: session_of_a(c)),
        ("portal:support", lambda c, i: support_request_of_x(c, title=f"r{i}")),
        ("portal:home", lambda c, i: action_item_of_x(c, title=f"i{i}")),
    ],
)
def test_portal_lists_query_count_does_not_grow_with_rows(cast, client, route, make):
    client.force_login(cast.vendor_x_admin)
    url = reverse(route)
    for i in range(2):
        make(cast, i)
    few = _count(client, url)
    for i in range(2, 8):
        make(cast, i)
    assert _count(client, url) == few


def test_api_staff_create_meeting_and_action_item(cast, client):
    from tests.contracts.factories import contract_of_a

    contract_of_a(cast)
    body = {
        "program": cast.program_a.pk,
        "kind": "qbr",
        "title": "QBR Q1",
        "starts_at": "2026-04-02T09:00:00Z",
        "attendees": [cast.manager.pk, cast.vendor_x_admin.pk],
    }
    # The outsider cannot see program A: the same 400 on `program` as a missing program.
    for user, status in ((cast.viewer, 403), (cast.outsider, 400), (cast.vendor_x_admin, 403)):
        client.force_login(user)
        assert client.post(reverse("meeting-list"), body, content_type="application/json").status_code == status
    client.force_login(cast.contributor)
    response = client.post(reverse("meeting-list"), body, content_type="application/json")
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    bad = {**body, "attendees": [cast.vendor_y_admin.pk]}
    assert client.post(reverse("meeting-list"), bad, content_type="application/json").status_code == 400
    # A meeting stays in its program: another program is refused on the field (it was dropped),
    # the program it has is accepted.
    moved = client.patch(
        reverse("meeting-detail", args=[meeting.pk]),
        {"minutes": "Roadmap agreed", "program": cast.program_b.pk},
        content_type="application/json",
    )
    assert moved.status_code == 400
    assert [(e["code"], e["attr"]) for e in moved.json()["errors"]] == [("read_only", "program")]
    response = client.patch(
        reverse("meeting-detail", args=[meeting.pk]),
        {"minutes": "Roadmap agreed", "program": cast.program_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    meeting.refresh_from_db()
    assert meeting.minutes == "Roadmap agreed" and meeting.program == cast.program_a
    item = {
        "meeting": meeting.pk,
        "title": "Send the roadmap",
        "owner": cast.vendor_x_user.pk,
        "due_date": "2026-04-09",
    }
    response = client.post(reverse("action-item-list"), item, content_type="application/json")
    assert response.status_code == 201 and response.json()["vendor"] == cast.vendor_x.pk
    bad = {**item, "owner": cast.vendor_y_admin.pk}
    assert client.post(reverse("action-item-list"), bad, content_type="application/json").status_code == 400
    client.force_login(cast.viewer)
    assert client.post(reverse("action-item-list"), item, content_type="application/json").status_code == 403
    client.force_login(cast.outsider)
    assert client.post(reverse("action-item-list"), item, content_type="application/json").status_code == 404
