"""The terms a change request proposes pass, when it is raised and again when it is decided, every
check the contract's own edit applies, and the currency stays once anything is invoiced or credited
in it (user test on CS-MSA-2026-001: an approved `currency: EUR` relabelled the past USD invoices and
credits as EUR and dropped them from the budget; a pool limit of 1% under SLAs allocated 120% was
approved; `contract_type: sow` and a 730-day notice were refused only at the decision)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.core.zones import today_in
from contracts import services
from contracts.models import ChangeRequest
from contracts.services.lifecycle import add_months
from delivery.models import Invoice
from performance.models import Credit, Period

from .factories import ContractFactory, ServiceLevelFactory

D = Decimal


@pytest.fixture
def today(cast):
    return today_in(cast.program_a.time_zone)


@pytest.fixture
def msa(cast, today):
    """An active MSA, started three months ago for two more years, two SLAs allocated 60% each."""
    contract = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        status="active",
        start_date=add_months(today.replace(day=1), -3),
        end_date=add_months(today.replace(day=1), 24),
    )
    for code in ("ASA", "FCR"):
        ServiceLevelFactory(contract=contract, code=code, allocation_pct=D("60"))
    services.contracts.record_version(contract, cast.manager)
    return contract


def _raise(cast, contract, terms):
    return services.change_request_create(
        contract=contract, by=cast.contributor, title="Change", description="d", proposed_terms=terms
    )


def _refusal(excinfo) -> str:
    return " ".join(excinfo.value.message_dict["proposed_terms"])


def _invoice(cast, contract):
    return Invoice.objects.create(
        contract=contract,
        number="INV-1",
        period=contract.start_date,
        status="approved",
        gross_amount=D("100000"),
        net_amount=D("100000"),
        submitted_by=cast.vendor_x_admin,
    )


def test_the_currency_is_not_amended_once_the_contract_is_invoiced(cast, msa):
    _invoice(cast, msa)
    with pytest.raises(ValidationError) as refused:
        _raise(cast, msa, {"currency": "EUR"})
    assert "1 invoice" in _refusal(refused) and "USD" in _refusal(refused) and "relabel" in _refusal(refused)
    assert not ChangeRequest.objects.exists()


def test_the_currency_is_not_amended_once_a_service_credit_is_earned(cast, msa):
    period = Period.objects.create(
        contract=msa, kind="monthly", start=msa.start_date, end=add_months(msa.start_date, 1)
    )
    Credit.objects.create(
        period=period,
        service_level=msa.service_levels.get(code="ASA"),
        allocation_pct=D("60"),
        uncapped_amount=D("6000"),
        amount=D("6000"),
    )
    with pytest.raises(ValidationError) as refused:
        _raise(cast, msa, {"currency": "EUR"})
    assert "1 service credit" in _refusal(refused)


def test_the_currency_is_checked_again_at_the_decision(cast, msa):
    change = _raise(cast, msa, {"currency": "EUR"})  # nothing invoiced yet: taken
    services.change_request_assess(change=change, by=cast.manager)
    _invoice(cast, msa)
    with pytest.raises(ValidationError) as refused:
        services.change_request_decide(change=change, by=cast.manager, approve=True)
    assert "1 invoice" in _refusal(refused)
    msa.refresh_from_db()
    change.refresh_from_db()
    assert (msa.currency, msa.terms_version, change.status) == ("USD", 1, "assessed")
    services.change_request_decide(change=change, by=cast.manager, approve=False, comments="Invoiced in USD")


def test_a_pool_limit_below_the_sla_allocations_is_refused_when_raised(cast, msa):
    with pytest.raises(ValidationError) as refused:
        _raise(cast, msa, {"at_risk_pct": "100", "credit_pool_limit_pct": "1"})
    assert "120" in _refusal(refused) and "pool limit" in _refusal(refused)
    assert not ChangeRequest.objects.exists()


def test_the_pool_limit_is_checked_again_at_the_decision(cast, msa):
    change = _raise(cast, msa, {"credit_pool_limit_pct": "150"})
    services.change_request_assess(change=change, by=cast.manager)
    ServiceLevelFactory(contract=msa, code="AHT", allocation_pct=D("40"))  # 160% now
    with pytest.raises(ValidationError) as refused:
        services.change_request_decide(change=change, by=cast.manager, approve=True)
    assert "160" in _refusal(refused)
    msa.refresh_from_db()
    assert (msa.credit_pool_limit_pct, msa.terms_version) == (D("250.00"), 1)


@pytest.mark.parametrize(
    ("terms", "said"),
    [
        ({"contract_type": "sow"}, "statement of work"),
        ({"notice_period_days": "730", "end_date": 12}, "notice deadline"),
        ({"notice_period_days": "730"}, "notice deadline"),  # on a 20-month term
    ],
)
def test_terms_the_contract_edit_refuses_are_refused_when_raised(cast, msa, terms, said):
    if "end_date" in terms:  # a one-year term
        terms = {**terms, "end_date": add_months(msa.start_date, terms["end_date"]).isoformat()}
    else:
        msa.end_date = add_months(msa.start_date, 20)
        msa.save(update_fields=["end_date"])
    with pytest.raises(ValidationError) as refused:
        _raise(cast, msa, terms)
    assert said in _refusal(refused)
    assert not ChangeRequest.objects.exists()


def test_the_page_shows_the_refusal_next_to_the_proposed_terms(cast, client, msa):
    client.force_login(cast.manager)
    response = client.post(
        reverse("contracts:change_create", args=[msa.pk]),
        {"title": "Pool", "description": "d", "proposed_terms": "credit_pool_limit_pct: 1"},
    )
    assert response.status_code == 200
    assert "120" in " ".join(response.context["form"].errors["proposed_terms"])
    assert not ChangeRequest.objects.exists()


def test_a_change_after_a_waiting_amendment_is_checked_against_it(cast, msa, today):
    first = _raise(cast, msa, {"monthly_fee": "150000"})
    services.change_request_assess(change=first, by=cast.manager)
    later = add_months(today.replace(day=1), 1) + timedelta(days=3)
    services.change_request_decide(change=first, by=cast.manager, approve=True, effective_date=later)
    # The fee as it will stand is 150,000.00: proposing it again changes nothing.
    with pytest.raises(ValidationError) as refused:
        _raise(cast, msa, {"monthly_fee": "150000.00"})
    assert _refusal(refused) == "Propose at least one term that changes."
    assert _raise(cast, msa, {"monthly_fee": "100000"}).proposed_terms == {"monthly_fee": "100000"}


def test_a_waiting_currency_change_does_not_take_effect_once_invoiced(cast, msa, today):
    """Approved for a later day, then an invoice came in: the daily job leaves it waiting (logged),
    the past invoice keeps its currency, and the managers may withdraw it."""
    change = _raise(cast, msa, {"currency": "EUR"})
    services.change_request_assess(change=change, by=cast.manager)
    day = add_months(today.replace(day=1), 1)
    services.change_request_decide(change=change, by=cast.manager, approve=True, effective_date=day)
    _invoice(cast, msa)
    assert services.amendments_apply_due(today=day) == {"applied": 0, "failed": 1}
    msa.refresh_from_db()
    assert msa.currency == "USD"
    withdrawn = services.amendment_withdraw(change=change, by=cast.manager, reason="Invoiced in USD")
    assert withdrawn.status == "withdrawn"
