"""A contract's renewal term is 1 to 120 months (0 was read as empty and saved as 12, then shown as
"Yes, for 12 months at a time"), and its notice period is not longer than its term (700 days on a
one-year contract put the notice deadline before the start): next to the field on the form,
keeping what was typed, and 400 on the field in the API."""

import pytest
from django.urls import reverse

from contracts.models import Contract
from tests.strategy.test_program_pages import _field_block

from .test_currency_codes import _contract_form

NOTICE = (
    "A notice period of 700 days puts the notice deadline (2025-01-30) before the contract starts "
    "(2026-01-01): enter at most 364 days."
)
API = {
    "program": None,
    "vendor": None,
    "number": "API-TERMS",
    "title": "API contract",
    "contract_type": "msa",
    "start_date": "2026-01-01",
    "end_date": "2026-12-31",
    "monthly_fee": "1000",
}


@pytest.mark.parametrize(
    ("months", "text"), [("0", "greater than or equal to 1"), ("121", "less than or equal to 120")]
)
def test_the_form_refuses_a_renewal_term_outside_1_to_120_months(cast, client, months, text):
    client.force_login(cast.manager)
    data = _contract_form(cast, auto_renewal="on", renewal_term_months=months)
    response = client.post(reverse("contracts:contract_create"), data)
    assert response.status_code == 200
    block = _field_block(response.content.decode(), "renewal_term_months")
    assert text in block and f'value="{months}"' in block
    assert not Contract.objects.filter(number="CUR-1").exists()


def test_an_empty_renewal_term_keeps_12_months(cast, client):
    client.force_login(cast.manager)
    data = _contract_form(cast, auto_renewal="on", renewal_term_months="")
    assert client.post(reverse("contracts:contract_create"), data).status_code == 302
    assert Contract.objects.get(number="CUR-1").renewal_term_months == 12


def test_the_form_refuses_a_notice_period_longer_than_the_term(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("contracts:contract_create"), _contract_form(cast, notice_period_days="700"))
    assert response.status_code == 200
    block = _field_block(response.content.decode().replace("&#x27;", "'"), "notice_period_days")
    assert NOTICE in block and 'value="700"' in block
    assert not Contract.objects.filter(number="CUR-1").exists()
    # Notice due on the first day at the latest is still a contract.
    response = client.post(reverse("contracts:contract_create"), _contract_form(cast, notice_period_days="364"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"auto_renewal": True, "renewal_term_months": 0}, "renewal_term_months"),
        ({"notice_period_days": 700}, "notice_period_days"),
    ],
)
def test_the_api_answers_400_on_the_field(cast, client, extra, field):
    client.force_login(cast.manager)
    payload = {**API, "program": cast.program_a.pk, "vendor": cast.vendor_x.pk, **extra}
    response = client.post("/api/v1/contracts/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert [e["attr"] for e in response.json()["errors"]] == [field]
    assert not Contract.objects.filter(number="API-TERMS").exists()
