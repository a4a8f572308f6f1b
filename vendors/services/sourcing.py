"""Sourcing events: preparing, publishing, Q&A, and the vendors' proposals (sealed, never late)."""

from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.accounts.models import ProgramMembership, User
from bpo.core.i18n import interpolate
from bpo.core.locking import RecordChanged, fingerprint
from bpo.core.numbers import decimal_comma_example, not_a_number, typed_decimal
from bpo.core.services import notify
from bpo.core.zones import format_in_zone
from strategy.models import Program

from ..choices import EventStatus, ProposalStatus, VendorStatus
from ..models import (
    AwardDecision,
    Criterion,
    EvaluatorAssignment,
    EventDocument,
    Invitation,
    Proposal,
    ProposalAttachment,
    Question,
    Requirement,
    SourcingEvent,
)
from ..templatetags.file_names import shorten_middle

EVENT_FIELDS = ("program", "kind", "title", "scope", "questions_deadline", "submission_deadline")
# What event_update still sets once an event is published (the vendors were invited to the rest).
CHANGEABLE_AFTER_PUBLISHING = frozenset({"scope", "questions_deadline", "submission_deadline"})
FIXED_ONCE_PUBLISHED = _("This can no longer change once the event is published.")
# kind (used in URLs) -> (model, fields); all of them are set while the event is a draft,
# invitations, documents and evaluators also after publishing.
EVENT_KINDS = {
    "requirement": (Requirement, ("text",)),
    "criterion": (Criterion, ("name", "weight", "is_price", "guidance")),
    "document": (EventDocument, ("title", "file")),
    "invitation": (Invitation, ("vendor",)),
    "evaluator": (EvaluatorAssignment, ("user",)),
}
# Invitations are added after publishing while vendors may still submit; documents and evaluators
# have their own rules (document_add_refused, evaluator_assignment_refused).
OPEN_AFTER_PUBLISHING = {"invitation"}
INVITABLE = (VendorStatus.PROSPECT, VendorStatus.QUALIFIED, VendorStatus.APPROVED, VendorStatus.ACTIVE)


def vendor_users(vendor_ids):
    return User.objects.filter(vendor_id__in=list(vendor_ids), is_active=True)


def event_can_create(user) -> bool:
    return user.is_authenticated and not user.is_vendor_user and (user.is_administrator or user.manages_any_program())


def _editable_event(event, by) -> SourcingEvent:
    if not SourcingEvent.objects.editable_by(by).filter(pk=event.pk).exists():
        raise PermissionDenied
    return SourcingEvent.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def event_create(*, by, **data) -> SourcingEvent:
    """A manager of the program (or an administrator) opens a draft event."""
    program = data.get("program")
    if program is None or not Program.objects.editable_by(by).filter(pk=program.pk).exists():
        raise PermissionDenied
    event = SourcingEvent(created_by=by, **{k: v for k, v in data.items() if k in EVENT_FIELDS})
    event.full_clean()
    with set_actor(by):
        event.save()
    return event


@transaction.atomic
def event_update(*, event: SourcingEvent, by, **data) -> SourcingEvent:
    """A draft changes freely; once published only the scope text and (later) deadlines may move,
    and never after the submission deadline passed (that would reopen sealed bids)."""
    event = _editable_event(event, by)
    allowed = EVENT_FIELDS if event.status == EventStatus.DRAFT else CHANGEABLE_AFTER_PUBLISHING
    if event.status in (EventStatus.AWARDED, EventStatus.CANCELLED) or (
        event.status == EventStatus.PUBLISHED and event.is_unsealed
    ):
        raise ValidationError(_("This event is closed; it can no longer be changed."))
    # A field that can no longer change is refused by name (the edit page said "Saved." and kept
    # the old title); one sent unchanged is fine.
    fixed = {
        f: FIXED_ONCE_PUBLISHED
        for f, v in data.items()
        if f in EVENT_FIELDS and f not in allowed and v != getattr(event, f)
    }
    if fixed:
        raise ValidationError(fixed)
    published = event.status == EventStatus.PUBLISHED
    if published:
        # The form holds whole minutes: a deadline kept at 17:00:30 comes back as 17:00, which is
        # no move. Moving one earlier is refused: the invited vendors planned on it.
        earlier = {}
        for f in DEADLINES:
            if f not in data or data[f] is None:
                continue
            stored = getattr(event, f)
            if _minute(data[f]) == _minute(stored):
                data[f] = stored
            elif data[f] < stored:
                earlier[f] = interpolate(
                    _("A published event's deadline can only move later, not before %(deadline)s."),
                    {"deadline": format_in_zone(stored, event.program.time_zone)},
                )
        if earlier:
            raise ValidationError(earlier)
    changed = [f for f, v in data.items() if f in allowed and getattr(event, f) != v]
    for f in changed:
        setattr(event, f, data[f])
    if published and "submission_deadline" in changed:
        if event.submission_deadline <= timezone.now():
            raise ValidationError(
                {"submission_deadline": _("A published event's deadline can only move into the future.")}
            )
    if changed:
        event.full_clean()
        with set_actor(by):
            event.save(update_fields=changed)
    if published and any(f in changed for f in DEADLINES):
        _notify_deadlines_moved(event)
    return event


DEADLINES = ("questions_deadline", "submission_deadline")


def _minute(value):
    return value.replace(second=0, microsecond=0)


def _notify_deadlines_moved(event):
    """Tells the invited vendors' users that a published event's deadlines moved (later: earlier
    is refused), once per new pair of deadlines."""
    zone = event.program.time_zone
    notify(
        recipients=vendor_users(event.invitations.values_list("vendor_id", flat=True)),
        event_key=(
            f"sourcing-deadline:{event.pk}:{event.questions_deadline:%Y%m%dT%H%M}:{event.submission_deadline:%Y%m%dT%H%M}"
        ),
        title=interpolate(_("The deadlines of %(event)s moved"), {"event": event.title}),
        body=interpolate(
            _("Questions are now due by %(questions)s and proposals by %(deadline)s."),
            {
                "questions": format_in_zone(event.questions_deadline, zone),
                "deadline": format_in_zone(event.submission_deadline, zone),
            },
        ),
        url=reverse("portal:sourcing_detail", args=[event.pk]),
    )


def evaluator_assignment_refused(event) -> str | None:
    """Why no evaluator can be assigned to `event` now; None when one can. The event page offers
    "Assign an evaluator" only when this is None, and event_item_create refuses with this reason.

    Evaluators are assigned from the draft until the scores are final, so also after the
    submission deadline (user test 2026-11-28: the page offered it, the service refused it as
    "The event is published: its requirements and criteria are fixed."). DOMAIN: evaluators score
    after the deadline, and a second evaluator joining during scoring is normal. No rule needs the
    assignment before the deadline: proposals open to every staff reader of the event at the
    deadline, an evaluator assigned later included (ProposalQuerySet.visible_to), and an evaluator
    sees other evaluators' scores only once their own sheet is submitted (ScoreQuerySet.visible_to),
    so one assigned late scores blind as the others did (a program reader who already read the
    submitted sheets before being assigned has seen them: assign someone who has not). The award
    then waits for the new sheet too (evaluation.outstanding_sheets).

    The scores are final once an award is proposed (it is chosen on the submitted sheets), approved
    (awarded) or the event is cancelled: no assignment then."""
    if event.status == EventStatus.AWARDED:
        return _("Evaluators can no longer be assigned: the award is decided.")
    if event.status == EventStatus.CANCELLED:
        return _("Evaluators can no longer be assigned: the event is cancelled.")
    if AwardDecision.objects.filter(event=event).exists():
        return _("Evaluators can no longer be assigned: an award is proposed on the submitted scores.")
    return None


def document_add_refused(event) -> str | None:
    """Why no document can be added to `event` now; None when one can. The event page offers
    "Add document" only when this is None, and event_item_create refuses with this reason.

    Documents are for the vendors preparing their proposals: they are added while the event is a
    draft or open (published, before the submission deadline; SourcingEvent.is_open), not once the
    deadline has passed, the award is decided or the event is cancelled (user test 2026-11-28: the
    page offered "Add document" on closed events, then the service refused it as "The event is
    published: its requirements and criteria are fixed.")."""
    if event.status == EventStatus.AWARDED:
        return _("Documents can no longer be added: the award is decided.")
    if event.status == EventStatus.CANCELLED:
        return _("Documents can no longer be added: the event is cancelled.")
    if event.status == EventStatus.PUBLISHED and not event.is_open:
        return _("Documents can no longer be added: the submission deadline has passed.")
    return None


@transaction.atomic
def event_item_create(*, event: SourcingEvent, kind: str, by, **data):
    """Adds a requirement, criterion, document, invited vendor or evaluator to an event."""
    model, fields = EVENT_KINDS[kind]
    event = _editable_event(event, by)
    if kind == "evaluator":
        if refused := evaluator_assignment_refused(event):
            raise ValidationError(refused)
    elif kind == "document":
        if refused := document_add_refused(event):
            raise ValidationError(refused)
    elif event.status != EventStatus.DRAFT and not (kind in OPEN_AFTER_PUBLISHING and event.is_open):
        raise ValidationError(_("The event is published: its requirements and criteria are fixed."))
    if kind == "invitation" and data.get("vendor") and data["vendor"].status not in INVITABLE:
        raise ValidationError({"vendor": _("A suspended or exited vendor cannot be invited.")})
    if kind == "evaluator":
        user = data.get("user")
        if user is None or user.is_vendor_user or not event.program.memberships.filter(user=user).exists():
            raise ValidationError({"user": _("Evaluators are staff members of the program.")})
    if kind == "criterion" and data.get("is_price") and event.criteria.filter(is_price=True).exists():
        raise ValidationError({"is_price": _("An event has at most one price criterion.")})
    item = model(event=event, **{k: v for k, v in data.items() if k in fields})
    item.full_clean()
    with set_actor(by):
        item.save()
    if kind == "invitation" and event.status == EventStatus.PUBLISHED:
        _notify_invited(event, [item.vendor_id])
    if kind == "evaluator":
        notify(
            recipients=[item.user],
            event_key=f"sourcing-evaluator:{event.pk}",
            title=interpolate(_("You are an evaluator of %(event)s"), {"event": event.title}),
            body=(
                _("The submission deadline has passed: the proposals are open for scoring.")
                if event.is_unsealed and event.status == EventStatus.PUBLISHED
                else interpolate(
                    _("Scoring opens at the submission deadline, %(deadline)s."),
                    {"deadline": format_in_zone(event.submission_deadline, event.program.time_zone)},
                )
            ),
            url=reverse("vendors:score_sheet", args=[event.pk]),
        )
    return item


def scoring_open_reminders(*, now=None) -> int:
    """Tells each evaluator who has not submitted that an event's proposals are open for scoring.
    Once per evaluator and event (the event key), so the hourly job is safe to run twice."""
    now = now or timezone.now()
    # Evaluators removed from the event's program are not reminded: they can no longer score.
    still_members = ProgramMembership.objects.filter(user=OuterRef("user_id"), program=OuterRef("event__program_id"))
    sheets = EvaluatorAssignment.objects.filter(
        Exists(still_members),
        submitted_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__submission_deadline__lte=now,
    ).select_related("event", "user")
    created = 0
    for sheet in sheets:
        created += len(
            notify(
                recipients=[sheet.user],
                event_key=f"sourcing-scoring-open:{sheet.event_id}",
                title=interpolate(_("Proposals of %(event)s are open for scoring"), {"event": sheet.event.title}),
                url=reverse("vendors:score_sheet", args=[sheet.event_id]),
            )
        )
    return created


@transaction.atomic
def event_item_delete(*, item, by) -> None:
    event = _editable_event(item.event, by)
    kind = next(k for k, (m, _f) in EVENT_KINDS.items() if isinstance(item, m))
    if event.status != EventStatus.DRAFT and kind != "document":
        raise ValidationError(_("The event is published: this can no longer be removed."))
    if kind == "evaluator" and item.scores.exists():
        raise ValidationError(_("This evaluator has already scored."))
    with set_actor(by):
        item.delete()


def event_problems(event: SourcingEvent) -> list:
    """What keeps a draft event from being published (empty when it can be)."""
    problems = []
    total = event.criteria.aggregate(total=Sum("weight"))["total"] or 0
    if total != 100:
        problems.append(_("The criteria weights sum to %(total)s; they must sum to 100.") % {"total": total})
    if not event.invitations.exists():
        problems.append(_("Invite at least one vendor."))
    if event.submission_deadline <= timezone.now():
        problems.append(_("The submission deadline must be in the future."))
    return problems


def _notify_invited(event, vendor_ids):
    notify(
        recipients=vendor_users(vendor_ids),
        event_key=f"sourcing-invited:{event.pk}",
        title=interpolate(_("You are invited to %(event)s"), {"event": event.title}),
        body=interpolate(
            _("Proposals are due by %(deadline)s."),
            {"deadline": format_in_zone(event.submission_deadline, event.program.time_zone)},
        ),
        url=reverse("portal:sourcing_detail", args=[event.pk]),
    )


@transaction.atomic
def event_publish(*, event: SourcingEvent, by) -> SourcingEvent:
    """Opens the event to the invited vendors (weights must sum to 100) and tells them."""
    event = _editable_event(event, by)
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Only a draft event can be published."))
    problems = event_problems(event)
    if problems:
        raise ValidationError(problems)
    event.status, event.published_at = EventStatus.PUBLISHED, timezone.now()
    with set_actor(by):
        event.save(update_fields=["status", "published_at"])
    _notify_invited(event, event.invitations.values_list("vendor_id", flat=True))
    return event


@transaction.atomic
def event_cancel(*, event: SourcingEvent, by) -> SourcingEvent:
    event = _editable_event(event, by)
    if event.status in (EventStatus.AWARDED, EventStatus.CANCELLED):
        raise ValidationError(_("This event is already closed."))
    event.status = EventStatus.CANCELLED
    with set_actor(by):
        event.save(update_fields=["status"])
    return event


def _invited_event(event, by) -> SourcingEvent:
    """The event as the vendor user may reach it: published and their vendor invited (404 otherwise)."""
    if not by.is_authenticated or not by.is_vendor_user:
        raise PermissionDenied
    return SourcingEvent.objects.visible_to(by).get(pk=event.pk)


@transaction.atomic
def question_ask(*, event: SourcingEvent, by, text: str) -> Question:
    """An invited vendor asks a question before the questions deadline."""
    event = _invited_event(event, by)
    if not event.questions_open:
        raise ValidationError(_("The questions deadline has passed."))
    if not text.strip():
        raise ValidationError({"text": _("Write your question.")})
    # The event row is locked so that a double submit (four identical POSTs at once) asks once:
    # the second request waits here and then finds the first one's question.
    SourcingEvent.objects.select_for_update().filter(pk=event.pk).first()
    if Question.objects.filter(event=event, vendor_id=by.vendor_id, text=text.strip(), answer="").exists():
        raise ValidationError(
            {"text": _("Your vendor already asked this question; it is waiting for an answer.")}, code="duplicate"
        )
    question = Question(event=event, vendor_id=by.vendor_id, asked_by=by, text=text.strip())
    question.full_clean()
    with set_actor(by):
        question.save()
    return question


@transaction.atomic
def question_answer(*, question: Question, by, answer: str) -> Question:
    """The answer goes to every invited vendor, without saying who asked."""
    event = _editable_event(question.event, by)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    question = Question.objects.select_for_update().get(pk=question.pk)
    question.answer, question.answered_by, question.answered_at = answer.strip(), by, timezone.now()
    question.full_clean()
    with set_actor(by):
        question.save(update_fields=["answer", "answered_by", "answered_at"])
    notify(
        recipients=vendor_users(event.invitations.values_list("vendor_id", flat=True)),
        event_key=f"sourcing-answer:{question.pk}",
        title=interpolate(_("A question on %(event)s was answered"), {"event": event.title}),
        url=reverse("portal:sourcing_detail", args=[event.pk]),
    )
    return question


def parse_breakdown(text: str) -> list[dict]:
    """'Item: amount' per line -> [{"item", "amount"}]; a bad line is a validation error."""
    lines = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        item, sep, amount = raw.rpartition(":")
        # Plain digits, commas only grouping thousands (bpo.core.numbers.typed_decimal): Decimal
        # read 1e5 as 100000, and dropping every comma read "100,0" as 1000.
        value = typed_decimal(amount)
        if sep and item.strip() and decimal_comma_example(amount):
            raise ValidationError(
                {"price_breakdown": _("Line %(n)s: %(reasons)s") % {"n": number, "reasons": not_a_number(amount)}}
            )
        if not sep or not item.strip() or value is None or value < 0:
            raise ValidationError(
                {"price_breakdown": _("Line %(n)s: write “item: amount”, for example “Agents: 90000”.") % {"n": number}}
            )
        lines.append({"item": item.strip(), "amount": str(value.quantize(Decimal("0.01")))})
    return lines


# The version a proposal form carries when the vendor had no proposal yet when it was opened.
NO_PROPOSAL_YET = "new"


def proposal_version(proposal) -> str:
    """The version a portal proposal form is opened on (bpo.core.locking): the proposal's
    fingerprint, or NO_PROPOSAL_YET before the vendor's first submission."""
    return fingerprint(proposal) if proposal is not None else NO_PROPOSAL_YET


@transaction.atomic
def proposal_submit(
    *,
    event: SourcingEvent,
    by,
    price,
    price_breakdown: str = "",
    answers: str = "",
    files=(),
    expected_version: str | None = None,
) -> Proposal:
    """An invited vendor submits (or revises) its proposal until the deadline; after it, refused.

    Two users of one vendor share the proposal: `expected_version` (proposal_version when the
    form was opened) is compared under the row lock, so a stale form is refused (RecordChanged)
    instead of overwriting the colleague's submission. None checks nothing (API, scripts)."""
    event = _invited_event(event, by)
    now = timezone.now()
    if event.status != EventStatus.PUBLISHED or now >= event.submission_deadline:
        raise ValidationError(
            _("The submission deadline passed on %(deadline)s. Late proposals are not accepted.")
            % {"deadline": format_in_zone(event.submission_deadline, event.program.time_zone)},
            code="late",
        )
    breakdown = parse_breakdown(price_breakdown)
    if breakdown and sum(Decimal(line["amount"]) for line in breakdown) != Decimal(price):
        raise ValidationError({"price_breakdown": _("The breakdown must add up to the total price.")})
    # The event row is locked too, so two first submissions of one vendor are told apart (no
    # proposal row exists yet to lock).
    SourcingEvent.objects.select_for_update().filter(pk=event.pk).first()
    proposal = Proposal.objects.select_for_update().filter(event=event, vendor_id=by.vendor_id).first()
    if proposal is not None and expected_version and expected_version != proposal_version(proposal):
        raise RecordChanged(proposal)
    if proposal is None:
        proposal = Proposal(event=event, vendor_id=by.vendor_id)
    proposal.price, proposal.price_breakdown, proposal.answers = price, breakdown, answers
    proposal.status, proposal.submitted_at, proposal.submitted_by = ProposalStatus.SUBMITTED, now, by
    proposal.revision += 1
    proposal.full_clean()
    with set_actor(by):
        proposal.save()
        for upload in files:
            attachment = ProposalAttachment(proposal=proposal, title=shorten_middle(upload.name, 200), file=upload)
            attachment.full_clean()
            attachment.save()
    return proposal


@transaction.atomic
def proposal_attachment_remove(*, attachment: ProposalAttachment, by) -> None:
    """A user of the vendor removes one of its proposal's attachments, only while the proposal
    may still be revised (published, before the deadline); the stored file goes with it."""
    if not by.is_authenticated or not by.is_vendor_user:
        raise PermissionDenied
    attachment = ProposalAttachment.objects.select_related("proposal").get(pk=attachment.pk)
    if attachment.proposal.vendor_id != by.vendor_id:
        raise PermissionDenied
    event = SourcingEvent.objects.select_for_update().select_related("program").get(pk=attachment.proposal.event_id)
    if not event.is_open:
        raise ValidationError(
            _("The submission deadline passed on %(deadline)s: the proposal can no longer be changed.")
            % {"deadline": format_in_zone(event.submission_deadline, event.program.time_zone)},
            code="late",
        )
    stored = attachment.file
    with set_actor(by):
        attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
