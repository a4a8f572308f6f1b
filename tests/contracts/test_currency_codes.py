"""Currencies are ISO 4217 codes (bpo/core/currencies.py), never any three letters: programs and
contracts refuse "ZZZ" in model validation, in their forms (a select, the error next to the field,
in English and Chinese) and through the API (400 on the field); the demo's codes are valid."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.core.currencies import ISO_4217
from contracts.models import Contract
from strategy.models import Program
from tests.strategy.test_program_pages import _field_block
from tests.strategy.test_program_pages import _form as _program_form

from .factories import ContractFactory


def _contract_form(cast, **overrides):
    data = {
        "program": cast.program_a.pk,
        "vendor": cast.vendor_x.pk,
        "number": "CUR-1",
        "title": "Currency check",
        "contract_type": "msa",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "notice_period_days": "90",
        "currency": "",
        "value": "0",
        "monthly_fee": "1000",
        "at_risk_pct": "10",
        "credit_pool_limit_pct": "250",
        "grace_days": "5",
    }
    data.update(overrides)
    return data


def test_the_code_list_is_iso_4217_with_the_demos_codes():
    assert {"USD", "CNY", "EUR", "PHP", "INR", "JPY", "GBP"} <= set(ISO_4217)
    assert not {"ZZZ", "XXX", "XTS", "XAU", "HRK", "usd"} & set(ISO_4217)


def test_model_validation_refuses_a_code_that_is_not_iso_4217(cast):
    cast.program_a.currency = "ZZZ"
    with pytest.raises(ValidationError) as refused:
        cast.program_a.full_clean()
    assert "currency" in refused.value.message_dict
    cast.program_a.currency = "CNY"
    cast.program_a.full_clean()
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x)
    contract.currency = "ZZZ"
    with pytest.raises(ValidationError) as refused:
        contract.full_clean()
    assert "currency" in refused.value.message_dict
    contract.currency = "EUR"
    contract.full_clean()


@pytest.mark.parametrize(("language", "message"), [("en", "Select a valid choice"), ("zh-hans", "选择一个有效的选项")])
def test_the_program_form_offers_a_select_and_refuses_zzz_next_to_the_field(cast, client, language, message):
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.cookies["django_language"] = language
    page = client.get(reverse("strategy:program_create")).content.decode()
    block = _field_block(page, "currency")
    assert '<select name="currency"' in block and '<option value="CNY">CNY</option>' in block
    assert '<option value="USD" selected>USD</option>' in block
    before = Program.objects.count()
    response = client.post(reverse("strategy:program_create"), _program_form(currency="ZZZ"))
    assert response.status_code == 200 and Program.objects.count() == before
    block = _field_block(response.content.decode(), "currency")
    assert "has-error" in block.split(">")[0] and message in block
    ok = client.post(reverse("strategy:program_create"), _program_form(currency="CNY"))
    assert ok.status_code == 302 and Program.objects.get(code="CS-2027").currency == "CNY"


@pytest.mark.parametrize(("language", "message"), [("en", "Select a valid choice"), ("zh-hans", "选择一个有效的选项")])
def test_the_contract_form_refuses_zzz_next_to_the_field(cast, client, language, message):
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.cookies["django_language"] = language
    page = client.get(reverse("contracts:contract_create")).content.decode()
    block = _field_block(page, "currency")
    assert '<select name="currency"' in block and '<option value="" selected>' in block  # empty: the program's
    response = client.post(reverse("contracts:contract_create"), _contract_form(cast, currency="ZZZ"))
    assert response.status_code == 200 and not Contract.objects.filter(number="CUR-1").exists()
    block = _field_block(response.content.decode(), "currency")
    assert "has-error" in block.split(">")[0] and message in block
    assert 'value="Currency check"' in response.content.decode()  # what was typed is kept
    ok = client.post(reverse("contracts:contract_create"), _contract_form(cast, currency="EUR"))
    assert ok.status_code == 302 and Contract.objects.get(number="CUR-1").currency == "EUR"


def test_the_api_answers_400_on_the_currency(cast, client):
    client.force_login(cast.manager)
    program = client.post(
        "/api/v1/programs/",
        {"code": "API-CUR", "name": "API", "currency": "ZZZ", "time_zone": "UTC"},
        content_type="application/json",
    )
    assert program.status_code == 400, program.content
    assert [e["attr"] for e in program.json()["errors"]] == ["currency"]
    assert not Program.objects.filter(code="API-CUR").exists()
    payload = {
        "program": cast.program_a.pk,
        "vendor": cast.vendor_x.pk,
        "number": "API-CUR-1",
        "title": "API contract",
        "contract_type": "msa",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "value": "0",
        "monthly_fee": "1000",
        "currency": "ZZZ",
    }
    contract = client.post("/api/v1/contracts/", payload, content_type="application/json")
    assert contract.status_code == 400, contract.content
    assert [e["attr"] for e in contract.json()["errors"]] == ["currency"]
    payload["currency"] = "CNY"
    created = client.post("/api/v1/contracts/", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["currency"] == "CNY"
