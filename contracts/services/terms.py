"""Writes to the parts of a contract's terms: service levels, obligations and the rate card."""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bpo.core.dates import LAST_DATE
from bpo.core.i18n import interpolate

from ..choices import EDITABLE, ObligationStatus, Recurrence
from ..models import Contract, Obligation, RateCardLine, ServiceLevel
from .contracts import sla_pool_check

SERVICE_LEVEL_FIELDS = (
    "code",
    "name",
    "kind",
    "measure",
    "threshold",
    "percentile",
    "direction",
    "expected",
    "minimum",
    "unit",
    "period",
    "allocation_pct",
    "earn_back_periods",
    "min_samples",
    "active",
)
OBLIGATION_FIELDS = (
    "party",
    "category",
    "title",
    "description",
    "due_date",
    "recurrence",
    "owner",
    "evidence",
    "status",
)


def _editable_draft(contract, by):
    if not Contract.objects.editable_by(by).filter(pk=contract.pk).exists():
        raise PermissionDenied
    if contract.status not in EDITABLE:
        raise ValidationError(_("Service levels and the rate card change only while the contract is a draft."))


@transaction.atomic
def service_level_create(*, contract: Contract, by, **data) -> ServiceLevel:
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    _editable_draft(contract, by)
    sl = ServiceLevel(contract=contract, **{k: v for k, v in data.items() if k in SERVICE_LEVEL_FIELDS})
    sl.full_clean()
    if sl.active:
        sla_pool_check(contract, kind=sl.kind, allocation_pct=sl.allocation_pct)
    with set_actor(by):
        sl.save()
    return sl


@transaction.atomic
def service_level_update(*, service_level: ServiceLevel, by, **data) -> ServiceLevel:
    contract = Contract.objects.select_for_update().get(pk=service_level.contract_id)
    _editable_draft(contract, by)
    sl = ServiceLevel.objects.get(pk=service_level.pk)
    changed = [f for f, v in data.items() if f in SERVICE_LEVEL_FIELDS and getattr(sl, f) != v]
    for field in changed:
        setattr(sl, field, data[field])
    if changed:
        sl.full_clean()
        if sl.active:
            sla_pool_check(contract, kind=sl.kind, allocation_pct=sl.allocation_pct, exclude_pk=sl.pk)
        with set_actor(by):
            sl.save(update_fields=changed)
    return sl


@transaction.atomic
def rate_card_line_create(*, contract: Contract, by, item, unit, rate) -> RateCardLine:
    _editable_draft(contract, by)
    line = RateCardLine(contract=contract, item=item, unit=unit, rate=rate)
    line.full_clean()
    with set_actor(by):
        line.save()
    return line


def rate_card_line_invoices(line: RateCardLine) -> list[str]:
    """Numbers of the invoices billed with this rate card line (empty when it is unused)."""
    from django.apps import apps

    try:
        invoice_line = apps.get_model("delivery", "InvoiceLine")
    except LookupError:
        return []
    return sorted(set(invoice_line.objects.filter(rate_card_line=line).values_list("invoice__number", flat=True)))


@transaction.atomic
def rate_card_line_update(*, line: RateCardLine, by, **data) -> RateCardLine:
    """Managers correct a line while the contract is a draft. A line already billed on an invoice
    keeps its price (the invoice was computed from it): a new price needs a new line, or a change
    request once the contract is signed; its wording (item, unit) may still be corrected."""
    contract = Contract.objects.select_for_update().get(pk=line.contract_id)
    _editable_draft(contract, by)
    line = RateCardLine.objects.get(pk=line.pk)
    changed = [f for f in ("item", "unit", "rate") if f in data and getattr(line, f) != data[f]]
    if "rate" in changed:
        invoices = rate_card_line_invoices(line)
        if invoices:
            raise ValidationError(
                {
                    "rate": _(
                        "This line is billed on invoice(s) %(invoices)s: its rate cannot change. "
                        "Add a new line with the new rate."
                    )
                    % {"invoices": ", ".join(invoices)}
                }
            )
    for field in changed:
        setattr(line, field, data[field])
    if changed:
        line.full_clean()
        with set_actor(by):
            line.save(update_fields=changed)
    return line


@transaction.atomic
def rate_card_line_delete(*, line: RateCardLine, by) -> None:
    """Managers remove a line while the contract is a draft, unless an invoice bills it."""
    contract = Contract.objects.select_for_update().get(pk=line.contract_id)
    _editable_draft(contract, by)
    invoices = rate_card_line_invoices(line)
    if invoices:
        raise ValidationError(
            _("This line is billed on invoice(s) %(invoices)s and cannot be deleted.")
            % {"invoices": ", ".join(invoices)}
        )
    with set_actor(by):
        line.delete()


@transaction.atomic
def obligation_create(*, contract: Contract, by, **data) -> Obligation:
    """Managers record obligations of either party at any stage of the contract."""
    if not Contract.objects.editable_by(by).filter(pk=contract.pk).exists():
        raise PermissionDenied
    obligation = Obligation(contract=contract, **{k: v for k, v in data.items() if k in OBLIGATION_FIELDS})
    _check_obligation_owner(obligation)
    obligation.full_clean()
    with set_actor(by):
        obligation.save()
    return obligation


@transaction.atomic
def obligation_update(*, obligation: Obligation, by, **data) -> Obligation:
    """Managers edit an obligation. Marking a recurring obligation done moves it to its next due
    date (and keeps it open), so its reminders start again for the next occurrence."""
    if not Obligation.objects.editable_by(by).filter(pk=obligation.pk).exists():
        raise PermissionDenied
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    changed = [f for f, v in data.items() if f in OBLIGATION_FIELDS and getattr(obligation, f) != v]
    for field in changed:
        setattr(obligation, field, data[field])
    if obligation.status == ObligationStatus.DONE and obligation.recurrence != Recurrence.NONE:
        # The last occurrence before LAST_DATE stays done, with its date (last_occurrence_done).
        following = next_due_date(obligation.due_date, obligation.recurrence)
        if following is not None:
            obligation.due_date = following
            obligation.status = ObligationStatus.OPEN
            changed = list({*changed, "due_date", "status"})
    if "owner" in changed:
        _check_obligation_owner(obligation)
    if changed:
        obligation.full_clean()
        with set_actor(by):
            obligation.save(update_fields=changed)
    return obligation


def _check_obligation_owner(obligation) -> None:
    """A staff owner may see the contract's program, as a risk's owner (risk.selectors.may_see_program):
    an evaluator-only member or an outsider would be reminded of it and find a 404. Checked when the
    owner is given, so an older obligation stays editable."""
    from bpo.core.scoping import CONTRACTS
    from risk.selectors import may_see_program

    owner = obligation.owner
    program = obligation.contract.program
    if owner is not None and not owner.is_vendor_user and not may_see_program(owner, program, CONTRACTS):
        raise ValidationError({"owner": _("Choose someone who may see this contract's program.")})


@transaction.atomic
def obligation_record_evidence(*, obligation: Obligation, by, evidence: str) -> Obligation:
    """The party that owes an obligation records its evidence and marks it done: the vendor's users
    for the vendor's obligations (in the portal), the program's managers and contributors for any."""
    from ..choices import Party

    if by.is_vendor_user:
        allowed = (
            obligation.party == Party.VENDOR
            and Contract.objects.visible_to(by).filter(pk=obligation.contract_id).exists()
        )
    else:
        allowed = Contract.objects.operable_by(by).filter(pk=obligation.contract_id).exists()
    if not allowed:
        raise PermissionDenied
    if not (evidence or "").strip():
        raise ValidationError({"evidence": _("Describe the evidence (a report name, a link, a reference).")})
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    if obligation.status != ObligationStatus.OPEN:
        raise ValidationError(_("This obligation is not open."))
    obligation.evidence = evidence.strip()
    obligation.status = ObligationStatus.DONE
    changed = ["evidence", "status"]
    following = next_due_date(obligation.due_date, obligation.recurrence)
    if following is not None:
        obligation.due_date = following
        obligation.status = ObligationStatus.OPEN
        changed.append("due_date")
    with set_actor(by):
        obligation.save(update_fields=changed)
    return obligation


def next_due_date(due, recurrence):
    """The due date of the occurrence after `due`, or None: none for a one-off obligation, and none
    after LAST_DATE (the product plans to 2099-12-31; a date past 9999 would not even exist), so
    the last occurrence marked done stays done rather than opening one in 2100."""
    months = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.YEARLY: 12}.get(recurrence)
    if months is None:
        return None
    import calendar

    month_index = due.month - 1 + months
    year, month = due.year + month_index // 12, month_index % 12 + 1
    if year > LAST_DATE.year:
        return None
    day = min(due.day, calendar.monthrange(year, month)[1])
    return due.replace(year=year, month=month, day=day)


def last_occurrence_done(obligation: Obligation) -> str:
    """The note shown when marking a recurring obligation done left it done: its next occurrence
    would fall after LAST_DATE. Empty otherwise."""
    if obligation.recurrence == Recurrence.NONE or obligation.status != ObligationStatus.DONE:
        return ""
    return interpolate(
        _("This was the last occurrence: the next one would fall after %(last)s, so the obligation stays done."),
        {"last": LAST_DATE.isoformat()},
    )
