"""A number beyond its field's limits is told the largest value allowed, not Django's "Ensure that
there are no more than 16 digits in total.", on staff and portal forms and in the API, in English
and Chinese (the bound grouped in both); and every problem of a number is told at once on every
model form: "-99999999999999999" is told both the bound and "at least 0", not the digits first and
the minimum once they are fixed (bpo/core/numbers.py)."""

import re
from decimal import Decimal

import pytest
from django import forms
from django.urls import get_resolver, reverse
from django.utils import translation

from bpo.core.numbers import NUMBER_FIELDS, digit_errors
from contracts.models import Contract, RateCardLine
from tests.contracts.factories import contract_of_a
from tests.contracts.test_currency_codes import _contract_form
from tests.delivery.test_invoice_pages import _form as _invoice_form
from tests.strategy.test_program_pages import _field_block

HUGE = "12345678901234567"  # 17 digits: a contract's amounts hold 16 with 2 decimal places
NEGATIVE_HUGE = "-99999999999999999"
AMOUNT_BELOW = "Enter a number below 100,000,000,000,000."
AMOUNT_ABOVE = "Enter a number above -100,000,000,000,000."
AT_LEAST_0 = "Ensure this value is greater than or equal to 0."


def _errors(html, field):
    block = _field_block(html, field)
    return [m.strip() for m in re.findall(r'<p class="error"[^>]*>(.*?)</p>', block, re.S)]


def _as(client, user, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = language


@pytest.mark.parametrize(
    ("value", "messages"),
    [
        (Decimal("9999999999999999.99"), []),
        (Decimal("-9999999999999999.99"), []),
        (Decimal("10000000000000000"), ["Enter a number below 10,000,000,000,000,000."]),
        (Decimal("-10000000000000000"), ["Enter a number above -10,000,000,000,000,000."]),
        (Decimal("1.234"), ["Enter at most 2 decimal places."]),
        (Decimal("0.001"), ["Enter at most 2 decimal places."]),
        (
            Decimal("123456789012345678.123"),
            ["Enter a number below 10,000,000,000,000,000.", "Enter at most 2 decimal places."],
        ),
    ],
)
def test_the_rule_names_the_bound_of_18_digits_with_2_decimal_places(value, messages):
    with translation.override("en"):
        assert [m for e in digit_errors(value, 18, 2) for m in e] == messages


def test_one_decimal_place_is_singular_and_a_field_of_only_decimals_is_below_1():
    with translation.override("en"):
        assert [m for e in digit_errors(Decimal("0.25"), 3, 1) for m in e] == ["Enter at most 1 decimal place."]
        assert [m for e in digit_errors(Decimal("1.5"), 4, 4) for m in e] == ["Enter a number below 1."]


def test_the_contract_form_names_the_largest_amount(cast, client):
    _as(client, cast.manager, "en")
    response = client.post(reverse("contracts:contract_create"), _contract_form(cast, value=HUGE, at_risk_pct="1.234"))
    assert response.status_code == 200 and not Contract.objects.filter(number="CUR-1").exists()
    html = response.content.decode()
    assert _errors(html, "value") == [AMOUNT_BELOW]
    assert _errors(html, "at_risk_pct") == ["Enter at most 2 decimal places."]
    assert "digits in total" not in html


def test_the_contract_form_tells_a_negative_huge_amount_both_problems_at_once(cast, client):
    _as(client, cast.manager, "en")
    response = client.post(reverse("contracts:contract_create"), _contract_form(cast, monthly_fee=NEGATIVE_HUGE))
    assert _errors(response.content.decode(), "monthly_fee") == [AMOUNT_ABOVE, AT_LEAST_0]


def test_the_contract_form_in_chinese_names_the_bound_grouped(cast, client):
    _as(client, cast.manager, "zh-hans")
    data = _contract_form(cast, value=HUGE, monthly_fee=NEGATIVE_HUGE, at_risk_pct="1.234")
    html = client.post(reverse("contracts:contract_create"), data).content.decode()
    assert _errors(html, "value") == ["请输入小于 100,000,000,000,000 的数字。"]
    assert _errors(html, "monthly_fee") == ["请输入大于 -100,000,000,000,000 的数字。", "请确保该值大于或等于 0。"]
    assert _errors(html, "at_risk_pct") == ["最多输入 2 位小数。"]


@pytest.mark.parametrize(
    ("language", "messages"),
    [
        ("en", [AMOUNT_ABOVE, AT_LEAST_0]),
        ("zh-hans", ["请输入大于 -100,000,000,000,000 的数字。", "请确保该值大于或者等于 0。"]),  # DRF's wording
    ],
)
def test_the_api_answers_400_with_the_bound_and_the_minimum_together(cast, client, language, messages):
    _as(client, cast.manager, language)
    payload = {
        "program": cast.program_a.pk,
        "vendor": cast.vendor_x.pk,
        "number": "API-HUGE",
        "title": "API contract",
        "contract_type": "msa",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "monthly_fee": NEGATIVE_HUGE,
    }
    response = client.post("/api/v1/contracts/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("monthly_fee", m) for m in messages]
    payload["monthly_fee"] = HUGE
    response = client.post("/api/v1/contracts/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    detail = [(e["code"], e["detail"]) for e in response.json()["errors"]]
    expected = AMOUNT_BELOW if language == "en" else "请输入小于 100,000,000,000,000 的数字。"
    assert detail == [("max_digits", expected)]
    assert not Contract.objects.filter(number="API-HUGE").exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Enter a number below 10,000,000,000."), ("zh-hans", "请输入小于 10,000,000,000 的数字。")],
)
def test_the_portal_invoice_line_names_the_largest_quantity(cast, client, language, message):
    contract = contract_of_a(cast)
    RateCardLine.objects.create(contract=contract, item="Agent hour", unit="hour", rate=Decimal("25.50"))
    _as(client, cast.vendor_x_user, language)
    data = _invoice_form(contract, **{"lines-0-quantity": "123456789012345"})
    html = client.post(reverse("portal:invoice_create", args=[contract.pk]), data).content.decode()
    assert message in html and "digits in total" not in html and "个数字" not in html


def _project_model_forms():
    assert get_resolver().url_patterns  # imports every view, and with them every form module
    apps = ("bpo.", "strategy.", "vendors.", "contracts.", "delivery.", "performance.", "risk.")
    seen, todo = set(), [forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    from strategy.forms import charter_form_for
    from strategy.services import CHARTER_KINDS

    charter = [charter_form_for(kind) for kind in CHARTER_KINDS]  # built when a page asks
    return charter + [f for f in seen if f.__module__.startswith(apps) and getattr(f._meta, "model", None)]


def test_every_model_form_checks_a_numbers_model_limits_with_its_own():
    """Every model form's number field carries its model field's validators (minimum, maximum,
    digits), so all of a number's problems are told at once; a field the form declares itself is
    the form's own."""
    checked = 0
    for form_class in _project_model_forms():
        model = form_class._meta.model
        for name, field in form_class.base_fields.items():
            if name in form_class.declared_fields:
                continue
            model_field = next((f for f in model._meta.get_fields() if f.name == name), None)
            if not isinstance(model_field, NUMBER_FIELDS):
                continue
            missing = [v for v in model_field.validators if v not in field.validators]
            assert not missing, (form_class, name, missing)
            checked += 1
    assert checked > 20
