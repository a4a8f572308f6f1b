"""Invoices: the vendor submits (portal or API), finance validates, approves or disputes.

An invoice is for one month of the contract's term that has started: its first day is on or
before today in the program's time zone (the month under way may be invoiced, a later one not;
`invoice_month_not_started`). Finance cannot validate or approve one for a month not yet started
either (sent before the rule); it may dispute it.

Every amount is computed here from the contract's rate card (rate x quantity) and the
monthly fee in force in the invoice's month (an amendment takes effect on its date:
`monthly_fee_for`); nothing is typed. On approval the contract's applied service credits not yet
deducted are deducted on that invoice (one `CreditDeduction` per credit, unique, so a credit
is deducted exactly once), and the budget lines the invoice falls in are checked for their
80% and 100% thresholds (delivery/budget.py).

The monthly fee is charged once per contract and month: an invoice may carry it only when no
other invoice of that month does, disputed ones aside (a disputed invoice is final and the vendor
replaces it under a new number). Submission locks the contract's row and the database holds one
such invoice per month (`invoice_monthly_fee_once_per_month`); approval refuses an invoice whose
month's fee is already on an approved one (two sent before the rule). Rate card lines of the same
month on a second invoice are allowed: usage billed late or in parts is a charge of that month,
and the period's charges sum every approved invoice of it (DOMAIN.md); finance sees the month's
other invoices on the invoice page.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.choices import MEASURED
from contracts.models import Contract

from . import budget
from .choices import INVOICE_COUNTED, INVOICE_OPEN, InvoiceLineKind, InvoiceStatus
from .models import CreditDeduction, Invoice, InvoiceLine
from .models.cost import MONEY, invoice_month_not_started
from .querysets import is_finance

CENT = Decimal("0.01")
# The largest amount a line, and an invoice's total, can hold (MONEY: 16 digits, 2 after the point):
# 99,999,999,999,999.99. A quantity and a rate each within their own limits can multiply past it,
# and SQLite stored such a number only to fail reading it back (PostgreSQL refuses it at save).
MONEY_MAX = Decimal(10 ** (MONEY["max_digits"] - MONEY["decimal_places"])) - CENT
# A dispute reason is read on the invoice's page, by finance and the vendor: a paragraph or two.
DISPUTE_REASON_MAX_LENGTH = 2000


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amount_too_large(amount: Decimal, currency: str = "") -> str | None:
    """Why a line's amount (rate x quantity) cannot be invoiced: it is above MONEY_MAX. None when it fits."""
    from bpo.core.formats import format_money

    if amount <= MONEY_MAX:
        return None
    return _(
        "The amount (quantity x rate) would be %(amount)s, above the largest amount a line can hold "
        "(%(max)s). Enter a smaller quantity."
    ) % {"amount": format_money(amount, currency), "max": format_money(MONEY_MAX, currency)}


def invoice_total_too_large(total: Decimal, currency: str = "") -> str | None:
    """Why an invoice's total cannot be held: it is above MONEY_MAX. None when it fits."""
    from bpo.core.formats import format_money

    if total <= MONEY_MAX:
        return None
    return _(
        "The invoice's total would be %(total)s, above the largest amount an invoice can hold "
        "(%(max)s). Split the lines over several invoices."
    ) % {"total": format_money(total, currency), "max": format_money(MONEY_MAX, currency)}


def parse_period(raw) -> date | None:
    """A month as 2026-01 (or any date in it); returns its first day."""
    if isinstance(raw, date):
        return raw.replace(day=1)
    try:
        year, month = str(raw).strip()[:7].split("-")
        return date(int(year), int(month), 1)
    except (ValueError, TypeError):
        return None


def monthly_fee_for(contract, month: date | None) -> Decimal:
    """The monthly fee in force in `month` (on its first day): an amendment effective later leaves an
    earlier month's fee, as the service-level engine counts it (contracts.terms_in_force). The
    contract's fee when no month is known."""
    if month is None:
        return contract.monthly_fee
    from contracts.terms_in_force import terms_on

    return terms_on(contract, month.replace(day=1)).monthly_fee


def invoice_lines_validate(
    *, contract, lines, include_monthly_fee: bool, month: date | None = None
) -> tuple[list[InvoiceLine], list[str]]:
    """Prices each (rate card line id, quantity) from the contract's rate card; returns unsaved lines and errors.
    The monthly fee is the one in force in `month` (monthly_fee_for)."""
    rates = {r.pk: r for r in contract.rates.all()}
    built, errors = [], []
    for n, raw in enumerate(lines, start=1):
        rate_line = rates.get(_as_int(raw.get("rate_card_line")))
        try:
            quantity = Decimal(str(raw.get("quantity", "")).replace(",", "").strip())
            if not quantity.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            quantity = None
        reasons = []
        if rate_line is None:
            reasons.append(_("the item is not on this contract's rate card"))
        if quantity is None:
            reasons.append(_("the quantity is not a number"))
        elif quantity <= 0:
            reasons.append(_("the quantity must be more than zero"))
        elif quantity.as_tuple().exponent < -4 or quantity >= Decimal("1e10"):
            reasons.append(_("the quantity has too many digits"))
        elif rate_line is not None and (
            too_large := line_amount_too_large(cents(rate_line.rate * quantity), contract.currency)
        ):
            reasons.append(too_large)
        if reasons:
            errors.append(_("Line %(n)s: %(reasons)s") % {"n": n, "reasons": "; ".join(reasons)})
            continue
        built.append(
            InvoiceLine(
                rate_card_line=rate_line,
                description=str(rate_line),
                quantity=quantity,
                rate=rate_line.rate,
                amount=cents(rate_line.rate * quantity),
            )
        )
    if include_monthly_fee:
        fee = monthly_fee_for(contract, month)
        built.append(
            InvoiceLine(
                kind=InvoiceLineKind.MONTHLY_FEE,
                quantity=Decimal(1),
                rate=fee,
                amount=cents(fee),
            )
        )
    if not built and not errors:
        errors.append(_("Add at least one line or the monthly fee."))
    if not errors and (too_large := invoice_total_too_large(sum(line.amount for line in built), contract.currency)):
        errors.append(too_large)
    return built, errors


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def invoiceable_contracts(user):
    """The signed or active contracts a vendor user may invoice: their own vendor's only."""
    if not user.is_authenticated or not user.is_vendor_user:
        return Contract.objects.none()
    return Contract.objects.visible_to(user).filter(status__in=MEASURED)


def monthly_fee_invoices(*, contract, month: date, statuses=INVOICE_COUNTED):
    """The invoices of the contract's month that carry its monthly fee, in the given statuses."""
    return Invoice.objects.filter(
        contract=contract, period=month, status__in=statuses, lines__kind=InvoiceLineKind.MONTHLY_FEE
    ).distinct()


def _monthly_fee_taken(contract, month: date, number: str | None = None) -> str | None:
    """Why this month's monthly fee cannot be invoiced again: the invoice that already carries it."""
    other = monthly_fee_invoices(contract=contract, month=month).order_by("pk").first()
    if other is None:
        return None
    return _(
        "The monthly fee for %(month)s is already on invoice %(number)s (%(status)s). Leave it out: "
        "this invoice may carry only rate card items for that month."
    ) % {"month": f"{month:%Y-%m}", "number": other.number, "status": other.get_status_display()}


def same_month_invoices(invoice):
    """The contract's other invoices of the same month (finance checks nothing is charged twice),
    each with `carries_monthly_fee`."""
    fee_line = InvoiceLine.objects.filter(invoice=OuterRef("pk"), kind=InvoiceLineKind.MONTHLY_FEE)
    return (
        Invoice.objects.filter(contract_id=invoice.contract_id, period=invoice.period)
        .exclude(pk=invoice.pk)
        .annotate(carries_monthly_fee=Exists(fee_line))
        .order_by("pk")
    )


@transaction.atomic
def invoice_submit(
    *, contract, by, number: str, period, lines, include_monthly_fee: bool = False, today: date | None = None
) -> Invoice:
    """The vendor submits an invoice. Raises ValidationError keyed by field (number, period, lines)."""
    if not invoiceable_contracts(by).filter(pk=contract.pk).exists():
        raise PermissionDenied
    # Locked: two submissions of the same contract at once are checked one after the other.
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    errors: dict[str, list[str]] = {}
    number = (number or "").strip()
    if not number:
        errors["number"] = [_("Enter the invoice number.")]
    elif len(number) > 60:
        errors["number"] = [_("At most 60 characters.")]
    elif Invoice.objects.filter(contract=contract, number__iexact=number).exists():
        errors["number"] = [_("Invoice %(number)s was already submitted for this contract.") % {"number": number}]
    month = parse_period(period)
    if month is None:
        errors["period"] = [_("Enter the month as 2026-01.")]
    elif not (contract.start_date.replace(day=1) <= month <= contract.end_date):
        errors["period"] = [
            _("The period is outside the contract's term (%(start)s to %(end)s).")
            % {"start": contract.start_date.isoformat(), "end": contract.end_date.isoformat()}
        ]
    elif not_started := invoice_month_not_started(month, contract, today):
        errors["period"] = [not_started]
    elif include_monthly_fee and (taken := _monthly_fee_taken(contract, month)):
        errors["include_monthly_fee"] = [taken]
    built, line_errors = invoice_lines_validate(
        contract=contract, lines=list(lines or []), include_monthly_fee=include_monthly_fee, month=month
    )
    if line_errors:
        errors["lines"] = line_errors
    if errors:
        raise ValidationError(errors)
    gross = sum((line.amount for line in built), Decimal("0"))
    try:
        with transaction.atomic(), set_actor(by):
            invoice = Invoice.objects.create(
                contract=contract,
                number=number,
                period=month,
                gross_amount=gross,
                net_amount=gross,
                has_monthly_fee=include_monthly_fee,
                submitted_by=by,
            )
    except IntegrityError as exc:  # the same number, or the month's fee, sent twice at once
        if include_monthly_fee and (taken := _monthly_fee_taken(contract, month)):
            raise ValidationError({"include_monthly_fee": [taken]}) from exc
        raise ValidationError(
            {"number": [_("Invoice %(number)s was already submitted for this contract.") % {"number": number}]}
        ) from exc
    for line in built:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(built)
    budget.check_thresholds(program=contract.program, category=budget.INVOICE_CATEGORY, month=month)
    return invoice


def _lock_open(invoice, by) -> Invoice:
    if not is_finance(by):
        raise PermissionDenied
    invoice = Invoice.objects.select_for_update(of=("self",)).select_related("contract__program").get(pk=invoice.pk)
    return invoice


def _month_started(invoice, today=None):
    """Refuses to validate or approve an invoice whose month has not started (dispute it instead)."""
    if invoice_month_not_started(invoice.period, invoice.contract, today):
        raise ValidationError(
            _("Invoice %(number)s is for %(month)s, which has not started yet: dispute it, or decide once it has.")
            % {"number": invoice.number, "month": f"{invoice.period:%Y-%m}"}
        )


def _monthly_fee_not_approved_twice(invoice):
    """Refuses to approve an invoice carrying the monthly fee of a month whose fee is already on
    an approved invoice (two sent with the fee before the rule). The contract's row is locked so
    two such approvals at once are decided one after the other."""
    Contract.objects.select_for_update().get(pk=invoice.contract_id)
    if not invoice.lines.filter(kind=InvoiceLineKind.MONTHLY_FEE).exists():
        return
    approved = (
        monthly_fee_invoices(contract=invoice.contract, month=invoice.period, statuses=[InvoiceStatus.APPROVED])
        .exclude(pk=invoice.pk)
        .first()
    )
    if approved is not None:
        raise ValidationError(
            _(
                "The monthly fee for %(month)s is already on approved invoice %(number)s: dispute invoice "
                "%(this)s and ask the vendor for one without the monthly fee."
            )
            % {"month": f"{invoice.period:%Y-%m}", "number": approved.number, "this": invoice.number}
        )


@transaction.atomic
def invoice_validate(*, invoice, by, today: date | None = None) -> Invoice:
    """Finance checked the lines: SUBMITTED -> VALIDATED."""
    invoice = _lock_open(invoice, by)
    if invoice.status != InvoiceStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted invoice can be validated."))
    _month_started(invoice, today)
    invoice.status = InvoiceStatus.VALIDATED
    invoice.validated_by, invoice.validated_at = by, timezone.now()
    with set_actor(by):
        invoice.save(update_fields=["status", "validated_by", "validated_at"])
    return invoice


@transaction.atomic
def invoice_approve(*, invoice, by, today: date | None = None) -> Invoice:
    """Finance approves (a submitted invoice is validated on the way). Applied credits of the
    contract not yet deducted are deducted, oldest first, as far as the charges go; the rest
    wait for the next invoice."""
    from performance.choices import CreditStatus
    from performance.models import Credit

    invoice = _lock_open(invoice, by)
    if invoice.status not in INVOICE_OPEN:
        raise ValidationError(_("Only a submitted or validated invoice can be approved."))
    _month_started(invoice, today)
    _monthly_fee_not_approved_twice(invoice)
    now = timezone.now()
    if invoice.validated_at is None:
        invoice.validated_by, invoice.validated_at = by, now
    # Lock the credits so two approvals at once cannot both deduct the same one.
    credits = list(
        Credit.objects.select_for_update()
        .filter(period__contract=invoice.contract, status=CreditStatus.APPLIED, amount__gt=0)
        # A subquery, not a join: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
        .exclude(pk__in=CreditDeduction.objects.values("credit_id"))
        .order_by("period__start", "pk")
    )
    remaining, deductions = invoice.gross_amount, []
    for credit in credits:
        if credit.amount > remaining:
            continue
        deductions.append(CreditDeduction(invoice=invoice, credit=credit, amount=credit.amount))
        remaining -= credit.amount
    CreditDeduction.objects.bulk_create(deductions)
    invoice.deduction_amount = invoice.gross_amount - remaining
    invoice.net_amount = remaining
    invoice.status = InvoiceStatus.APPROVED
    invoice.decided_by, invoice.decided_at = by, now
    with set_actor(by):
        invoice.save(
            update_fields=[
                "status",
                "validated_by",
                "validated_at",
                "decided_by",
                "decided_at",
                "deduction_amount",
                "net_amount",
            ]
        )
    budget.check_thresholds(program=invoice.contract.program, category=budget.INVOICE_CATEGORY, month=invoice.period)
    return invoice


def dispute_reason_too_long(length: int) -> str:
    return _("At most %(max)s characters; this reason has %(length)s.") % {
        "max": DISPUTE_REASON_MAX_LENGTH,
        "length": length,
    }


@transaction.atomic
def invoice_dispute(*, invoice, by, reason: str) -> Invoice:
    """Finance refuses the invoice with a reason; the vendor sends a corrected one under a new number."""
    invoice = _lock_open(invoice, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the invoice is disputed.")]})
    if len(reason) > DISPUTE_REASON_MAX_LENGTH:
        raise ValidationError({"reason": [dispute_reason_too_long(len(reason))]})
    if invoice.status not in INVOICE_OPEN:
        raise ValidationError(_("Only a submitted or validated invoice can be disputed."))
    invoice.status = InvoiceStatus.DISPUTED
    invoice.dispute_reason = reason
    invoice.decided_by, invoice.decided_at = by, timezone.now()
    with set_actor(by):
        invoice.save(update_fields=["status", "dispute_reason", "decided_by", "decided_at"])
    return invoice
