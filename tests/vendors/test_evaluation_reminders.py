"""Evaluators hear when they are assigned and when scoring opens (once); approvers see what waits for them."""

from datetime import timedelta

from django.urls import reverse

from bpo.core.models import Notification
from strategy.models import Program
from vendors.models import AwardDecision
from vendors.services import event_item_create
from vendors.services.sourcing import scoring_open_reminders

from .world import make_event, make_proposal


def test_assigned_evaluator_is_told(cast):
    event = make_event(cast, status="draft", deadline_in=timedelta(days=5), evaluators=())
    event_item_create(event=event, kind="evaluator", by=cast.manager, user=cast.evaluator)
    assert Notification.objects.filter(recipient=cast.evaluator, event_key=f"sourcing-evaluator:{event.pk}").exists()


def test_scoring_open_reminder_goes_once_to_evaluators_still_scoring(cast):
    open_event = make_event(cast)  # deadline passed
    make_event(cast, deadline_in=timedelta(days=3))  # still sealed: no reminder
    assert scoring_open_reminders() == 1
    assert scoring_open_reminders() == 0
    note = Notification.objects.get(recipient=cast.evaluator)
    assert note.event_key == f"sourcing-scoring-open:{open_event.pk}"


def test_sponsor_sees_the_program_and_the_awards_waiting_for_approval_on_home(cast, client):
    Program.objects.filter(pk=cast.program_a.pk).update(sponsor=cast.outsider)
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x)
    AwardDecision.objects.create(event=event, proposal=proposal, rationale="Best", decided_by=cast.manager)
    client.force_login(cast.outsider)
    assert client.get(reverse("strategy:program_detail", args=[cast.program_a.pk])).status_code == 200
    home = client.get(reverse("core:home")).content.decode()
    assert "waits for your approval" in home and "Contact centre RFP" in home
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Approve award" in page


def test_finance_home_lists_budgets_to_approve(cast, client):
    from strategy.services import charter_item_create

    charter_item_create(
        program=cast.program_a, kind="budget", by=cast.manager, category="other", period="2027", planned_amount=5
    )
    client.force_login(cast.finance)
    home = client.get(reverse("core:home")).content.decode()
    assert "Waiting for your approval" in home and "PA Program A" in home


def test_an_evaluator_removed_from_the_program_is_neither_reminded_nor_shown_the_sheet(cast, client):
    from bpo.accounts.models import ProgramMembership

    make_event(cast)  # deadline passed, cast.evaluator assigned
    client.force_login(cast.evaluator)
    assert "Contact centre RFP" in client.get(reverse("core:home")).content.decode()
    ProgramMembership.objects.filter(user=cast.evaluator, program=cast.program_a).delete()
    assert "Contact centre RFP" not in client.get(reverse("core:home", query={"refresh": 1})).content.decode()
    assert scoring_open_reminders() == 0
    assert not Notification.objects.filter(recipient=cast.evaluator).exists()
