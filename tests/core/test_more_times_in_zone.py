"""More times of a program's records are told in the program's time zone with the zone named, as
the history panel tells them: a contract's change request, support requests and training sessions
(staff and portal) and a task's progress updates (staff and portal), not in UTC without a zone."""

import pytest
from django.urls import reverse

from contracts.models import ChangeRequest
from delivery.models import ActionItem, SupportRequest, TaskUpdate, TrainingSession
from tests.contracts.factories import contract_of_a
from tests.core.conftest import AT, MANILA, zone_page
from tests.delivery.engagement_factories import action_item_of_x, meeting_of_a, session_of_a, support_request_of_x
from tests.delivery.plan_factories import task

pytestmark = pytest.mark.django_db


def test_a_change_request_is_told_in_the_programs_zone(manila, client):
    change = ChangeRequest.objects.create(
        contract=contract_of_a(manila), title="More seats", description="Ten more", raised_by=manila.manager
    )
    ChangeRequest.objects.filter(pk=change.pk).update(raised_at=AT)
    assert f"{manila.manager} · {MANILA}" in zone_page(client, manila.manager, change.get_absolute_url())


def test_a_support_request_is_told_in_the_programs_zone_on_staff_and_portal_pages(manila, client):
    req = support_request_of_x(manila)
    SupportRequest.objects.filter(pk=req.pk).update(opened_at=AT, resolved_at=AT)
    staff = zone_page(client, manila.manager, reverse("delivery:support_detail", args=[req.pk]))
    assert staff.count(MANILA) >= 2
    assert zone_page(client, manila.vendor_x_user, reverse("portal:support_detail", args=[req.pk])).count(MANILA) >= 2
    assert MANILA in zone_page(client, manila.vendor_x_user, reverse("portal:support"))


def test_a_training_session_is_told_in_the_programs_zone(manila, client):
    session = session_of_a(manila)
    TrainingSession.objects.filter(pk=session.pk).update(starts_at=AT)
    assert MANILA in zone_page(client, manila.manager, session.get_absolute_url())
    assert MANILA in zone_page(client, manila.vendor_x_user, reverse("portal:training"))
    assert MANILA in zone_page(client, manila.vendor_x_user, reverse("portal:training_session", args=[session.pk]))


def test_a_tasks_progress_updates_are_told_in_the_programs_zone(manila, client):
    contract_of_a(manila)
    build = task(manila.program_a, "Build", 5, 20, vendor=manila.vendor_x)
    update = TaskUpdate.objects.create(task=build, by=manila.manager, percent_complete=40, comment="On track")
    TaskUpdate.objects.filter(pk=update.pk).update(at=AT)
    line = f"{MANILA} · {manila.manager} · 40%"
    assert line in zone_page(client, manila.manager, reverse("delivery:task_detail", args=[build.pk]))
    assert line in zone_page(client, manila.vendor_x_admin, reverse("portal:task_update", args=[build.pk]))


def test_a_meeting_and_its_closed_action_item_are_told_in_the_programs_zone(manila, client):
    meeting = meeting_of_a(manila, starts_at=AT)
    item = action_item_of_x(manila, meeting=meeting)
    ActionItem.objects.filter(pk=item.pk).update(completed_at=AT, completed_by=manila.manager)
    assert MANILA in zone_page(client, manila.manager, meeting.get_absolute_url())
    assert f"{MANILA} · {manila.manager}" in zone_page(client, manila.manager, item.get_absolute_url())
    portal = zone_page(client, manila.vendor_x_user, reverse("portal:action_item_detail", args=[item.pk]))
    assert f"{MANILA} · {manila.manager}" in portal
    assert "Weekly operations · 2026-11-28" in portal  # the meeting's day in Manila
