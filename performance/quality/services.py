"""Writes of the quality records: standards, audits (with the CAPA a failed one proposes), reviews.

Every door (pages, API, demo) calls these. The access rule is the risk app's: administrators
and the managers and contributors of the record's program change quality records."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from risk.querysets import risk_program_ids
from risk.services._common import _require_editable, _require_program

from . import computation
from .choices import AuditOutcome
from .models import SAMPLE_SIZE_ERROR, QualityAudit, QualityReview, QualityStandard

STANDARD_FIELDS = ("process", "metric", "target", "direction", "unit", "acceptance_level", "description", "is_active")
AUDIT_FIELDS = (
    "standard",
    "contract",
    "period_start",
    "period_end",
    "audited_on",
    "auditor",
    "sample_size",
    "defects",
    "findings",
)
REVIEW_FIELDS = (
    "contract",
    "title",
    "period_start",
    "period_end",
    "held_on",
    "reviewer",
    "rating",
    "summary",
    "findings",
)


def can_create_quality(user) -> bool:
    """Administrators, and managers or contributors of at least one program."""
    return risk_program_ids(user).exists()


def _save(obj, by, fields=None):
    obj.full_clean()
    with set_actor(by):
        obj.save(update_fields=fields) if fields else obj.save()
    return obj


def _pick(data, fields):
    return {k: v for k, v in data.items() if k in fields}


@transaction.atomic
def standard_create(*, by, program, **data) -> QualityStandard:
    """A quality standard for one process of a program."""
    _require_program(by, program)
    return _save(QualityStandard(program=program, **_pick(data, STANDARD_FIELDS)), by)


@transaction.atomic
def standard_update(*, standard: QualityStandard, by, **data) -> QualityStandard:
    """Changes a standard; audits already recorded keep the acceptance level they were judged by."""
    _require_editable(QualityStandard, standard, by)
    for field, value in _pick(data, STANDARD_FIELDS).items():
        setattr(standard, field, value)
    return _save(standard, by)


def _judge(audit: QualityAudit) -> None:
    """Defect rate and outcome from the sample (computation.py); the acceptance level is the standard's now."""
    errors = audit.audit_errors()  # every refusal at once, each next to its field
    if not audit.sample_size or audit.sample_size <= 0:
        errors["sample_size"] = SAMPLE_SIZE_ERROR
        errors.pop("defects", None)
    elif audit.defects is None:
        errors.setdefault("defects", _("There cannot be more defects than samples."))
    if errors:
        raise ValidationError(errors)
    audit.acceptance_level = audit.standard.acceptance_level
    audit.defect_rate = computation.defect_rate(audit.sample_size, audit.defects)
    audit.outcome = computation.outcome(audit.defect_rate, audit.acceptance_level)


def _check_auditor(audit: QualityAudit, stored: tuple | None = None) -> None:
    """The auditor is staff who may see the audit's program (its standard's), as a review's
    reviewer (risk.selectors.may_see_program): an evaluator-only member or an outsider would find
    a 404. Checked when the auditor or the program is given or changed (`stored`: the stored row's
    auditor and program ids), so an older audit keeps its auditor on other changes."""
    from risk.selectors import may_see_program

    auditor = audit.auditor if audit.auditor_id else None
    if auditor is None:
        return
    if auditor.is_vendor_user:
        raise ValidationError({"auditor": _("The auditor must be staff.")})
    program = audit.standard.program
    if stored != (auditor.pk, program.pk) and not may_see_program(auditor, program):
        raise ValidationError({"auditor": _("Choose someone who may see this audit's program.")})


@transaction.atomic
def audit_record(*, by, standard: QualityStandard, contract, **data) -> QualityAudit:
    """Records a sample-based audit: the defect rate and pass/fail are computed; a failed audit
    proposes a corrective action (once per audit)."""
    _require_program(by, standard.program)
    data = _pick(data, AUDIT_FIELDS)
    data.setdefault("auditor", by)
    audit = QualityAudit(standard=standard, contract=contract, **{k: v for k, v in data.items() if k != "standard"})
    _check_auditor(audit)
    _judge(audit)
    _save(audit, by)
    _propose_if_failed(audit)
    return audit


@transaction.atomic
def audit_update(*, audit: QualityAudit, by, **data) -> QualityAudit:
    """Corrects an audit and judges it again; if it now fails, its corrective action is proposed (once)."""
    _require_editable(QualityAudit, audit, by)
    audit = QualityAudit.objects.select_for_update().get(pk=audit.pk)
    stored = (audit.auditor_id, audit.standard.program_id)
    for field, value in _pick(data, AUDIT_FIELDS).items():
        setattr(audit, field, value)
    _require_program(by, audit.standard.program)
    _check_auditor(audit, stored)
    _judge(audit)
    _save(audit, by)
    _propose_if_failed(audit)
    return audit


def _propose_if_failed(audit):
    if audit.outcome == AuditOutcome.FAIL:
        from risk.services import action_propose_for_audit

        action_propose_for_audit(audit=audit)


def _check_reviewer(review):
    """A reviewer given (or changed to) may see the review's program, as a risk's owner
    (risk.selectors.may_see_program): an evaluator-only member or an outsider would find a 404.
    Compared with the stored row (an edit form has already copied what was typed onto the record)."""
    from risk.selectors import may_see_program

    if review.reviewer_id is None:
        return
    stored = QualityReview.objects.filter(pk=review.pk).values_list("reviewer_id", flat=True).first()
    if stored != review.reviewer_id and not may_see_program(review.reviewer, review.program):
        raise ValidationError({"reviewer": _("Choose someone who may see this review's program.")})


@transaction.atomic
def review_create(*, by, program, **data) -> QualityReview:
    """Records a periodic quality review with its findings."""
    _require_program(by, program)
    data = _pick(data, REVIEW_FIELDS)
    data.setdefault("reviewer", by)
    review = QualityReview(program=program, **data)
    _check_reviewer(review)
    return _save(review, by)


@transaction.atomic
def review_update(*, review: QualityReview, by, **data) -> QualityReview:
    _require_editable(QualityReview, review, by)
    for field, value in _pick(data, REVIEW_FIELDS).items():
        setattr(review, field, value)
    _check_reviewer(review)
    return _save(review, by)


def propose_for_breaches(*, period) -> int:
    """Each BREACH result of a (just finalized) period proposes its corrective action, once.
    Called by the engine's finalize step; safe to call again. Returns how many were new."""
    from performance.choices import ResultState
    from risk.services import actions_propose_for_breaches

    return actions_propose_for_breaches(
        results=period.results.filter(state=ResultState.BREACH).select_related(
            "service_level", "period__contract__program"
        )
    )


def audit_pass_rate(*, contract_id: int, start, end) -> dict:
    """The scorecard's quality criterion: audits of the contract whose sampled period ends in
    [start, end), how many passed, and the pass rate (None without audits). One query."""
    from django.db.models import Count, Q

    row = (
        QualityAudit.objects.filter(contract_id=contract_id)
        .in_period(start, end)
        .aggregate(total=Count("pk"), passed=Count("pk", filter=Q(outcome=AuditOutcome.PASS)))
    )
    return {**row, "score": computation.pass_rate(row["passed"], row["total"])}


def propose_for_missed_breaches() -> int:
    """Catch-up (the daily job): BREACH results of finalized periods that have no breach action yet
    (e.g. finalized before this feature, or when the finalize step's proposal failed) get one.
    Idempotent: the same unique key as at finalization."""
    from performance.choices import PeriodStatus, ResultState
    from performance.models import Result
    from risk.services import actions_propose_for_breaches

    missed = (
        Result.objects.filter(state=ResultState.BREACH, period__status=PeriodStatus.FINALIZED)
        .exclude(corrective_actions__source="breach")
        .select_related("service_level", "period__contract__program")
    )
    return actions_propose_for_breaches(results=missed)
