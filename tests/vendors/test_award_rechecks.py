"""The award is checked again when it is approved, and waits for every assigned evaluator's sheet
(user test 2026-11-28: a proposal disqualified after the award was proposed still won, and an
award was approved with 0 of 2 sheets submitted, after which the evaluator read "Scoring opens
when the submission deadline has passed")."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

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
