"""Writes to contracts: create, edit while a draft, the review workflow, signature and closing."""

from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import Role
from bpo.accounts.models import User
from bpo.core.services import notifications_done, notify
from bpo.core.zones import today_in
from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH, dispute_reason_too_long

from ..choices import (
    EDITABLE,
    ContractStatus,
    ReviewKind,
    ReviewOutcome,
    ServiceLevelKind,
    VersionReason,
)
from ..models import Contract, ContractReview, ContractVersion

# A review's comments (the reasons for a rejection) are as long as any other recorded reason may be.
REVIEW_COMMENTS_MAX_LENGTH = DISPUTE_REASON_MAX_LENGTH

EDITABLE_FIELDS = (
    "program",
    "vendor",
    "number",
    "title",
    "contract_type",
    "parent",
    "start_date",
    "end_date",
    "auto_renewal",
    "renewal_term_months",
    "notice_period_days",
    "currency",
    "value",
    "monthly_fee",
    "at_risk_pct",
    "credit_pool_limit_pct",
    "grace_days",
    "payment_terms",
    "penalty_clauses",
    "internal_notes",
)
# The terms frozen in each version (internal notes are not terms).
TERM_FIELDS = tuple(f for f in EDITABLE_FIELDS if f not in ("program", "vendor", "number", "parent", "internal_notes"))


def _interpolate(message, params):
    return str(message) % {k: str(v) if isinstance(v, Promise) else v for k, v in params.items()}


# A notification title rendered later, in each recipient's language: interpolate(_("… %(x)s"), {"x": …}).
interpolate = lazy(_interpolate, str)


def program_managers(program):
    return User.objects.filter(is_active=True, memberships__program=program, memberships__role="manager").distinct()


def role_users(role):
    return User.objects.filter(is_active=True, role=role)


def contract_can_create(user) -> bool:
    """Administrators and program managers create contracts (for the programs they manage)."""
    return user.is_authenticated and not user.is_vendor_user and (user.is_administrator or user.manages_any_program())


def _check_editable(contract, by):
    if not Contract.objects.editable_by(by).filter(pk=contract.pk).exists():
        raise PermissionDenied


def _check_program(program, by):
    from strategy.models import Program

    if not Program.objects.editable_by(by).filter(pk=program.pk).exists():
        raise ValidationError({"program": _("You can only create contracts for programs you manage.")})


@transaction.atomic
def contract_create(*, by, **data) -> Contract:
    """Creates a draft contract; the currency defaults to the program's."""
    if not contract_can_create(by):
        raise PermissionDenied
    fields = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    _check_program(fields["program"], by)
    if not fields.get("currency"):
        fields["currency"] = fields["program"].currency
    with set_actor(by):
        contract = Contract(**fields)
        contract.full_clean()
        contract.save()
    return contract


@transaction.atomic
def contract_update(*, contract: Contract, by, **data) -> Contract:
    """Changes a draft's fields. After the reviews, terms change only through a change request."""
    _check_editable(contract, by)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    changed = [f for f, v in data.items() if f in EDITABLE_FIELDS and getattr(contract, f) != v]
    if changed and contract.status not in EDITABLE and set(changed) - {"internal_notes"}:
        raise ValidationError(_("Only a draft can be edited; raise a change request to amend the terms."))
    if "program" in changed:
        _check_program(data["program"], by)
    for field in changed:
        setattr(contract, field, data[field])
    if changed:
        contract.full_clean()
        _check_pool_limit(contract)
        with set_actor(by):
            contract.save(update_fields=[*changed, "updated_at"])
    return contract


def _check_pool_limit(contract):
    total = contract.sla_allocation_total()
    if total > contract.credit_pool_limit_pct:
        raise ValidationError(
            {
                "credit_pool_limit_pct": _("The SLA allocations sum to %(total)s%%, above the pool limit.")
                % {"total": total}
            }
        )


def _set_status(contract, status, by, extra=()):
    contract.status = status
    with set_actor(by):
        contract.save(update_fields=["status", *extra, "updated_at"])


@transaction.atomic
def contract_submit_for_review(*, contract: Contract, by) -> Contract:
    """Draft -> legal review: starts a new review round and tells the legal reviewers."""
    _check_editable(contract, by)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != ContractStatus.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    _check_pool_limit(contract)
    contract.review_round += 1
    _set_status(contract, ContractStatus.LEGAL_REVIEW, by, extra=["review_round"])
    url = contract.get_absolute_url()
    key = _waiting_key(contract, ReviewKind.LEGAL)
    transaction.on_commit(
        lambda: notify(
            recipients=role_users(Role.LEGAL),
            event_key=key,
            title=interpolate(_("Contract %(number)s waits for your legal review"), {"number": contract.number}),
            url=url,
        )
    )
    return contract


def _waiting_key(contract, kind) -> str:
    """The event key of the reviewers' "waits for your ... review" notifications of this round."""
    return f"contract:{contract.pk}:round:{contract.review_round}:{kind}"


def can_review(user, kind) -> bool:
    if not user.is_authenticated or user.is_vendor_user:
        return False
    role = Role.LEGAL if kind == ReviewKind.LEGAL else Role.FINANCE
    return user.is_administrator or user.role == role


@transaction.atomic
def contract_record_review(*, contract: Contract, kind: str, outcome: str, comments: str = "", by) -> ContractReview:
    """The legal reviewer (then finance) records a decision. Approval moves the contract on;
    rejection sends it back to draft, and the reasons are required and shown on its page."""
    if not can_review(by, kind):
        raise PermissionDenied
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    expected = ContractStatus.LEGAL_REVIEW if kind == ReviewKind.LEGAL else ContractStatus.FINANCIAL_REVIEW
    if contract.status != expected:
        raise ValidationError(_("This contract is not waiting for this review."))
    comments = (comments or "").strip()
    if outcome == ReviewOutcome.REJECTED and not comments:
        raise ValidationError({"comments": _("Give the reasons for the rejection.")})
    if len(comments) > REVIEW_COMMENTS_MAX_LENGTH:  # echoed in the notification and on the contract's page
        raise ValidationError({"comments": dispute_reason_too_long(len(comments))})
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": _("Choose approve or reject.")})
    with set_actor(by):
        review = ContractReview.objects.create(
            contract=contract, kind=kind, outcome=outcome, comments=comments, round=contract.review_round, decided_by=by
        )
    if outcome == ReviewOutcome.REJECTED:
        _set_status(contract, ContractStatus.DRAFT, by)
        recipients, title = (
            program_managers(contract.program),
            interpolate(_("Contract %(number)s was sent back to draft"), {"number": contract.number}),
        )
    elif kind == ReviewKind.LEGAL:
        _set_status(contract, ContractStatus.FINANCIAL_REVIEW, by)
        recipients, title = (
            role_users(Role.FINANCE),
            interpolate(_("Contract %(number)s waits for your financial review"), {"number": contract.number}),
        )
    else:
        _set_status(contract, ContractStatus.APPROVED, by)
        recipients, title = (
            program_managers(contract.program),
            interpolate(_("Contract %(number)s is approved and may be signed"), {"number": contract.number}),
        )
    approved_legal = kind == ReviewKind.LEGAL and outcome == ReviewOutcome.APPROVED
    key = (
        _waiting_key(contract, ReviewKind.FINANCIAL) if approved_legal else f"contract:{contract.pk}:review:{review.pk}"
    )
    done, url = _waiting_key(contract, kind), contract.get_absolute_url()

    def tell():
        # In this order, after the commit: the review asked of this round's reviewers is decided
        # (their "waits for you" is read, for every reviewer of that role), then the next step.
        notifications_done(event_key=done)
        notify(recipients=recipients, event_key=key, title=title, body=comments, url=url)

    transaction.on_commit(tell)
    return review


def reviews_approved(contract, reviews=None) -> bool:
    """Both the legal and the financial review of the current round approved.
    `reviews`: the contract's reviews when they are already read (all of them, any round)."""
    if reviews is not None:
        approved = {r.kind for r in reviews if r.round == contract.review_round and r.outcome == ReviewOutcome.APPROVED}
    else:
        approved = set(
            contract.reviews.filter(round=contract.review_round, outcome=ReviewOutcome.APPROVED).values_list(
                "kind", flat=True
            )
        )
    return contract.review_round > 0 and approved == {ReviewKind.LEGAL, ReviewKind.FINANCIAL}


def terms_snapshot(contract) -> dict:
    """The contract's terms as plain JSON: fields, service levels and rate card."""
    terms = {}
    for field in TERM_FIELDS:
        value = getattr(contract, field)
        places = getattr(Contract._meta.get_field(field), "decimal_places", None)
        if places is not None and isinstance(value, Decimal):
            # As the database stores it (110000 -> 110000.00): the terms of an amendment not yet
            # saved to the contract read as those of one saved.
            value = value.quantize(Decimal(1).scaleb(-places))
        terms[field] = value.isoformat() if hasattr(value, "isoformat") else str(value) if value is not None else None
    terms["service_levels"] = [
        {
            "code": sl.code,
            "name": sl.name,
            "kind": sl.kind,
            "measure": sl.measure,
            "direction": sl.direction,
            "expected": str(sl.expected),
            "minimum": str(sl.minimum),
            "allocation_pct": str(sl.allocation_pct),
            "earn_back_periods": sl.earn_back_periods,
        }
        for sl in contract.service_levels.order_by("code")
    ]
    terms["rate_card"] = [
        {"item": r.item, "unit": r.unit, "rate": str(r.rate)} for r in contract.rates.order_by("item", "unit")
    ]
    return terms


def record_version(
    contract, by, change_request=None, *, reason=None, effective_from=None, terms=None, pending=False
) -> ContractVersion:
    """Freezes the contract's terms as the next version (the stored values, as the database rounded them).

    The reason is an amendment when a change request is given, else the signature; a renewal passes
    `reason=VersionReason.RENEWAL`, with no user (`by=None`) when the end-of-term job renews
    automatically and with the manager's when they renew by hand (ContractVersion.renewal_kind).

    `effective_from`: the day the terms are in force from; by default the contract's start date for
    the signature and today in the program's time zone otherwise. A future-dated amendment passes
    `pending=True` and its `terms` (the contract's with the change, not yet written to it): the
    version waits for its day (amendments_apply_due).
    """
    reason = reason or (VersionReason.AMENDMENT if change_request else VersionReason.SIGNATURE)
    contract.refresh_from_db()
    if effective_from is None:
        signature = reason == VersionReason.SIGNATURE
        effective_from = contract.start_date if signature else today_in(contract.program.time_zone)
    contract.terms_version += 1
    with set_actor(by):
        contract.save(update_fields=["terms_version", "updated_at"])
    return ContractVersion.objects.create(
        contract=contract,
        number=contract.terms_version,
        terms=terms if terms is not None else terms_snapshot(contract),
        change_request=change_request,
        reason=reason,
        created_by=by,
        effective_from=effective_from,
        **({"applied_at": None} if pending else {}),
    )


@transaction.atomic
def contract_sign(*, contract: Contract, by, signed_date=None) -> Contract:
    """Approved -> signed, only when both reviews of the current round approved. Records version 1."""
    _check_editable(contract, by)
    contract = Contract.objects.select_for_update().select_related("program").get(pk=contract.pk)
    if contract.status != ContractStatus.APPROVED or not reviews_approved(contract):
        raise ValidationError(_("A contract can be signed only after both the legal and the financial review approve."))
    contract.signed_date = signed_date or today_in(contract.program.time_zone)
    with set_actor(by):
        _set_status(contract, ContractStatus.SIGNED, by, extra=["signed_date"])
        record_version(contract, by)
    return contract


# Allowed moves after signature: status -> the statuses it may go to.
CLOSING_MOVES = {
    ContractStatus.SIGNED: (ContractStatus.ACTIVE, ContractStatus.TERMINATED),
    ContractStatus.ACTIVE: (ContractStatus.EXPIRED, ContractStatus.TERMINATED, ContractStatus.RENEWED),
}


@transaction.atomic
def contract_set_status(*, contract: Contract, status: str, by) -> Contract:
    """Signed -> active; active -> expired, terminated or renewed (managers and administrators).

    Renewed extends the term by the renewal term and records a version; the contract stays active."""
    _check_editable(contract, by)
    contract = Contract.objects.select_for_update().select_related("program").get(pk=contract.pk)
    if status not in CLOSING_MOVES.get(contract.status, ()):
        raise ValidationError(
            _("A %(current)s contract cannot become %(new)s.")
            % {"current": contract.get_status_display(), "new": ContractStatus(status).label}
        )
    # A renewal and a termination record how and when they happened (lifecycle.py).
    from .lifecycle import contract_renew_manually, contract_terminate

    if status == ContractStatus.RENEWED:
        return contract_renew_manually(contract, by)
    if status == ContractStatus.TERMINATED:
        return contract_terminate(contract, by)
    _set_status(contract, status, by)
    return contract


def sla_pool_check(contract, *, kind, allocation_pct, exclude_pk=None):
    """The allocations of a contract's SLAs may not sum above its pool limit (DOMAIN.md)."""
    if kind != ServiceLevelKind.SLA:
        return
    total = contract.sla_allocation_total(exclude_pk=exclude_pk) + (allocation_pct or 0)
    if total > contract.credit_pool_limit_pct:
        raise ValidationError(
            {
                "allocation_pct": _(
                    "The SLA allocations would sum to %(total)s%%, above the contract's pool limit of %(limit)s%%."
                )
                % {"total": total, "limit": contract.credit_pool_limit_pct}
            }
        )
