"""A sourcing event's deadlines are typed and read in its program's time zone, with the zone
named, whoever reads them (staff, portal, notifications) and whatever the server's zone (UTC in
tests): a Shanghai program's deadline of 15:35 UTC reads "2026-12-18 23:35 (Asia/Shanghai)"."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from bpo.core.models import Notification
from vendors.models import SourcingEvent
from vendors.services import event_item_create

from .world import make_event

pytestmark = pytest.mark.django_db

DEADLINE = datetime(2026, 12, 18, 15, 35, tzinfo=UTC)  # 23:35 in Shanghai
SHOWN = "2026-12-18 23:35 (Asia/Shanghai)"


@pytest.fixture
def shanghai(cast):
    cast.program_a.time_zone = "Asia/Shanghai"
    cast.program_a.save(update_fields=["time_zone"])
    return cast


def _open_event(c):
    event = make_event(c, deadline_in=DEADLINE - datetime.now(UTC))
    SourcingEvent.objects.filter(pk=event.pk).update(
        submission_deadline=DEADLINE, questions_deadline=datetime(2026, 12, 10, 1, 0, tzinfo=UTC)
    )
    return SourcingEvent.objects.get(pk=event.pk)


def test_staff_event_page_list_and_score_sheet_show_the_deadline_in_the_programs_zone(shanghai, client):
    event = _open_event(shanghai)
    client.force_login(shanghai.manager)
    page = client.get(event.get_absolute_url()).content.decode()
    # Not the UTC time: "2026-12-18 15:35" (a history time may end in 15:35 seconds).
    assert SHOWN in page and "2026-12-10 09:00 (Asia/Shanghai)" in page and "2026-12-18 15:35" not in page
    assert SHOWN in client.get(reverse("vendors:event_list")).content.decode()
    client.force_login(shanghai.evaluator)
    assert SHOWN in client.get(reverse("vendors:score_sheet", args=[event.pk])).content.decode()
    assert SHOWN in client.get(reverse("core:home")).content.decode()  # "scoring opens …"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_portal_shows_the_deadline_in_the_programs_zone(shanghai, client, language):
    event = _open_event(shanghai)
    user = shanghai.vendor_x_admin
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = language
    for url in (reverse("portal:sourcing_detail", args=[event.pk]), reverse("portal:sourcing_list"), "/portal/"):
        page = client.get(url).content.decode()
        assert SHOWN in page and "2026-12-18 15:35" not in page, url
    answer = client.get(reverse("portal:sourcing_list"), {"export": "csv"})
    export = b"".join(answer.streaming_content).decode("utf-8-sig")
    assert SHOWN in export


def test_event_form_reads_and_shows_the_deadlines_in_the_programs_zone(shanghai, client):
    client.force_login(shanghai.manager)
    data = {
        "program": shanghai.program_a.pk,
        "kind": "rfp",
        "title": "Shanghai RFP",
        "questions_deadline": "2026-12-10T09:00",
        "submission_deadline": "2026-12-18T23:35",
    }
    response = client.post(reverse("vendors:event_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = SourcingEvent.objects.get(title="Shanghai RFP")
    assert event.submission_deadline == DEADLINE
    assert event.questions_deadline == datetime(2026, 12, 10, 1, 0, tzinfo=UTC)
    form = client.get(reverse("vendors:event_update", args=[event.pk])).content.decode()
    assert 'value="2026-12-18T23:35"' in form and "Asia/Shanghai" in form


def test_invitation_notification_and_email_quote_the_deadline_in_the_programs_zone(
    shanghai, django_capture_on_commit_callbacks
):
    event = _open_event(shanghai)
    with django_capture_on_commit_callbacks(execute=True):
        event_item_create(event=event, kind="invitation", by=shanghai.manager, vendor=shanghai.vendor_y)
    note = Notification.objects.get(recipient=shanghai.vendor_y_admin, event_key=f"sourcing-invited:{event.pk}")
    assert SHOWN in note.body
    assert any(SHOWN in m.body for m in mail.outbox)


def test_api_gives_the_deadlines_with_the_programs_offset_and_reads_a_naive_one_there(shanghai):
    event = _open_event(shanghai)
    api = APIClient()
    api.force_authenticate(shanghai.manager)
    row = api.get(f"/api/v1/sourcing-events/{event.pk}/").json()
    assert row["submission_deadline"] == "2026-12-18T23:35:00+08:00"
    assert datetime.fromisoformat(row["submission_deadline"]) == DEADLINE
    created = api.post(
        "/api/v1/sourcing-events/",
        {
            "program": shanghai.program_a.pk,
            "kind": "tender",
            "title": "Naive times",
            "questions_deadline": "2026-12-10T09:00:00",
            "submission_deadline": "2026-12-18T23:35:00",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert SourcingEvent.objects.get(pk=created.json()["id"]).submission_deadline == DEADLINE
    with_offset = api.patch(
        f"/api/v1/sourcing-events/{created.json()['id']}/",
        {"submission_deadline": "2026-12-18T15:35:00Z"},
        format="json",
    )
    assert with_offset.status_code == 200, with_offset.content
    assert with_offset.json()["submission_deadline"] == "2026-12-18T23:35:00+08:00"
