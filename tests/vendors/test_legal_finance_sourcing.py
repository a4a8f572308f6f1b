"""Legal reviewers and finance read every program's contracts and money, not its sourcing (user test
2026-11-28: with the legal token /api/v1/scores/?event=1 listed every evaluator's score with their
ids, and the proposals their prices and answers). An event and everything under it (proposals,
attachments, evaluators, scores, the comparison, Q&A, due diligence, the award) answer them 404 as
a missing one, unless they read the program as other staff do (a reading member, its sponsor).
Administrators and executives keep reading them; legal still reads the contract an award creates."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bpo.accounts.models import ProgramMembership
from contracts.models import Contract
from vendors.models import (
    AwardDecision,
    Criterion,
    DueDiligence,
    EvaluatorAssignment,
    EventDocument,
    Invitation,
    Proposal,
    ProposalAttachment,
    Question,
    RequirementCheck,
    Score,
    SourcingEvent,
)
from vendors.services import award_approve, award_propose, evaluator_submit, score_save

from .world import make_event, make_proposal

SECRET_PRICE = "876543.21"
NOT_SOURCING_READERS = ["legal", "finance"]


@pytest.fixture
def world(cast):
    """An event of program A past its deadline: vendor X's proposal (with an attachment), the
    evaluator's submitted score, a document, a question, a requirement check, due diligence and a
    proposed award."""
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x, price=SECRET_PRICE, by=cast.vendor_x_admin)
    attachment = ProposalAttachment(proposal=proposal, title="deck.pdf")
    attachment.file.save("deck.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    document = EventDocument(event=event, title="RFP.pdf")
    document.file.save("rfp.pdf", ContentFile(b"%PDF-1.4 rfp"), save=True)
    assignment = EvaluatorAssignment.objects.get(event=event, user=cast.evaluator)
    score = Score.objects.create(
        assignment=assignment, proposal=proposal, criterion=Criterion.objects.get(event=event, is_price=False), score=7
    )
    EvaluatorAssignment.objects.filter(pk=assignment.pk).update(submitted_at=timezone.now())
    Question.objects.create(event=event, vendor=cast.vendor_x, asked_by=cast.vendor_x_admin, text="Volumes?")
    RequirementCheck.objects.create(proposal=proposal, requirement=event.requirements.get(), passed=True)
    DueDiligence.objects.create(
        proposal=proposal, kind="reference", performed_on=timezone.localdate(), findings="Good references", score=8
    )
    AwardDecision.objects.create(event=event, proposal=proposal, rationale="Best value", decided_by=cast.manager)
    return {"event": event, "proposal": proposal, "attachment": attachment, "document": document, "score": score}


def _pages(world):
    event = world["event"]
    return [
        reverse("vendors:event_detail", args=[event.pk]),
        reverse("vendors:evaluation", args=[event.pk]),
        reverse("vendors:evaluation", args=[event.pk]) + "?export=csv",
        reverse("vendors:score_sheet", args=[event.pk]),
        reverse("vendors:proposal_detail", args=[world["proposal"].pk]),
        reverse("vendors:proposal_attachment", args=[world["attachment"].pk]),
        reverse("vendors:event_document", args=[world["document"].pk]),
    ]


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.mark.parametrize("role", NOT_SOURCING_READERS)
def test_legal_and_finance_get_404_on_every_sourcing_page(cast, client, world, role):
    client.force_login(getattr(cast, role))
    for url in _pages(world):
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("vendors:event_list"))
    assert listing.status_code == 200 and "Contact centre RFP" not in listing.content.decode()
    # The program page (they read the program) lists and links no event.
    program = client.get(reverse("strategy:program_detail", args=[cast.program_a.pk]))
    assert program.status_code == 200 and world["event"].get_absolute_url() not in program.content.decode()


@pytest.mark.parametrize("role", NOT_SOURCING_READERS)
def test_legal_and_finance_get_404_and_empty_lists_on_the_api(cast, world, role):
    api, event = _api(getattr(cast, role)), world["event"]
    assert api.get(f"/api/v1/sourcing-events/{event.pk}/").status_code == 404
    assert api.get(f"/api/v1/sourcing-events/{event.pk}/ranking/").status_code == 404
    assert api.get(f"/api/v1/proposals/{world['proposal'].pk}/").status_code == 404
    assert api.get(f"/api/v1/scores/{world['score'].pk}/").status_code == 404
    for path in ("/api/v1/sourcing-events/", "/api/v1/proposals/", "/api/v1/scores/"):
        assert api.get(path).json()["count"] == 0, path
    # The event as a filter is refused as an unknown one: no evaluator's score, no bid.
    for path in (f"/api/v1/scores/?event={event.pk}", f"/api/v1/proposals/?event={event.pk}"):
        response = api.get(path)
        body = response.content.decode()
        assert response.status_code == 400 and '"event"' in body, path  # the field is named
        assert SECRET_PRICE not in body and '"results"' not in body


@pytest.mark.parametrize("role", NOT_SOURCING_READERS)
def test_no_sourcing_record_is_visible_to_legal_or_finance(cast, world, role):
    user = getattr(cast, role)
    for model in (
        SourcingEvent,
        Invitation,
        EventDocument,
        Question,
        EvaluatorAssignment,
        AwardDecision,
        Proposal,
        ProposalAttachment,
        RequirementCheck,
        DueDiligence,
        Score,
    ):
        assert not model.objects.visible_to(user).exists(), model.__name__


@pytest.mark.parametrize("role", NOT_SOURCING_READERS)
def test_their_home_shows_no_sourcing_panel_even_for_a_sheet_left_from_a_past_membership(cast, client, role):
    """Assigned to evaluate as an evaluator member, then removed from the program: as any other
    staff, the assignment alone grants nothing (the global role granted the event before)."""
    user = getattr(cast, role)
    membership = ProgramMembership.objects.create(user=user, program=cast.program_a, role="evaluator")
    event = make_event(cast, evaluators=(role,))
    client.force_login(user)
    home = client.get(reverse("core:home", query={"refresh": 1})).content.decode()
    assert 'id="h-sheets"' in home and "Contact centre RFP" in home  # as an evaluator member: scores it
    membership.delete()
    home = client.get(reverse("core:home", query={"refresh": 1})).content.decode()
    assert 'id="h-sheets"' not in home and "Contact centre RFP" not in home
    assert client.get(reverse("vendors:score_sheet", args=[event.pk])).status_code == 404


@pytest.mark.parametrize("role", NOT_SOURCING_READERS)
def test_a_viewer_member_of_the_program_reads_its_sourcing(cast, client, world, role):
    user = getattr(cast, role)
    ProgramMembership.objects.create(user=user, program=cast.program_a, role="viewer")
    client.force_login(user)
    page = client.get(reverse("vendors:proposal_detail", args=[world["proposal"].pk]))
    assert page.status_code == 200 and "876,543.21" in page.content.decode()
    assert client.get(reverse("vendors:event_detail", args=[world["event"].pk])).status_code == 200
    assert client.get(reverse("vendors:evaluation", args=[world["event"].pk])).status_code == 200
    api = _api(user)
    assert [s["id"] for s in api.get(f"/api/v1/scores/?event={world['event'].pk}").json()["results"]] == [
        world["score"].pk
    ]
    assert api.get(f"/api/v1/proposals/{world['proposal'].pk}/").json()["price"] == SECRET_PRICE
    # Not through program B: a membership reads its own program's events only.
    other = make_event(cast)
    SourcingEvent.objects.filter(pk=other.pk).update(program=cast.program_b)
    assert set(SourcingEvent.objects.visible_to(user)) == {world["event"]}


def test_the_programs_sponsor_reads_its_sourcing(cast, world):
    cast.program_a.sponsor = cast.legal
    cast.program_a.save(update_fields=["sponsor"])
    assert set(SourcingEvent.objects.visible_to(cast.legal)) == {world["event"]}
    assert Score.objects.visible_to(cast.legal).filter(pk=world["score"].pk).exists()
    assert not SourcingEvent.objects.visible_to(cast.finance).exists()


@pytest.mark.parametrize("role", ["admin", "executive"])
def test_administrators_and_executives_still_read_sourcing(cast, client, world, role):
    user = getattr(cast, role)
    client.force_login(user)
    page = client.get(reverse("vendors:proposal_detail", args=[world["proposal"].pk]))
    assert page.status_code == 200 and "876,543.21" in page.content.decode()
    assert client.get(reverse("vendors:event_detail", args=[world["event"].pk])).status_code == 200
    api = _api(user)
    assert api.get(f"/api/v1/scores/?event={world['event'].pk}").json()["count"] == 1
    assert api.get(f"/api/v1/sourcing-events/{world['event'].pk}/ranking/").status_code == 200


def test_legal_reads_the_contract_the_award_creates_but_not_the_event(cast, client):
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x, price="100000")
    quality = Criterion.objects.get(event=event, is_price=False)
    score_save(proposal=proposal, criterion=quality, by=cast.evaluator, score=Decimal("7"))
    evaluator_submit(event=event, by=cast.evaluator)
    award_propose(event=event, proposal=proposal, by=cast.manager, rationale="Best value")
    award_approve(event=event, by=cast.admin)
    contract = Contract.objects.get(program=cast.program_a, vendor=cast.vendor_x)
    client.force_login(cast.legal)
    assert client.get(contract.get_absolute_url()).status_code == 200
    assert Contract.objects.visible_to(cast.legal).filter(pk=contract.pk).exists()
    assert client.get(event.get_absolute_url()).status_code == 404
