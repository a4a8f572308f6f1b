"""Assigning an evaluator (user test 2026-11-28): the event page offered "Assign an evaluator"
after the submission deadline, then the service refused it as "The event is published: its
requirements and criteria are fixed.". Evaluators are now assigned until the scores are final
(vendors.services.sourcing.evaluator_assignment_refused, shared by page and service): also during
scoring, blind as the others; not once an award is proposed or decided, nor on a cancelled event,
and then the page does not offer it and the refusal names the reason."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.accounts.choices import ProgramRole
from bpo.core.models import Notification
from tests.factories import MembershipFactory, UserFactory
from vendors.models import AwardDecision, Criterion, EvaluatorAssignment, Proposal, Score
from vendors.services import evaluator_submit, event_item_create, score_save

from .world import make_event, make_proposal

LINK = "Assign an evaluator"


@pytest.fixture
def late(cast):
    """An event past its deadline, one proposal, the cast's evaluator assigned; a second
    evaluator, member of the program, not assigned yet."""
    second = UserFactory(username="evaluator2")
    MembershipFactory(user=second, program=cast.program_a, role=ProgramRole.EVALUATOR)
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x)
    return event, proposal, second


def test_an_evaluator_is_assigned_during_scoring_and_scores_blind(cast, client, late):
    event, proposal, second = late
    quality = Criterion.objects.get(event=event, name="Quality")
    score_save(proposal=proposal, criterion=quality, by=cast.evaluator, score=Decimal("8"))
    evaluator_submit(event=event, by=cast.evaluator)

    client.force_login(cast.manager)
    page = client.get(event.get_absolute_url()).content.decode()
    assert LINK in page
    url = reverse("vendors:event_item_create", args=[event.pk, "evaluator"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"user": second.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EvaluatorAssignment.objects.filter(event=event, user=second).exists()
    told = Notification.objects.get(recipient=second)
    assert "open for scoring" in told.body

    # Sealed rules unchanged: the proposal as other evaluators see it, the submitted sheet hidden
    # until their own is submitted.
    assert list(Proposal.objects.visible_to(second)) == [proposal]
    assert not Score.objects.visible_to(second).exists()
    score_save(proposal=proposal, criterion=quality, by=second, score=Decimal("6"))
    evaluator_submit(event=event, by=second)
    assert Score.objects.visible_to(second).count() == 2


def test_not_offered_and_refused_with_the_reason_once_the_award_is_proposed(cast, client, late):
    event, proposal, second = late
    AwardDecision.objects.create(event=event, proposal=proposal, rationale="Best", decided_by=cast.manager)
    reason = "Evaluators can no longer be assigned: an award is proposed on the submitted scores."
    with pytest.raises(ValidationError) as refused:
        event_item_create(event=event, kind="evaluator", by=cast.manager, user=second)
    assert refused.value.messages == [reason]

    client.force_login(cast.manager)
    assert LINK not in client.get(event.get_absolute_url()).content.decode()
    url = reverse("vendors:event_item_create", args=[event.pk, "evaluator"])
    response = client.get(url)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [reason]
    posted = client.post(url, {"user": second.pk}).content.decode()
    assert reason in posted and "requirements and criteria are fixed" not in posted
    assert not EvaluatorAssignment.objects.filter(user=second).exists()


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("awarded", "Evaluators can no longer be assigned: the award is decided."),
        ("cancelled", "Evaluators can no longer be assigned: the event is cancelled."),
    ],
)
def test_closed_events(cast, client, late, status, reason):
    event, _proposal, second = late
    event.status = status
    event.save(update_fields=["status"])
    with pytest.raises(ValidationError) as refused:
        event_item_create(event=event, kind="evaluator", by=cast.manager, user=second)
    assert refused.value.messages == [reason]
    client.force_login(cast.manager)
    assert LINK not in client.get(event.get_absolute_url()).content.decode()


def test_still_assigned_before_the_deadline(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5), evaluators=())
    client.force_login(cast.manager)
    assert LINK in client.get(event.get_absolute_url()).content.decode()
    assert event_item_create(event=event, kind="evaluator", by=cast.manager, user=cast.evaluator)
