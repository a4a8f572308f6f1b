"""The small day and period counts of contracts and service levels have an upper bound (model
validators): a grace period of 99999999999 days was accepted and then overflowed the engine's
date arithmetic (a 500 on "Evaluate now" and a stopped scheduled job). The pages name the field,
in English and Chinese; the API answers 400 on it; an amendment cannot bring the value back."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contracts.models import (
    MAX_EARN_BACK_PERIODS,
    MAX_GRACE_DAYS,
    MAX_NOTICE_DAYS,
    MAX_SCHEDULE_IMPACT_DAYS,
    Contract,
    ServiceLevel,
)
from contracts.services.changes import parse_proposed_terms
from tests.strategy.test_program_pages import _field_block

from .factories import ContractFactory
from .test_currency_codes import _contract_form

HUGE = "99999999999"


@pytest.mark.parametrize(("field", "limit"), [("grace_days", MAX_GRACE_DAYS), ("notice_period_days", MAX_NOTICE_DAYS)])
def test_model_validation_bounds_the_contracts_day_counts(cast, field, limit):
    # Three years: the longest notice period fits within the term (Contract.clean).
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, end_date=date(2028, 12, 31))
    setattr(contract, field, limit + 1)
    with pytest.raises(ValidationError) as refused:
        contract.full_clean()
    assert field in refused.value.message_dict
    setattr(contract, field, limit)
    contract.full_clean()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", f"less than or equal to {MAX_GRACE_DAYS}"), ("zh-hans", f"小于或等于 {MAX_GRACE_DAYS}")],
)
@pytest.mark.parametrize("field", ["grace_days", "notice_period_days"])
def test_the_contract_form_refuses_a_huge_day_count_next_to_the_field(cast, client, language, message, field):
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.cookies["django_language"] = language
    response = client.post(reverse("contracts:contract_create"), _contract_form(cast, **{field: HUGE}))
    assert response.status_code == 200 and not Contract.objects.filter(number="CUR-1").exists()
    block = _field_block(response.content.decode(), field)
    assert "has-error" in block.split(">")[0]
    limit = MAX_GRACE_DAYS if field == "grace_days" else MAX_NOTICE_DAYS
    assert message.replace(str(MAX_GRACE_DAYS), str(limit)) in block
    # Three years: the longest notice period fits within the term (Contract.clean).
    ok = client.post(
        reverse("contracts:contract_create"), _contract_form(cast, end_date="2028-12-31", **{field: str(limit)})
    )
    assert ok.status_code == 302 and getattr(Contract.objects.get(number="CUR-1"), field) == limit


@pytest.mark.parametrize("field", ["grace_days", "notice_period_days"])
def test_the_contract_api_answers_400_on_a_huge_day_count(cast, client, field):
    client.force_login(cast.manager)
    payload = {
        "program": cast.program_a.pk,
        "vendor": cast.vendor_x.pk,
        "number": "API-DAYS",
        "title": "API contract",
        "contract_type": "msa",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "monthly_fee": "1000",
        field: int(HUGE),
    }
    response = client.post("/api/v1/contracts/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert [e["attr"] for e in response.json()["errors"]] == [field]
    assert not Contract.objects.filter(number="API-DAYS").exists()


def test_an_amendment_cannot_propose_a_huge_grace_period():
    with pytest.raises(ValidationError) as refused:
        parse_proposed_terms({"grace_days": HUGE})
    assert "proposed_terms" in refused.value.message_dict
    assert parse_proposed_terms({"grace_days": str(MAX_GRACE_DAYS)}) == {"grace_days": MAX_GRACE_DAYS}


def _level_form(**overrides):
    data = {
        "code": "ASA20",
        "name": "Answer within 20 s",
        "kind": "sla",
        "measure": "average",
        "direction": "higher",
        "expected": "80",
        "minimum": "75",
        "unit": "%",
        "period": "monthly",
        "allocation_pct": "10",
        "earn_back_periods": "0",
        "min_samples": "1",
        "active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", f"less than or equal to {MAX_EARN_BACK_PERIODS}"),
        ("zh-hans", f"小于或等于 {MAX_EARN_BACK_PERIODS}"),
    ],
)
def test_the_service_level_form_refuses_huge_earn_back_periods_next_to_the_field(cast, client, language, message):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x)
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.cookies["django_language"] = language
    url = reverse("contracts:service_level_create", args=[contract.pk])
    response = client.post(url, _level_form(earn_back_periods=HUGE))
    assert response.status_code == 200 and not ServiceLevel.objects.filter(contract=contract).exists()
    block = _field_block(response.content.decode(), "earn_back_periods")
    assert "has-error" in block.split(">")[0] and message in block
    ok = client.post(url, _level_form(earn_back_periods=str(MAX_EARN_BACK_PERIODS)))
    assert ok.status_code == 302
    assert ServiceLevel.objects.get(contract=contract).earn_back_periods == MAX_EARN_BACK_PERIODS


def test_the_service_level_api_answers_400_on_huge_earn_back_periods(cast, client):
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x)
    client.force_login(cast.manager)
    payload = {
        "contract": contract.pk,
        "code": "A",
        "name": "a",
        "measure": "average",
        "direction": "higher",
        "expected": "80",
        "minimum": "75",
        "earn_back_periods": int(HUGE),
    }
    response = client.post("/api/v1/service-levels/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert [e["attr"] for e in response.json()["errors"]] == ["earn_back_periods"]
    payload["earn_back_periods"] = MAX_EARN_BACK_PERIODS
    assert client.post("/api/v1/service-levels/", payload, content_type="application/json").status_code == 201


def test_a_change_requests_schedule_impact_is_bounded(cast):
    from contracts.models import ChangeRequest

    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x)
    change = ChangeRequest(contract=contract, title="t", description="d", raised_by=cast.manager)
    for bad in (MAX_SCHEDULE_IMPACT_DAYS + 1, -MAX_SCHEDULE_IMPACT_DAYS - 1):
        change.schedule_impact_days = bad
        with pytest.raises(ValidationError) as refused:
            change.full_clean()
        assert "schedule_impact_days" in refused.value.message_dict
    change.schedule_impact_days = -MAX_SCHEDULE_IMPACT_DAYS
    change.full_clean()


def test_the_migration_brings_stored_values_down_to_the_bounds(cast):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("contracts.migrations.0008_day_bounds")
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, end_date=date(2028, 12, 31))
    # the largest values the columns hold on every database (PostgreSQL: smallint, integer)
    Contract.objects.filter(pk=contract.pk).update(grace_days=32767, notice_period_days=2147483647)
    kept = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, grace_days=7, notice_period_days=60)
    migration.clamp(apps, None)
    contract.refresh_from_db()
    kept.refresh_from_db()
    assert (contract.grace_days, contract.notice_period_days) == (MAX_GRACE_DAYS, MAX_NOTICE_DAYS)
    assert (kept.grace_days, kept.notice_period_days) == (7, 60)
    contract.full_clean()
