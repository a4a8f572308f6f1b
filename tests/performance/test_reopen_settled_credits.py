"""A service credit deducted on an approved invoice is settled: reopening its period (or a later
period its earn-back waits on) is refused with the invoice named, on the page and by the service,
and nothing changes; an evaluation that meets a deducted credit (a period reopened before this rule)
keeps it as it is instead of failing on the deduction that protects it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from delivery import invoicing
from delivery.models import CreditDeduction
from performance.choices import CreditStatus
from performance.models import Credit, Period
from performance.services import contract_run, evaluate_period, period_reopen
from tests.contracts.factories import ContractFactory

from .helpers import at, level, samples


@pytest.fixture
def deducted(cast):
    """January breached (credit 4,000.00 applied), deducted on the approved February invoice."""
    contract = ContractFactory(
        program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1,
        monthly_fee=Decimal("100000"), at_risk_pct=Decimal("10"),
    )  # fmt: skip
    sl = level(contract, "ASA20", measure="percent_within", threshold=20, expected=80, minimum=75, allocation_pct=40)
    samples(sl, [10] * 18 + [99] * 7)  # 72 % within 20 s: a breach
    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    jan = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    credit = jan.credits.get()
    assert (credit.status, credit.amount) == (CreditStatus.APPLIED, Decimal("4000.00"))
    invoice = invoicing.invoice_submit(
        contract=contract, by=cast.vendor_x_admin, number="INV-FEB", period="2026-02", lines=[],
        include_monthly_fee=True,
    )  # fmt: skip
    invoicing.invoice_validate(invoice=invoice, by=cast.finance)
    invoice = invoicing.invoice_approve(invoice=invoice, by=cast.finance)
    assert invoice.deductions.get().credit == credit
    return jan, credit


def test_reopening_a_period_whose_credit_was_deducted_is_refused(cast, client, deducted):
    jan, credit = deducted
    with pytest.raises(ValidationError) as refused:
        period_reopen(period=jan, by=cast.manager, reason="Late data")
    assert "INV-FEB" in " ".join(refused.value.messages)
    client.force_login(cast.manager)
    url = reverse("performance:period_reopen", args=[jan.pk])
    page = client.post(url, {"reason": "Late data"}, follow=True).content.decode()
    assert "This period cannot be reopened" in page and "INV-FEB" in page
    jan.refresh_from_db()
    credit.refresh_from_db()
    assert jan.status == "finalized" and not jan.reopenings.exists()
    assert credit.status == CreditStatus.APPLIED


def test_the_refusal_is_in_chinese(cast, client, deducted):
    jan, _credit = deducted
    cast.manager.language = "zh-hans"
    cast.manager.save()
    client.force_login(cast.manager)
    url = reverse("performance:period_reopen", args=[jan.pk])
    page = client.post(url, {"reason": "数据迟到"}, follow=True).content.decode()
    assert "INV-FEB" in page and "This period cannot be reopened" not in page


def test_evaluating_a_reopened_period_keeps_a_deducted_credit(deducted):
    jan, credit = deducted
    # A period reopened before reopening refused this, whose breach then disappeared.
    Period.objects.filter(pk=jan.pk).update(status="provisional", finalized_at=None)
    Credit.objects.filter(pk=credit.pk).update(status=CreditStatus.PROVISIONAL)
    jan.contract.service_levels.update(minimum=Decimal("50"), expected=Decimal("60"))  # now met
    evaluate_period(period_id=jan.pk, now=at(2026, 2, 11))  # no ProtectedError
    credit.refresh_from_db()
    assert credit.amount == Decimal("4000.00")
    assert CreditDeduction.objects.get().credit_id == credit.pk
    assert jan.results.get().state == "met"
