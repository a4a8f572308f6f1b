"""An evaluator removed from the event's program loses every door to its proposals, attachments,
evaluation and scores: the assignment alone grants nothing (user test 2026-11-28: after the
program manager removed Emil Evaluator from AP-2026 he still read proposals, prices, the
attachment, the comparison and GET /api/v1/proposals/)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bpo.accounts.models import ProgramMembership
from vendors.models import Criterion, EvaluatorAssignment, Proposal, ProposalAttachment, Score, SourcingEvent
from vendors.services import score_save

from .world import attachment_pk, make_event


def _urls(event, proposal, attachment):
    return [
        reverse("vendors:event_detail", args=[event.pk]),
        reverse("vendors:proposal_detail", args=[proposal.pk]),
        reverse("vendors:proposal_attachment", args=[attachment.pk]),
        reverse("vendors:evaluation", args=[event.pk]),
        reverse("vendors:score_sheet", args=[event.pk]),
        f"/api/v1/proposals/{proposal.pk}/",
        f"/api/v1/sourcing-events/{event.pk}/",
    ]


def test_removed_evaluator_loses_the_event_its_proposals_and_scores(cast, client):
    attachment = ProposalAttachment.objects.get(pk=attachment_pk(cast)["pk"])
    proposal = attachment.proposal
    event = proposal.event
    quality = Criterion.objects.get(event=event, is_price=False)
    score_save(proposal=proposal, criterion=quality, by=cast.evaluator, score="7")
    client.force_login(cast.evaluator)
    for url in _urls(event, proposal, attachment):
        assert client.get(url).status_code == 200, url
    assert client.get("/api/v1/proposals/").json()["count"] == 1

    ProgramMembership.objects.filter(user=cast.evaluator, program=cast.program_a).delete()

    for url in _urls(event, proposal, attachment):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/proposals/").json()["count"] == 0
    assert client.get("/api/v1/scores/").json()["count"] == 0
    for model in (SourcingEvent, Proposal, ProposalAttachment, Score, EvaluatorAssignment):
        assert not model.objects.visible_to(cast.evaluator).exists(), model
    with pytest.raises(PermissionDenied):
        score_save(proposal=proposal, criterion=quality, by=cast.evaluator, score="8")
    # Still assigned and the program's other readers keep theirs.
    assert EvaluatorAssignment.objects.filter(event=event, user=cast.evaluator).exists()
    assert Proposal.objects.visible_to(cast.viewer).filter(pk=proposal.pk).exists()


def test_assignment_without_membership_grants_nothing(cast, client):
    """The demo's case: assigned to an event of a program they are not a member of."""
    event = make_event(cast, evaluators=())
    EvaluatorAssignment.objects.create(event=event, user=cast.outsider)
    client.force_login(cast.outsider)
    assert client.get(reverse("vendors:event_detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("vendors:score_sheet", args=[event.pk])).status_code == 404
    assert not SourcingEvent.objects.visible_to(cast.outsider).filter(pk=event.pk).exists()
