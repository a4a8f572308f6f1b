"""Writes of the scorecard workflow: draft -> in review -> published; acknowledge; dispute; resolve.

Every door (pages, API, the scheduled job) calls these functions."""

import copy
from decimal import Decimal, InvalidOperation

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.core.i18n import interpolate
from bpo.core.services import notify
from contracts.models import Contract
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH, dispute_reason_too_long

from ..choices import PeriodStatus
from ..quality.services import audit_pass_rate
from . import computation
from .choices import CriterionKind, DisputeStatus, ScorecardStatus
from .models import ReviewerRating, Scorecard, ScorecardDispute, ScorecardLine, ScorecardTemplate

User = get_user_model()
COMPUTED = {CriterionKind.SLA_ATTAINMENT, CriterionKind.REVIEWER_RATING}


def _managers(contract):
    return User.objects.filter(
        is_active=True, memberships__program_id=contract.program_id, memberships__role="manager"
    ).distinct()


def _vendor_users(contract):
    return User.objects.filter(is_active=True, vendor_id=contract.vendor_id)


def _portal_url(scorecard):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("portal:scorecard_detail", args=[scorecard.pk])
    except NoReverseMatch:  # the portal pages are not mounted (yet)
        return ""


def _require_editable(scorecard, by):
    if not Contract.objects.editable_by(by).filter(pk=scorecard.contract_id).exists():
        raise PermissionDenied


def _notify_later(**kwargs):
    transaction.on_commit(lambda: notify(**kwargs))


def _has_audits(scorecard) -> bool:
    """The quality criterion is the audit pass rate when the period has audits (hand-scored otherwise)."""
    period = scorecard.period
    return bool(audit_pass_rate(contract_id=scorecard.contract_id, start=period.start, end=period.end)["total"])


def template_for(contract) -> ScorecardTemplate | None:
    """The program's own active template if it has one, else the newest global one."""
    candidates = ScorecardTemplate.objects.for_program(contract.program).order_by("program", "-pk")
    own = [t for t in candidates if t.program_id]
    return (own or list(candidates) or [None])[0]


def _sla_figures(period_id) -> tuple:
    """The SLA-attainment score of a period's results and its figures, in one query."""
    from performance.models import Result

    states = list(Result.objects.filter(period_id=period_id).values_list("state", flat=True))
    counted = sum(1 for s in states if s != "insufficient")
    return computation.sla_attainment(states), {"counted": counted, "total": len(states)}


def _save_lines(pairs) -> None:
    """Saves the lines whose figures changed, (before, after) pairs, in one UPDATE, and writes their
    score changes to the audit log in one insert (with the actor of the auditlog context, as a
    single save would): never a query per line."""
    from auditlog.diff import model_instance_diff
    from auditlog.models import LogEntry
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    if not pairs:
        return
    ScorecardLine.objects.bulk_update(
        [after for _before, after in pairs], ["score", "original_score", "basis", "basis_values"]
    )
    as_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    diffs = [(after, model_instance_diff(before, after, use_json_for_changes=as_json)) for before, after in pairs]
    diffs = [(line, changes) for line, changes in diffs if changes]
    if not diffs:
        return
    from auditlog.cid import get_cid
    from django.db.models.signals import pre_save

    content_type = ContentType.objects.get_for_model(ScorecardLine)
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(line.pk),
            object_id=line.pk,
            object_repr=str(line),
            action=LogEntry.Action.UPDATE,
            changes=changes,
            cid=get_cid(),
        )
        for line, changes in diffs
    ]
    for entry in entries:
        # The actor and remote address of an active set_actor (a request, a service's `with
        # set_actor(by)`), as for a single save: auditlog sets them on LogEntry's pre_save, which
        # bulk_create does not send. No query.
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using="default", update_fields=None)
    LogEntry.objects.bulk_create(entries)


def scorecard_recompute(*, scorecard: Scorecard) -> Scorecard:
    """Refreshes the computed criteria (while not published) and the total, band and partial flag.

    Set-based: the lines with their ratings, the period's result states and its audits are read
    once each, and the lines that changed are saved in one UPDATE, however many lines there are.
    A score corrected by an accepted dispute stands (its original is kept): only new results
    replace it (scorecard_follow_results)."""
    lines = list(scorecard.lines.prefetch_related("ratings"))
    if scorecard.status != ScorecardStatus.PUBLISHED:
        sla = audits = None
        changed = []
        for line in lines:
            if line.was_corrected:
                continue
            before = copy.copy(line)
            if line.kind == CriterionKind.SLA_ATTAINMENT:
                sla = sla or _sla_figures(scorecard.period_id)
                line.score, line.basis_values = sla
            elif line.kind == CriterionKind.QUALITY:
                if audits is None:
                    period = scorecard.period
                    audits = audit_pass_rate(contract_id=scorecard.contract_id, start=period.start, end=period.end)
                if not audits["total"]:
                    continue  # no audit in the period: the manager may score it by hand (or leave it missing)
                line.score = audits["score"]
                line.basis_values = {"passed": audits["passed"], "total": audits["total"]}
            elif line.kind == CriterionKind.REVIEWER_RATING:
                ratings = [r.rating for r in line.ratings.all() if r.rating is not None]
                line.score = computation.reviewer_score(ratings)
                line.basis_values = {"n": len(ratings)}
            else:
                continue
            # The figures, worded in the reader's language when shown (ScorecardLine.basis_text): a
            # background job has no reader's language to write the text in.
            line.basis = ""
            if (before.score, before.basis, before.basis_values) != (line.score, line.basis, line.basis_values):
                changed.append((before, line))
        _save_lines(changed)
    scorecard.total = computation.total((line.weight, line.score) for line in lines)
    scorecard.band = computation.band(
        scorecard.total,
        excellent=scorecard.band_excellent,
        good=scorecard.band_good,
        needs_improvement=scorecard.band_needs_improvement,
    )
    scorecard.is_partial = any(line.score is None for line in lines)
    fields = ["total", "band", "is_partial"]
    if scorecard.status == ScorecardStatus.PUBLISHED:
        # What the vendor reads now (a dispute's correction): kept as published.
        fields += _keep_published(scorecard, lines)
    scorecard.save(update_fields=fields)
    return scorecard


def _keep_published(scorecard: Scorecard, lines) -> list[str]:
    """Sets the scorecard's figures as published (what its vendor reads while it is out of date)
    from its current ones and `lines`; returns the fields to save. No query."""
    figures = scorecard.published_figures(lines)
    for name, value in figures.items():
        setattr(scorecard, name, value)
    return list(figures)


def scorecard_follow_results(*, period) -> Scorecard | None:
    """Called by the engine after it wrote a period's results (performance.services.evaluate_period):
    the period's scorecard follows them when they changed what its SLA-attainment line was computed from.

    - Draft or in review (not yet shown to the vendor): the line is recomputed from the new results,
      and the total and band follow, as any recompute of a scorecard being scored.
    - Published (acknowledged or not, disputed or not): the vendor read figures the engine no longer
      gives (a month shown as "all SLAs met" while a breach credit is charged for it). A published
      scorecard changes only through review (a dispute's resolution), so it goes back to review: in
      review, the SLA line recomputed, the total and band following, flagged out of date with the
      figure as published, the acknowledgement cleared (it was of the other total; the vendor
      acknowledges or disputes again once it is published anew), open disputes left for staff to
      resolve. The vendor still reads it, with the note, but only its figures as published (kept
      here, before the new results replace them; Scorecard.as_published), never the ones being
      reviewed again; the vendor's users and the program's managers are told. Publishing it again
      clears the flag and gives the vendor the reviewed figures.

    Idempotent: a second evaluation of the same results finds nothing changed. One query when the
    period has no scorecard; a fixed number otherwise, whatever the number of lines."""
    card = (
        Scorecard.objects.select_for_update(of=("self",))  # not the contract's and program's rows
        .filter(period_id=period.pk)
        .select_related("contract__program", "period")
        .first()
    )
    if card is None:
        return None
    every_line = list(card.lines.all())
    lines = [line for line in every_line if line.kind == CriterionKind.SLA_ATTAINMENT]
    if not lines:
        return card
    score, values = _sla_figures(period.pk)
    # What the line was computed from: its original score when a dispute corrected it.
    stale = [
        line
        for line in lines
        if (line.original_score if line.was_corrected else line.score) != score or line.basis_values != values
    ]
    if not stale:
        return card
    published = card.status == ScorecardStatus.PUBLISHED
    # What the vendor reads until it is published anew: its figures now, before the new results.
    kept = _keep_published(card, every_line) if published else []
    was = lines[0].score
    pairs = []
    for line in stale:
        before = copy.copy(line)
        # New results replace the line's figures, and a correction made of the old ones (the
        # dispute keeps what it corrected).
        line.score, line.original_score, line.basis, line.basis_values = score, None, "", values
        pairs.append((before, line))
    _save_lines(pairs)
    if published:
        now = timezone.now()
        card.status = ScorecardStatus.IN_REVIEW
        card.outdated_at = now
        card.outdated_values = {"was": None if was is None else str(was)}
        card.acknowledged_at = card.acknowledged_by = None
        card.save(
            update_fields=["status", "outdated_at", "outdated_values", "acknowledged_at", "acknowledged_by", *kept]
        )
    scorecard_recompute(scorecard=card)
    if published:
        _tell_outdated(card)
    return card


def _tell_outdated(card) -> None:
    """The vendor's users (portal) and the program's managers (staff page) hear, once per time the
    scorecard goes out of date."""
    stamp = card.outdated_at.strftime("%Y%m%d%H%M%S%f")
    params = {"card": card, "period": card.period.label}
    _notify_later(
        recipients=list(_vendor_users(card.contract)),
        event_key=f"scorecard-outdated-{card.pk}-{stamp}",
        title=interpolate(
            _("Your scorecard %(card)s is out of date: the service-level results of %(period)s changed"), params
        ),
        body=_("It is being reviewed again and will be published anew."),
        url=_portal_url(card),
    )
    _notify_later(
        recipients=list(_managers(card.contract)),
        event_key=f"scorecard-outdated-staff-{card.pk}-{stamp}",
        title=interpolate(
            _("Scorecard %(card)s is out of date: the service-level results of %(period)s changed"), params
        ),
        body=_("It is back in review: check it and publish it again."),
        url=card.get_absolute_url(),
    )


@transaction.atomic
def scorecard_draft(*, period, by=None, template: ScorecardTemplate | None = None) -> tuple[Scorecard, bool]:
    """Drafts the scorecard of a period's contract, once: a second call returns the existing one."""
    contract = period.contract
    if by is not None and not Contract.objects.editable_by(by).filter(pk=contract.pk).exists():
        raise PermissionDenied
    if period.status != PeriodStatus.FINALIZED:
        raise ValidationError(
            interpolate(
                _("The period %(period)s is provisional: its scorecard is drafted once the period is finalized."),
                {"period": period.label},
            )
        )
    existing = Scorecard.objects.filter(contract=contract, period=period).first()
    if existing:
        return existing, False
    template = template or template_for(contract)
    if template is None:
        raise ValidationError(_("No active scorecard template applies to this program."))
    template.validate_weights()
    try:
        with transaction.atomic():
            scorecard = Scorecard.objects.create(
                contract=contract,
                period=period,
                template=template,
                band_excellent=template.band_excellent,
                band_good=template.band_good,
                band_needs_improvement=template.band_needs_improvement,
                created_by=by,
            )
    except IntegrityError:  # another worker drafted it first
        return Scorecard.objects.get(contract=contract, period=period), False
    ScorecardLine.objects.bulk_create(
        [
            ScorecardLine(scorecard=scorecard, criterion=c, name=c.name, kind=c.kind, weight=c.weight, order=c.order)
            for c in template.criteria.all()
        ]
    )
    scorecard_recompute(scorecard=scorecard)
    url = scorecard.get_absolute_url()
    _notify_later(
        recipients=_managers(contract),
        event_key=f"scorecard-drafted-{scorecard.pk}",
        title=interpolate(_("Scorecard drafted: %(card)s"), {"card": scorecard}),
        url=url,
    )
    return scorecard, True


def scorecards_draft_due() -> int:
    """The scheduled job: a draft for every finalized period without one, where a template applies."""
    from performance.models import Period

    drafted = 0
    due = (
        Period.objects.filter(status="finalized").exclude(scorecards__isnull=False).select_related("contract__program")
    )
    for period in due:
        try:
            _card, created = scorecard_draft(period=period)
        except ValidationError:
            continue  # no template for this program (or weights not 100): nothing to draft
        drafted += created
    return drafted


def _is_score(value) -> bool:
    """A finite number from 0 to 100 (NaN and Infinity are not)."""
    try:
        value = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return False
    return value.is_finite() and 0 <= value <= 100


def _require_draft(scorecard):
    if scorecard.status != ScorecardStatus.DRAFT:
        raise ValidationError(_("Only a draft scorecard can be changed."))


@transaction.atomic
def scorecard_set_reviewers(*, scorecard: Scorecard, reviewers, by) -> None:
    """Names the staff reviewers of every reviewer-rating criterion (ratings of kept reviewers stay)."""
    _require_editable(scorecard, by)
    _require_draft(scorecard)
    reviewers = list(reviewers)
    if any(r.is_vendor_user for r in reviewers):
        raise ValidationError(_("Reviewers must be staff."))
    for line in scorecard.lines.filter(kind=CriterionKind.REVIEWER_RATING):
        line.ratings.exclude(reviewer__in=reviewers).delete()
        for reviewer in reviewers:
            ReviewerRating.objects.get_or_create(line=line, reviewer=reviewer)
    scorecard_recompute(scorecard=scorecard)
    for reviewer in reviewers:
        _notify_later(
            recipients=[reviewer],
            event_key=f"scorecard-review-{scorecard.pk}-{reviewer.pk}",
            title=interpolate(_("Please rate the scorecard %(card)s"), {"card": scorecard}),
            url=scorecard.get_absolute_url(),
        )


@transaction.atomic
def scorecard_rate(*, scorecard: Scorecard, by, rating: int, comment: str = "") -> None:
    """A named reviewer rates 1-5 (every reviewer-rating criterion of the scorecard)."""
    _require_draft(scorecard)
    rows = ReviewerRating.objects.filter(line__scorecard=scorecard, reviewer=by)
    if not rows.exists():
        raise PermissionDenied
    if rating not in computation.RATING_SCORE:
        raise ValidationError({"rating": _("Rate from 1 to 5.")})
    rows.update(rating=rating, comment=comment, rated_at=timezone.now())
    scorecard_recompute(scorecard=scorecard)


@transaction.atomic
def scorecard_score_line(*, line: ScorecardLine, by, score, note: str = "") -> None:
    """The manager scores a manual, quality or budget criterion (empty score: missing)."""
    _require_editable(line.scorecard, by)
    _require_draft(line.scorecard)
    if line.kind in COMPUTED or (line.kind == CriterionKind.QUALITY and _has_audits(line.scorecard)):
        raise ValidationError(_("This criterion is computed from the data."))
    if score is not None and not _is_score(score):
        raise ValidationError({"score": _("A score is from 0 to 100.")})
    line.score = None if score is None else Decimal(score)
    line.internal_note = note
    line.save(update_fields=["score", "internal_note"])
    scorecard_recompute(scorecard=line.scorecard)


@transaction.atomic
def scorecard_submit(*, scorecard: Scorecard, by) -> Scorecard:
    """Draft -> in review."""
    _require_editable(scorecard, by)
    _require_draft(scorecard)
    scorecard_recompute(scorecard=scorecard)
    if scorecard.total is None:
        raise ValidationError(_("No criterion has a score yet."))
    scorecard.status = ScorecardStatus.IN_REVIEW
    scorecard.save(update_fields=["status"])
    return scorecard


@transaction.atomic
def scorecard_return_to_draft(*, scorecard: Scorecard, by) -> Scorecard:
    """In review -> draft, to change a score."""
    _require_editable(scorecard, by)
    if scorecard.status != ScorecardStatus.IN_REVIEW:
        raise ValidationError(_("Only a scorecard in review goes back to draft."))
    scorecard.status = ScorecardStatus.DRAFT
    scorecard.save(update_fields=["status"])
    return scorecard


@transaction.atomic
def scorecard_publish(*, scorecard: Scorecard, by) -> Scorecard:
    """In review -> published: the vendor sees it in the portal and is told."""
    _require_editable(scorecard, by)
    if scorecard.status != ScorecardStatus.IN_REVIEW:
        raise ValidationError(_("Only a scorecard in review can be published."))
    republished = scorecard.outdated_at is not None
    scorecard.status = ScorecardStatus.PUBLISHED
    scorecard.published_at = timezone.now()
    scorecard.outdated_at, scorecard.outdated_values = None, {}
    kept = _keep_published(scorecard, list(scorecard.lines.all()))  # read by its vendor if it goes out of date
    scorecard.save(update_fields=["status", "published_at", "outdated_at", "outdated_values", *kept])
    if republished:  # out of date after new results: told again, once per publication
        key = f"scorecard-republished-{scorecard.pk}-{scorecard.published_at:%Y%m%d%H%M%S%f}"
        title = interpolate(_("Your scorecard %(card)s is published again, reviewed anew"), {"card": scorecard})
    else:
        key = f"scorecard-published-{scorecard.pk}"
        title = interpolate(_("Your scorecard %(card)s is published"), {"card": scorecard})
    _notify_later(recipients=_vendor_users(scorecard.contract), event_key=key, title=title, url=_portal_url(scorecard))
    return scorecard


def _require_vendor_of(scorecard, by):
    if not (by.is_vendor_user and by.vendor_id == scorecard.contract.vendor_id):
        raise PermissionDenied
    if scorecard.status != ScorecardStatus.PUBLISHED:
        raise ValidationError(_("The scorecard is not published."))


@transaction.atomic
def scorecard_acknowledge(*, scorecard: Scorecard, by) -> Scorecard:
    """The vendor acknowledges a published scorecard (once), when none of its disputes is still open:
    the total may change when one is resolved."""
    _require_vendor_of(scorecard, by)
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    if scorecard.has_open_dispute:
        raise ValidationError(
            _("A dispute on this scorecard is still open: acknowledge it once the dispute is resolved.")
        )
    if scorecard.acknowledged_at is None:
        scorecard.acknowledged_at = timezone.now()
        scorecard.acknowledged_by = by
        scorecard.save(update_fields=["acknowledged_at", "acknowledged_by"])
        _notify_later(
            recipients=_managers(scorecard.contract),
            event_key=f"scorecard-acknowledged-{scorecard.pk}",
            title=interpolate(_("Scorecard acknowledged by the vendor: %(card)s"), {"card": scorecard}),
            url=scorecard.get_absolute_url(),
        )
    return scorecard


@transaction.atomic
def scorecard_dispute(*, line: ScorecardLine, by, reason: str) -> ScorecardDispute:
    """The vendor disputes one criterion with a reason (one open dispute per criterion)."""
    scorecard = line.scorecard
    _require_vendor_of(scorecard, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you dispute this score.")})
    if len(reason.strip()) > DISPUTE_REASON_MAX_LENGTH:
        raise ValidationError({"reason": dispute_reason_too_long(len(reason.strip()))})
    if line.disputes.filter(status=DisputeStatus.OPEN).exists():
        raise ValidationError(_("This criterion already has an open dispute."))
    dispute = ScorecardDispute.objects.create(line=line, raised_by=by, reason=reason.strip(), score_before=line.score)
    _notify_later(
        recipients=_managers(scorecard.contract),
        event_key=f"scorecard-dispute-{dispute.pk}",
        title=interpolate(
            _("The vendor disputes %(criterion)s on %(card)s"), {"criterion": line.name, "card": scorecard}
        ),
        body=dispute.reason,
        url=scorecard.get_absolute_url(),
    )
    return dispute


@transaction.atomic
def scorecard_resolve_dispute(
    *, dispute: ScorecardDispute, by, accept: bool, reason: str = "", corrected_score=None
) -> ScorecardDispute:
    """Staff accept (the criterion gets the corrected score, the original is kept) or reject (with a reason)."""
    dispute = ScorecardDispute.objects.select_for_update().get(pk=dispute.pk)
    line = dispute.line
    # Locked: a vendor's acknowledgement waits for the resolution (and acknowledges the total it leaves).
    scorecard = Scorecard.objects.select_for_update().get(pk=line.scorecard_id)
    _require_editable(scorecard, by)
    if dispute.status != DisputeStatus.OPEN:
        raise ValidationError(_("This dispute is already resolved."))
    if accept:
        if corrected_score is None or not _is_score(corrected_score):
            raise ValidationError({"corrected_score": _("Give the corrected score, from 0 to 100.")})
        if line.original_score is None:
            line.original_score = line.score
        line.score = Decimal(corrected_score)
        line.save(update_fields=["score", "original_score"])
        dispute.corrected_score = line.score
        dispute.status = DisputeStatus.ACCEPTED
    else:
        if not reason.strip():
            raise ValidationError({"resolution": _("Say why the score stands.")})
        dispute.status = DisputeStatus.REJECTED
    if len(reason.strip()) > DISPUTE_REASON_MAX_LENGTH:
        raise ValidationError({"resolution": dispute_reason_too_long(len(reason.strip()))})
    dispute.resolution = reason.strip()
    dispute.resolved_by = by
    dispute.resolved_at = timezone.now()
    dispute.save(update_fields=["status", "corrected_score", "resolution", "resolved_by", "resolved_at"])
    total_before = scorecard.total
    with set_actor(by):
        scorecard_recompute(scorecard=scorecard)
        if scorecard.total != total_before and scorecard.acknowledged_at is not None:
            # The vendor acknowledged another total: it acknowledges the new one (the audit log keeps the old).
            scorecard.acknowledged_at = None
            scorecard.acknowledged_by = None
            scorecard.save(update_fields=["acknowledged_at", "acknowledged_by"])
    _notify_later(
        recipients=_vendor_users(scorecard.contract),
        event_key=f"scorecard-dispute-resolved-{dispute.pk}",
        title=interpolate(
            _("Your dispute of %(criterion)s on %(card)s was %(status)s"),
            {"criterion": line.name, "card": scorecard, "status": dispute.get_status_display().lower()},
        ),
        body=dispute.resolution,
        url=_portal_url(scorecard),
    )
    return dispute
