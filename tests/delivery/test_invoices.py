"""Invoices: validation against the rate card and term, duplicates, approval with credit deductions."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contracts.models import RateCardLine
from delivery import invoicing
from delivery.choices import InvoiceStatus
from delivery.models import CreditDeduction, Invoice
from performance.choices import CreditStatus
from performance.models import Credit, Period
from tests.contracts.factories import contract_of_a


@pytest.fixture
def contract(cast):
    c = contract_of_a(cast)
    RateCardLine.objects.create(contract=c, item="Agent hour", unit="hour", rate=Decimal("25.5000"))
    return c


def submit(cast, contract, number="INV-1", period="2026-02", lines=None, fee=False, by=None):
    rate = contract.rates.get()
    return invoicing.invoice_submit(
        contract=contract,
        by=by or cast.vendor_x_admin,
        number=number,
        period=period,
        lines=[{"rate_card_line": rate.pk, "quantity": "100"}] if lines is None else lines,
        include_monthly_fee=fee,
    )


def applied_credit(contract, start, amount):
    period = Period.objects.create(
        contract=contract, kind="monthly", start=start, end=date(start.year, start.month + 1, 1), status="finalized"
    )
    return Credit.objects.create(
        period=period,
        service_level=contract.service_levels.get(),
        allocation_pct=Decimal("10"),
        uncapped_amount=amount,
        amount=amount,
        status=CreditStatus.APPLIED,
    )


def test_amount_is_rate_times_quantity_plus_monthly_fee(cast, contract):
    invoice = submit(cast, contract, fee=True)
    assert [line.amount for line in invoice.lines.all()] == [Decimal("2550.00"), Decimal("100000.00")]
    assert invoice.gross_amount == invoice.net_amount == Decimal("102550.00")
    assert invoice.period == date(2026, 2, 1)
    assert invoice.status == InvoiceStatus.SUBMITTED


def test_item_not_on_the_rate_card_is_refused(cast, contract):
    other = contract_of_a(cast)  # same contract; make a rate line of another contract
    foreign = RateCardLine.objects.create(
        contract=type(other).objects.create(
            program=cast.program_b,
            vendor=cast.vendor_x,
            number="CB-9",
            status=other.status,
            start_date=other.start_date,
            end_date=other.end_date,
            currency="USD",
            monthly_fee=Decimal("1"),
        ),
        item="Foreign",
        unit="hour",
        rate=Decimal("1"),
    )
    with pytest.raises(ValidationError) as exc:
        submit(cast, contract, lines=[{"rate_card_line": foreign.pk, "quantity": "1"}])
    assert "lines" in exc.value.message_dict
    assert "not on this contract's rate card" in exc.value.message_dict["lines"][0]
    assert not Invoice.objects.exists()


def test_period_outside_the_term_is_refused(cast, contract):
    with pytest.raises(ValidationError) as exc:
        submit(cast, contract, period="2028-01")
    assert "outside the contract's term" in exc.value.message_dict["period"][0]


def test_duplicate_number_is_refused(cast, contract):
    submit(cast, contract)
    with pytest.raises(ValidationError) as exc:
        submit(cast, contract, number="inv-1", period="2026-03")
    assert "already submitted" in exc.value.message_dict["number"][0]
    assert Invoice.objects.count() == 1


def test_vendor_cannot_invoice_another_vendors_contract(cast, contract):
    with pytest.raises(PermissionDenied):
        submit(cast, contract, by=cast.vendor_y_admin)
    with pytest.raises(PermissionDenied):
        submit(cast, contract, by=cast.manager)


def test_only_finance_approves_or_disputes(cast, contract):
    invoice = submit(cast, contract)
    for user in (cast.manager, cast.vendor_x_admin, cast.executive):
        with pytest.raises(PermissionDenied):
            invoicing.invoice_approve(invoice=invoice, by=user)
    with pytest.raises(ValidationError):
        invoicing.invoice_dispute(invoice=invoice, by=cast.finance, reason=" ")
    invoicing.invoice_dispute(invoice=invoice, by=cast.finance, reason="Hours do not match the roster")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DISPUTED
    with pytest.raises(ValidationError):
        invoicing.invoice_approve(invoice=invoice, by=cast.finance)


def test_approval_deducts_applied_credits_exactly_once(cast, contract):
    c1 = applied_credit(contract, date(2026, 1, 1), Decimal("500.00"))
    c2 = applied_credit(contract, date(2026, 2, 1), Decimal("300.00"))
    first = submit(cast, contract, number="INV-1", fee=True)
    second = submit(cast, contract, number="INV-2", period="2026-03", fee=True)
    invoicing.invoice_validate(invoice=first, by=cast.finance)
    first = invoicing.invoice_approve(invoice=first, by=cast.finance)
    assert first.deduction_amount == Decimal("800.00")
    assert first.net_amount == Decimal("102550.00") - Decimal("800.00")
    assert set(first.deductions.values_list("credit", flat=True)) == {c1.pk, c2.pk}
    second = invoicing.invoice_approve(invoice=second, by=cast.finance)
    assert second.deduction_amount == 0 and second.net_amount == second.gross_amount
    assert CreditDeduction.objects.count() == 2


def test_credit_larger_than_the_charges_waits_for_the_next_invoice(cast, contract):
    big = applied_credit(contract, date(2026, 1, 1), Decimal("5000.00"))
    small = submit(cast, contract, number="S", lines=[{"rate_card_line": contract.rates.get().pk, "quantity": "10"}])
    small = invoicing.invoice_approve(invoice=small, by=cast.finance)
    assert small.deduction_amount == 0 and small.net_amount == Decimal("255.00")
    large = invoicing.invoice_approve(invoice=submit(cast, contract, number="L", fee=True), by=cast.finance)
    assert large.deductions.get().credit == big


def test_a_month_not_started_is_refused_the_month_under_way_is_not(cast, contract):
    today = date(2026, 3, 20)
    with pytest.raises(ValidationError) as exc:
        invoicing.invoice_submit(
            contract=contract,
            by=cast.vendor_x_admin,
            number="INV-4",
            period="2026-04",
            lines=[],
            include_monthly_fee=True,
            today=today,
        )
    assert exc.value.message_dict["period"] == [
        "The month 2026-04 has not started yet. A month can be invoiced from its first day; "
        "the latest month you can invoice today is 2026-03."
    ]
    assert not Invoice.objects.exists()
    invoice = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="INV-3",
        period="2026-03",
        lines=[],
        include_monthly_fee=True,
        today=today,
    )
    assert invoice.period == date(2026, 3, 1)
    # On the first of April, April may be invoiced.
    april = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="INV-4",
        period="2026-04",
        lines=[],
        include_monthly_fee=True,
        today=date(2026, 4, 1),
    )
    assert april.period == date(2026, 4, 1)


def test_the_model_refuses_a_month_not_started(cast, contract):
    from django.utils import timezone

    next_month = (timezone.localdate().replace(day=1) + timedelta(days=31)).replace(day=1)
    invoice = Invoice(contract=contract, number="X", period=next_month, submitted_by=cast.vendor_x_admin)
    with pytest.raises(ValidationError) as exc:
        invoice.full_clean()
    assert list(exc.value.message_dict) == ["period"] and "has not started yet" in exc.value.message_dict["period"][0]
    invoice.period = timezone.localdate().replace(day=1)
    invoice.full_clean()  # the month under way is fine


def test_finance_cannot_decide_on_a_month_not_started_but_may_dispute(cast, contract):
    invoice = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="INV-5",
        period="2026-05",
        lines=[],
        include_monthly_fee=True,
        today=date(2026, 5, 2),
    )  # sent before the rule: April's finance sees May's invoice
    for decide in (invoicing.invoice_validate, invoicing.invoice_approve):
        with pytest.raises(ValidationError, match="2026-05, which has not started yet"):
            decide(invoice=invoice, by=cast.finance, today=date(2026, 4, 30))
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SUBMITTED
    approved = invoicing.invoice_approve(invoice=invoice, by=cast.finance, today=date(2026, 5, 1))
    assert approved.status == InvoiceStatus.APPROVED
    other = invoicing.invoice_submit(
        contract=contract,
        by=cast.vendor_x_admin,
        number="INV-6",
        period="2026-06",
        lines=[],
        include_monthly_fee=True,
        today=date(2026, 6, 1),
    )
    assert invoicing.invoice_dispute(invoice=other, by=cast.finance, reason="Not yet").status == InvoiceStatus.DISPUTED


# --- The monthly fee is charged once per contract and month ---------------------------------


def test_the_monthly_fee_of_a_month_is_invoiced_once(cast, contract):
    first = submit(cast, contract, number="INV-1", fee=True)
    with pytest.raises(ValidationError) as exc:
        submit(cast, contract, number="INV-2", fee=True)
    assert list(exc.value.message_dict) == ["include_monthly_fee"]
    assert exc.value.message_dict["include_monthly_fee"] == [
        "The monthly fee for 2026-02 is already on invoice INV-1 (Submitted). Leave it out: "
        "this invoice may carry only rate card items for that month."
    ]
    assert list(Invoice.objects.values_list("number", flat=True)) == ["INV-1"]
    # Rate card items of the same month on a second invoice are a charge of that month.
    usage = submit(cast, contract, number="INV-3")
    assert usage.period == first.period and not usage.has_monthly_fee
    # Another month's fee is fine.
    assert submit(cast, contract, number="INV-4", period="2026-03", fee=True).has_monthly_fee


def test_an_approved_or_validated_invoice_holds_its_month_a_disputed_one_does_not(cast, contract):
    first = submit(cast, contract, number="INV-1", fee=True)
    invoicing.invoice_validate(invoice=first, by=cast.finance)
    with pytest.raises(ValidationError, match="already on invoice INV-1 \\(Validated\\)"):
        submit(cast, contract, number="INV-2", fee=True)
    invoicing.invoice_dispute(invoice=first, by=cast.finance, reason="Wrong hours")
    replacement = submit(cast, contract, number="INV-2", fee=True)  # the vendor's corrected invoice
    invoicing.invoice_approve(invoice=replacement, by=cast.finance)
    with pytest.raises(ValidationError, match="already on invoice INV-2 \\(Approved\\)"):
        submit(cast, contract, number="INV-3", fee=True)
    assert Invoice.objects.count() == 2


def test_the_database_holds_one_monthly_fee_invoice_per_contract_and_month(cast, contract):
    from django.db import IntegrityError, transaction

    def make(number, **kw):
        return Invoice.objects.create(
            contract=contract, number=number, period=date(2026, 2, 1), submitted_by=cast.vendor_x_admin, **kw
        )

    make("A", has_monthly_fee=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        make("B", has_monthly_fee=True)
    make("C", has_monthly_fee=True, status=InvoiceStatus.DISPUTED)
    make("D")
    assert sorted(Invoice.objects.values_list("number", flat=True)) == ["A", "C", "D"]


def test_two_submissions_at_once_the_second_gets_the_monthly_fee_error(cast, contract, monkeypatch):
    """Both passed the check before either was saved: the database refuses the second, which
    reads as the monthly fee error, not the invoice number's."""
    submit(cast, contract, number="INV-1", fee=True)
    real = invoicing._monthly_fee_taken
    calls = []

    def checked_before_the_first_was_saved(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(invoicing, "_monthly_fee_taken", checked_before_the_first_was_saved)
    with pytest.raises(ValidationError) as exc:
        submit(cast, contract, number="INV-2", fee=True)
    assert list(exc.value.message_dict) == ["include_monthly_fee"]
    assert "already on invoice INV-1" in exc.value.message_dict["include_monthly_fee"][0]
    assert Invoice.objects.count() == 1


def _sent_before_the_rule(cast, contract, number, status=InvoiceStatus.SUBMITTED):
    """An invoice carrying the monthly fee, saved as before the rule (no flag)."""
    from delivery.models import InvoiceLine

    invoice = Invoice.objects.create(
        contract=contract,
        number=number,
        period=date(2026, 2, 1),
        status=status,
        gross_amount=Decimal("100000.00"),
        net_amount=Decimal("100000.00"),
        submitted_by=cast.vendor_x_admin,
    )
    InvoiceLine.objects.create(
        invoice=invoice, kind="monthly_fee", quantity=1, rate=Decimal("100000"), amount=Decimal("100000.00")
    )
    return invoice


def test_the_second_approval_of_a_months_monthly_fee_is_refused(cast, contract):
    from performance import engine

    first = _sent_before_the_rule(cast, contract, "OLD-1")
    second = _sent_before_the_rule(cast, contract, "OLD-2")
    invoicing.invoice_approve(invoice=first, by=cast.finance)
    with pytest.raises(ValidationError) as exc:
        invoicing.invoice_approve(invoice=second, by=cast.finance)
    assert exc.value.messages == [
        "The monthly fee for 2026-02 is already on approved invoice OLD-1: dispute invoice OLD-2 "
        "and ask the vendor for one without the monthly fee."
    ]
    second.refresh_from_db()
    assert second.status == InvoiceStatus.SUBMITTED
    # The month's charges (and so the at-risk amount) count the fee once.
    assert engine.period_charges(contract, "monthly", date(2026, 2, 1), date(2026, 3, 1)) == Decimal("100000.00")
    # A usage-only invoice of the month is approved.
    usage = submit(cast, contract, number="USE")
    assert invoicing.invoice_approve(invoice=usage, by=cast.finance).status == InvoiceStatus.APPROVED


def test_the_migration_flags_one_monthly_fee_invoice_per_month(cast, contract):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("delivery.migrations.0008_invoice_monthly_fee_once")
    submitted = _sent_before_the_rule(cast, contract, "OLD-1")
    approved = _sent_before_the_rule(cast, contract, "OLD-2", status=InvoiceStatus.APPROVED)
    disputed = _sent_before_the_rule(cast, contract, "OLD-3", status=InvoiceStatus.DISPUTED)
    usage = submit(cast, contract, number="USE")
    migration.flag_monthly_fee(apps, None)
    flags = dict(Invoice.objects.values_list("pk", "has_monthly_fee"))
    assert flags == {submitted.pk: False, approved.pk: True, disputed.pk: True, usage.pk: False}


# --- Line labels read in the reader's language --------------------------------------------


def test_the_monthly_fee_line_stores_its_kind_not_the_submitters_words(cast, contract):
    from django.utils import translation

    from delivery.choices import InvoiceLineKind

    with translation.override("zh-hans"):
        invoice = submit(cast, contract, fee=True)
    rate_line, fee_line = invoice.lines.all()
    assert (fee_line.kind, fee_line.description) == (InvoiceLineKind.MONTHLY_FEE, "")
    assert (rate_line.kind, rate_line.description) == (InvoiceLineKind.RATE_CARD, "Agent hour / hour")
    assert fee_line.label == "Monthly fee" and rate_line.label == "Agent hour / hour"
    with translation.override("zh-hans"):
        assert fee_line.label == "月费" and rate_line.label == "Agent hour / hour"


def test_the_migration_turns_stored_monthly_fee_texts_into_the_kind(cast, contract):
    from importlib import import_module

    from django.apps import apps

    from delivery.models import InvoiceLine

    migration = import_module("delivery.migrations.0009_invoice_line_kind")
    invoice = submit(cast, contract)
    old = [
        InvoiceLine.objects.create(invoice=invoice, description=text, quantity=1, rate=1, amount=1)
        for text in ("月费", "Monthly fee")
    ]
    migration.monthly_fee_kind(apps, None)
    rows = list(InvoiceLine.objects.order_by("pk").values_list("pk", "kind", "description"))
    assert rows == [
        (invoice.lines.first().pk, "rate_card", "Agent hour / hour"),
        (old[0].pk, "monthly_fee", ""),
        (old[1].pk, "monthly_fee", ""),
    ]


# --- The dispute reason has a length limit ----------------------------------------------


def test_a_dispute_reason_longer_than_the_limit_is_refused(cast, contract):
    invoice = submit(cast, contract)
    with pytest.raises(ValidationError) as exc:
        invoicing.invoice_dispute(invoice=invoice, by=cast.finance, reason="x" * 20_000)
    assert exc.value.message_dict == {"reason": ["At most 2000 characters; this reason has 20000."]}
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SUBMITTED and invoice.dispute_reason == ""
    longest = "y" * invoicing.DISPUTE_REASON_MAX_LENGTH
    assert (
        invoicing.invoice_dispute(invoice=invoice, by=cast.finance, reason=f"  {longest}  ").dispute_reason == longest
    )
