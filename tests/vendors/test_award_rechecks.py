"""The award is checked again when it is approved, and waits for every assigned evaluator's sheet
(user test 2026-11-28: a proposal disqualified after the award was proposed still won, and an
award was approved with 0 of 2 sheets submitted, after which the evaluator read "Scoring opens
when the submission deadline has passed")."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.accounts.models import ProgramMembership
from contracts.models import Contract
from vendors.models import AwardDecision, Criterion, SourcingEvent
from vendors.services import award_approve, award_propose, evaluator_submit, requirement_check_record, score_save

from .world import make_event, make_proposal


@pytest.fixture
def event(cast):
    event = make_event(cast, invite=("vendor_x", "vendor_y"), evaluators=("evaluator", "manager"))
    x = make_proposal(event, cast.vendor_x, price="100000")
    y = make_proposal(event, cast.vendor_y, price="125000")
    quality = Criterion.objects.get(event=event, is_price=False)
    return event, x, y, quality


def _all_submit(cast, event, x, quality):
    for user in (cast.evaluator, cast.manager):
        score_save(proposal=x, criterion=quality, by=user, score=Decimal("7"))
        evaluator_submit(event=event, by=user)


def test_a_proposal_disqualified_after_the_award_was_proposed_is_not_approved(cast, event):
    event, x, y, quality = event
    _all_submit(cast, event, x, quality)
    award_propose(event=event, proposal=x, by=cast.manager, rationale="Best value")
    requirement_check_record(proposal=x, requirement=event.requirements.get(), by=cast.manager, passed=False)
    with pytest.raises(ValidationError, match="disqualified"):
        award_approve(event=event, by=cast.admin)
    event.refresh_from_db()
    assert event.status == "published" and not Contract.objects.exists()
    assert AwardDecision.objects.get(event=event).approved_at is None


def test_a_cancelled_event_is_not_awarded(cast, event):
    event, x, y, quality = event
    _all_submit(cast, event, x, quality)
    award_propose(event=event, proposal=x, by=cast.manager, rationale="Best value")
    SourcingEvent.objects.filter(pk=event.pk).update(status="cancelled")
    with pytest.raises(ValidationError, match="published event"):
        award_approve(event=event, by=cast.admin)
    assert not Contract.objects.exists()


def test_the_award_waits_for_every_sheet_then_scoring_is_closed(cast, event, client):
    event, x, y, quality = event
    score_save(proposal=x, criterion=quality, by=cast.manager, score=Decimal("7"))
    evaluator_submit(event=event, by=cast.manager)
    with pytest.raises(ValidationError, match="The award waits for every score sheet: not yet submitted by "):
        award_propose(event=event, proposal=x, by=cast.manager, rationale="Best value")
    # An award proposed before (an old record) is not approved either.
    AwardDecision.objects.create(event=event, proposal=x, rationale="Best value", decided_by=cast.manager)
    with pytest.raises(ValidationError, match="The award waits for every score sheet: not yet submitted by "):
        award_approve(event=event, by=cast.admin)
    client.force_login(cast.admin)
    client.post(reverse("vendors:event_action", args=[event.pk, "approve-award"]))
    event.refresh_from_db()
    assert event.status == "published"

    score_save(proposal=x, criterion=quality, by=cast.evaluator, score=Decimal("8"))
    evaluator_submit(event=event, by=cast.evaluator)
    award_approve(event=event, by=cast.admin)
    event.refresh_from_db()
    assert event.status == "awarded"


def test_an_evaluator_removed_from_the_program_does_not_hold_up_the_award(cast, event):
    event, x, y, quality = event
    score_save(proposal=x, criterion=quality, by=cast.manager, score=Decimal("7"))
    evaluator_submit(event=event, by=cast.manager)
    ProgramMembership.objects.filter(user=cast.evaluator, program=cast.program_a).delete()
    award_propose(event=event, proposal=x, by=cast.manager, rationale="Best value")
    assert award_approve(event=event, by=cast.admin).approved_at


def test_scoring_an_awarded_event_says_the_award_is_decided(cast, event):
    event, x, y, quality = event
    SourcingEvent.objects.filter(pk=event.pk).update(status="awarded")
    with pytest.raises(ValidationError, match="Scoring is closed: the award is decided."):
        score_save(proposal=x, criterion=quality, by=cast.evaluator, score=Decimal("8"))
    SourcingEvent.objects.filter(pk=event.pk).update(status="cancelled")
    with pytest.raises(ValidationError, match="Scoring is closed: the event is cancelled."):
        evaluator_submit(event=event, by=cast.evaluator)
