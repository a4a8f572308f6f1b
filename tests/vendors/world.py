"""A sourcing event of program A, built straight in the database for tests: vendor X invited
(with a submitted proposal and an attachment), the cast's evaluator assigned."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from vendors.models import (
    Criterion,
    EvaluatorAssignment,
    EventDocument,
    Invitation,
    Proposal,
    ProposalAttachment,
    Question,
    Requirement,
    SourcingEvent,
    VendorChangeRequest,
    VendorDocument,
)


def make_event(
    c, *, deadline_in=timedelta(days=-1), status="published", invite=("vendor_x",), evaluators=("evaluator",)
):
    """An event of program A whose submission deadline is `deadline_in` from now."""
    now = timezone.now()
    event = SourcingEvent.objects.create(
        program=c.program_a,
        kind="rfp",
        title="Contact centre RFP",
        status=status,
        published_at=now - timedelta(days=10) if status != "draft" else None,
        questions_deadline=now + deadline_in - timedelta(days=2),
        submission_deadline=now + deadline_in,
        created_by=c.manager,
    )
    Requirement.objects.create(event=event, text="ISO 27001 certified")
    Criterion.objects.create(event=event, name="Quality", weight=60)
    Criterion.objects.create(event=event, name="Price", weight=40, is_price=True)
    for name in invite:
        Invitation.objects.create(event=event, vendor=getattr(c, name))
    for name in evaluators:
        EvaluatorAssignment.objects.create(event=event, user=getattr(c, name))
    return event


def make_proposal(event, vendor, *, price="100000.00", by=None, status="submitted"):
    return Proposal.objects.create(
        event=event,
        vendor=vendor,
        status=status,
        price=Decimal(price),
        answers="We comply.",
        revision=1,
        submitted_at=timezone.now() - timedelta(days=2),
        submitted_by=by,
    )


def event_pk(c):
    return {"pk": make_event(c).pk}


def proposal_pk(c):
    event = make_event(c)
    return {"pk": make_proposal(event, c.vendor_x, by=c.vendor_x_admin).pk}


def attachment_pk(c):
    proposal = Proposal.objects.get(pk=proposal_pk(c)["pk"])
    attachment = ProposalAttachment(proposal=proposal, title="deck.pdf")
    attachment.file.save("deck.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {"pk": attachment.pk}


def document_pk(c):
    event = make_event(c)
    document = EventDocument(event=event, title="RFP.pdf")
    document.file.save("rfp.pdf", ContentFile(b"%PDF-1.4 rfp"), save=True)
    return {"pk": document.pk}


def question_pk(c):
    event = make_event(c, deadline_in=timedelta(days=5))
    return {
        "pk": Question.objects.create(event=event, vendor=c.vendor_x, asked_by=c.vendor_x_admin, text="Volumes?").pk
    }


def vendor_document(c):
    document = VendorDocument(vendor=c.vendor_x, title="Insurance", kind="insurance")
    document.file.save("insurance.pdf", ContentFile(b"%PDF-1.4 ins"), save=True)
    return {"kind": "document", "pk": document.pk}


def change_request_pk(c):
    return {
        "pk": VendorChangeRequest.objects.create(
            vendor=c.vendor_x, requested_by=c.vendor_x_admin, changes={"country": "Singapore"}
        ).pk
    }
