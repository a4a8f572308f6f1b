"""Who may open the vendor registry, sourcing and evaluation pages and endpoints
(merged into tests/test_access_matrix.py). The sourcing records come from tests/vendors/world.py:
an event of program A, past its deadline, vendor X invited with a proposal, the evaluator assigned
(program A's evaluator reads the event, its documents, proposals and comparison, nothing else of A).
Finance and legal read every program's money or contracts, not its sourcing: every event page and
API route answers them 404, as a missing event (NOT_SOURCING_READERS)."""

from tests.access import NOT_SOURCING_READERS, SOURCING_READERS_OF_A, expect, only

from .world import (
    attachment_pk,
    change_request_pk,
    document_pk,
    event_pk,
    proposal_pk,
    question_pk,
    vendor_document,
)

CAN_CREATE = ["admin", "manager", "outsider"]  # administrators and anyone who manages a program
EVENT_MANAGERS = ["admin", "manager"]
INVITED_ONLY = {"vendor_y_admin": 404}  # vendor Y is not invited: the event does not exist for it


def _action(c):
    return {**event_pk(c), "action": "publish"}


def _part(c):
    return {"event_pk": event_pk(c)["pk"], "kind": "requirement"}


EXPECT = {
    "vendors:vendor_list": (None, expect(302, 200, 403)),
    "vendors:vendor_create": (None, only(CAN_CREATE)),
    "vendors:vendor_detail": (lambda c: {"pk": c.vendor_x.pk}, expect(302, 200, 403)),
    "vendors:vendor_update": (lambda c: {"pk": c.vendor_x.pk}, only(CAN_CREATE)),
    "vendors:vendor_item_create": (lambda c: {"vendor_pk": c.vendor_x.pk, "kind": "contact"}, only(CAN_CREATE)),
    "vendors:vendor_item_delete": (vendor_document, expect(302, 405, 403)),
    "vendors:vendor_item_file": (vendor_document, expect(302, 200, 403)),
    "vendors:change_request_list": (None, expect(302, 200, 403)),
    "vendors:change_request_detail": (change_request_pk, expect(302, 200, 403)),
    "vendors:event_list": (None, expect(302, 200, 403)),
    "vendors:event_create": (None, only(CAN_CREATE)),
    "vendors:event_detail": (event_pk, only(SOURCING_READERS_OF_A, outsider=404, **NOT_SOURCING_READERS)),
    "vendors:event_update": (event_pk, only(EVENT_MANAGERS, outsider=404, **NOT_SOURCING_READERS)),
    "vendors:event_action": (_action, expect(302, 405, 403)),
    "vendors:event_item_create": (_part, only(EVENT_MANAGERS, outsider=404, **NOT_SOURCING_READERS)),
    "vendors:event_item_delete": (
        lambda c: {"kind": "requirement", "pk": _req(c)},
        expect(302, 405, 403),
    ),
    "vendors:event_document": (document_pk, only(SOURCING_READERS_OF_A, outsider=404, **NOT_SOURCING_READERS)),
    "vendors:question_answer": (question_pk, only(EVENT_MANAGERS, outsider=404, **NOT_SOURCING_READERS)),
    # Only the assigned evaluator has a score sheet; other readers 403, the outsider, finance and legal 404.
    "vendors:score_sheet": (event_pk, only(["evaluator"], outsider=404, **NOT_SOURCING_READERS)),
    "vendors:evaluation": (event_pk, only(SOURCING_READERS_OF_A, outsider=404, **NOT_SOURCING_READERS)),
    "vendors:diligence_create": (event_pk, only(EVENT_MANAGERS, outsider=404, **NOT_SOURCING_READERS)),
    "vendors:award": (event_pk, only(EVENT_MANAGERS, outsider=404, **NOT_SOURCING_READERS)),
    "vendors:proposal_detail": (proposal_pk, only(SOURCING_READERS_OF_A, outsider=404, **NOT_SOURCING_READERS)),
    "vendors:proposal_attachment": (attachment_pk, only(SOURCING_READERS_OF_A, outsider=404, **NOT_SOURCING_READERS)),
    # The portal: staff are refused at the door; vendor Y was never invited (404).
    "portal:sourcing_list": (None, expect(302, 403, 200)),
    "portal:sourcing_detail": (event_pk, expect(302, 403, 200, **INVITED_ONLY)),
    "portal:sourcing_ask": (event_pk, expect(302, 403, 405)),
    "portal:proposal_edit": (event_pk, expect(302, 403, 200, **INVITED_ONLY)),
    "portal:sourcing_document": (document_pk, expect(302, 403, 200, **INVITED_ONLY)),
    "portal:proposal_attachment": (attachment_pk, expect(302, 403, 200, **INVITED_ONLY)),
    "portal:proposal_attachment_delete": (attachment_pk, expect(302, 403, 405)),  # POST only
    "portal:profile_change": (None, expect(302, 403, 200)),
    "vendor-list": (None, expect(401, 200, 200)),
    "vendor-detail": (lambda c: {"pk": c.vendor_x.pk}, expect(401, 200, 200, vendor_y_admin=404)),
    "sourcing-event-list": (None, expect(401, 200, 200)),
    "sourcing-event-detail": (event_pk, expect(401, 200, 200, outsider=404, **NOT_SOURCING_READERS, **INVITED_ONLY)),
    "sourcing-event-publish": (event_pk, expect(401, 405, 405)),
    "sourcing-event-ranking": (event_pk, expect(401, 200, 403, outsider=404, **NOT_SOURCING_READERS, **INVITED_ONLY)),
    "proposal-list": (None, expect(401, 200, 200)),
    "proposal-detail": (proposal_pk, expect(401, 200, 200, outsider=404, **NOT_SOURCING_READERS, **INVITED_ONLY)),
    # Scores: staff only (vendor users 403 at the door); the evaluator's own score is read by the
    # event's readers, the outsider, finance and legal get 404 (their lists are empty). Posting is
    # the evaluator's (checked by the service).
    "score-list": (None, expect(401, 200, 403)),
    "score-detail": (lambda c: {"pk": _score(c)}, expect(401, 200, 403, outsider=404, **NOT_SOURCING_READERS)),
    "score-submit": (None, expect(401, 405, 403)),
}


def _score(c):
    from django.utils import timezone

    from vendors.models import Criterion, EvaluatorAssignment, Proposal, Score

    proposal = Proposal.objects.get(pk=proposal_pk(c)["pk"])
    # A submitted sheet's score: every reader of the proposals sees it (a draft only its evaluator).
    assignment = EvaluatorAssignment.objects.get(event=proposal.event, user=c.evaluator)
    score = Score.objects.create(
        assignment=assignment,
        proposal=proposal,
        criterion=Criterion.objects.get(event=proposal.event, is_price=False),
        score=7,
    )
    EvaluatorAssignment.objects.filter(pk=assignment.pk).update(submitted_at=timezone.now())
    return score.pk


def _req(c):
    from vendors.models import SourcingEvent

    return SourcingEvent.objects.get(pk=event_pk(c)["pk"]).requirements.first().pk
