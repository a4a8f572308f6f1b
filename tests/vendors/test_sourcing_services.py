"""Sourcing events: publishing rules, Q&A without naming the asker, proposals until the deadline."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bpo.core.models import Notification
from vendors.models import Proposal, SourcingEvent
from vendors.services import (
    event_create,
    event_item_create,
    event_publish,
    proposal_submit,
    question_answer,
    question_ask,
)

from .world import make_event


def draft_event(cast, **over):
    now = timezone.now()
    return event_create(
        by=cast.manager,
        program=cast.program_a,
        kind="rfp",
        title="Claims processing",
        questions_deadline=now + timedelta(days=5),
        submission_deadline=now + timedelta(days=10),
        **over,
    )


@pytest.mark.parametrize("role", ["contributor", "evaluator", "viewer", "finance", "outsider"])
def test_only_the_programs_managers_open_an_event(cast, role):
    now = timezone.now()
    with pytest.raises(PermissionDenied):
        event_create(
            by=getattr(cast, role),
            program=cast.program_a,
            kind="rfp",
            title="x",
            questions_deadline=now + timedelta(days=1),
            submission_deadline=now + timedelta(days=2),
        )


def test_questions_deadline_after_submission_is_refused(cast):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        event_create(
            by=cast.manager,
            program=cast.program_a,
            kind="rfi",
            title="x",
            questions_deadline=now + timedelta(days=3),
            submission_deadline=now + timedelta(days=2),
        )
    assert "questions_deadline" in exc.value.message_dict


def test_weights_must_sum_to_100_and_someone_must_be_invited_before_publishing(cast):
    event = draft_event(cast)
    event_item_create(event=event, kind="criterion", by=cast.manager, name="Quality", weight=60)
    event_item_create(event=event, kind="criterion", by=cast.manager, name="Price", weight=30, is_price=True)
    with pytest.raises(ValidationError) as exc:
        event_publish(event=event, by=cast.manager)
    assert "sum to 90" in " ".join(exc.value.messages) and "Invite at least one vendor." in exc.value.messages
    with pytest.raises(ValidationError, match="at most one price"):
        event_item_create(event=event, kind="criterion", by=cast.manager, name="Cost", weight=10, is_price=True)
    event_item_create(event=event, kind="criterion", by=cast.manager, name="Transition", weight=10)
    event_item_create(event=event, kind="invitation", by=cast.manager, vendor=cast.vendor_x)
    event = event_publish(event=event, by=cast.manager)
    assert event.status == "published" and event.published_at
    assert Notification.objects.filter(recipient=cast.vendor_x_admin, event_key=f"sourcing-invited:{event.pk}").exists()
    assert not Notification.objects.filter(recipient=cast.vendor_y_admin).exists()
    # Published: the criteria are fixed.
    with pytest.raises(ValidationError):
        event_item_create(event=event, kind="criterion", by=cast.manager, name="More", weight=1)


def test_evaluators_must_be_members_of_the_program(cast):
    event = draft_event(cast)
    with pytest.raises(ValidationError):
        event_item_create(event=event, kind="evaluator", by=cast.manager, user=cast.outsider)
    assert event_item_create(event=event, kind="evaluator", by=cast.manager, user=cast.evaluator).user == cast.evaluator


def test_suspended_vendor_cannot_be_invited(cast):
    cast.vendor_y.status = "suspended"
    cast.vendor_y.save()
    with pytest.raises(ValidationError):
        event_item_create(event=draft_event(cast), kind="invitation", by=cast.manager, vendor=cast.vendor_y)


def test_answer_goes_to_every_invitee_without_naming_the_asker(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5), invite=("vendor_x", "vendor_y"))
    question = question_ask(event=event, by=cast.vendor_x_user, text="What are the call volumes?")
    # Vendor Y does not see X's open question.
    client.force_login(cast.vendor_y_admin)
    assert "call volumes" not in client.get(f"/portal/sourcing/{event.pk}/").content.decode()
    question_answer(question=question, by=cast.manager, answer="About 12,000 calls a month.")
    for user in (cast.vendor_x_admin, cast.vendor_x_user, cast.vendor_y_admin):
        assert Notification.objects.filter(recipient=user, event_key=f"sourcing-answer:{question.pk}").exists()
    html = client.get(f"/portal/sourcing/{event.pk}/").content.decode()
    assert "call volumes" in html and "12,000 calls" in html
    assert "Vendor X" not in html and "vx-user" not in html


def test_question_after_the_questions_deadline_is_refused(cast):
    event = make_event(cast, deadline_in=timedelta(days=1))  # questions closed a day ago
    with pytest.raises(ValidationError, match="questions deadline has passed"):
        question_ask(event=event, by=cast.vendor_x_admin, text="Late?")


def test_uninvited_vendor_cannot_ask_or_submit(cast):
    event = make_event(cast, deadline_in=timedelta(days=5))
    with pytest.raises(SourcingEvent.DoesNotExist):
        question_ask(event=event, by=cast.vendor_y_admin, text="Hi")
    with pytest.raises(SourcingEvent.DoesNotExist):
        proposal_submit(event=event, by=cast.vendor_y_admin, price=Decimal("1"))


def test_vendor_submits_and_revises_until_the_deadline(cast):
    event = make_event(cast, deadline_in=timedelta(days=5))
    first = proposal_submit(
        event=event,
        by=cast.vendor_x_admin,
        price=Decimal("100000"),
        price_breakdown="Agents: 90000\nTools: 10000",
        answers="We comply.",
        files=[SimpleUploadedFile("deck.pdf", b"%PDF-1.4", content_type="application/pdf")],
    )
    assert (first.revision, first.status) == (1, "submitted")
    assert first.price_breakdown == [{"item": "Agents", "amount": "90000.00"}, {"item": "Tools", "amount": "10000.00"}]
    second = proposal_submit(event=event, by=cast.vendor_x_user, price=Decimal("95000"), answers="Revised.")
    assert second.pk == first.pk and second.revision == 2 and second.price == Decimal("95000")
    assert Proposal.objects.count() == 1 and second.attachments.count() == 1


def test_breakdown_must_add_up_and_be_well_formed(cast):
    event = make_event(cast, deadline_in=timedelta(days=5))
    with pytest.raises(ValidationError) as exc:
        proposal_submit(event=event, by=cast.vendor_x_admin, price=Decimal("100"), price_breakdown="Agents: 90")
    assert "add up" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError, match="Line 1"):
        proposal_submit(event=event, by=cast.vendor_x_admin, price=Decimal("100"), price_breakdown="just words")


def test_late_submission_is_refused_with_a_clear_message(cast):
    event = make_event(cast, deadline_in=timedelta(seconds=-1))
    with pytest.raises(ValidationError) as exc:
        proposal_submit(event=event, by=cast.vendor_x_admin, price=Decimal("100"))
    assert "Late proposals are not accepted" in exc.value.messages[0]
    assert not Proposal.objects.exists()


def test_late_submission_through_the_portal_is_refused_and_says_so(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=-1))
    client.force_login(cast.vendor_x_admin)
    response = client.post(f"/portal/sourcing/{event.pk}/proposal/", {"price": "100"})
    assert response.status_code == 400
    assert "Late proposals are not accepted" in response.content.decode()
    assert not Proposal.objects.exists()


def test_oversized_or_unknown_attachment_is_refused(cast, settings):
    from bpo.core.uploads import max_upload_bytes

    event = make_event(cast, deadline_in=timedelta(days=5))
    with pytest.raises(ValidationError, match="not accepted"):
        proposal_submit(
            event=event, by=cast.vendor_x_admin, price=Decimal("1"), files=[SimpleUploadedFile("run.exe", b"MZ")]
        )
    big = SimpleUploadedFile("big.pdf", b"0" * (max_upload_bytes() + 1))
    with pytest.raises(ValidationError, match="larger than"):
        proposal_submit(event=event, by=cast.vendor_x_admin, price=Decimal("1"), files=[big])
    assert not Proposal.objects.exists()  # the whole submission is refused, atomically
