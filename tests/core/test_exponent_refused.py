"""A number typed in exponent notation ("1e5") is refused on every form and in the API, next to
the field, as the portal's proposal price and the score sheet refuse it (bpo/core/numbers.py):
Decimal read "1e5" as 100000, and a budget line, an invoice amount or a fee typed so was saved
as that. A JSON number written 1e5 (unquoted) is a number and is read as one."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from rest_framework import serializers
from rest_framework.test import APIClient

from strategy.models import BudgetLine

MESSAGE = "Write the number in plain digits, without exponent notation (100000, not 1e5)."


@pytest.fixture
def program(cast):
    cast.program_a.start_date, cast.program_a.end_date = date(2026, 1, 1), date(2028, 6, 30)
    cast.program_a.save(update_fields=["start_date", "end_date"])
    return cast.program_a


@pytest.mark.parametrize("typed", ["1e5", "1E5", "2e+3", "100000e0", " 1e-2 "])
def test_any_form_decimal_field_refuses_exponent_text(typed):
    field = forms.DecimalField(max_digits=18, decimal_places=2, required=False)
    with pytest.raises(forms.ValidationError) as exc:
        field.clean(typed)
    assert exc.value.messages == [MESSAGE]
    assert exc.value.error_list[0].code == "exponent"


@pytest.mark.parametrize(("typed", "number"), [("100000", Decimal("100000")), ("12.50", Decimal("12.50")), ("", None)])
def test_plain_digits_are_still_read(typed, number):
    assert forms.DecimalField(max_digits=18, decimal_places=2, required=False).clean(typed) == number


def test_the_message_is_in_chinese_for_a_chinese_user():
    with translation.override("zh-hans"):
        with pytest.raises(forms.ValidationError) as exc:
            forms.DecimalField().clean("1e5")
        message = exc.value.messages[0]
    assert message != MESSAGE
    assert "1e5" in message


def test_the_budget_line_form_shows_it_next_to_the_amount_keeping_what_was_typed(cast, program, client):
    client.force_login(cast.manager)
    url = reverse("strategy:charter_item_create", args=[program.pk, "budget"])
    response = client.post(url, {"category": "training", "period": "2026-Q1", "planned_amount": "1e5"})
    assert response.status_code == 200
    assert response.context["form"].errors["planned_amount"] == [MESSAGE]
    assert 'value="1e5"' in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_the_api_refuses_exponent_text_with_a_400_on_the_field(cast, program):
    api = APIClient()
    api.force_authenticate(cast.manager)
    body = {"program": program.pk, "category": "training", "period": "2026-Q1", "planned_amount": "1e5"}
    response = api.post("/api/v1/budget-lines/", body, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert [(e["attr"], e["detail"]) for e in errors] == [("planned_amount", MESSAGE)]
    assert not BudgetLine.objects.exists()


def test_the_api_reads_a_json_number_written_with_an_exponent(cast, program):
    api = APIClient()
    api.force_authenticate(cast.manager)
    body = '{"program": PK, "category": "training", "period": "2026-Q1", "planned_amount": 1e5}'
    body = body.replace("PK", str(program.pk))
    response = api.post("/api/v1/budget-lines/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert BudgetLine.objects.get().planned_amount == Decimal("100000")


def test_any_serializer_decimal_field_refuses_exponent_text():
    field = serializers.DecimalField(max_digits=18, decimal_places=2)
    with pytest.raises(serializers.ValidationError) as exc:
        field.run_validation("1e5")
    assert exc.value.detail == [MESSAGE]
    assert field.run_validation("100000") == Decimal("100000")


NOT_PLAIN = "Write the number in plain digits 0-9, with at most one decimal point (1000.50)."


@pytest.mark.parametrize("typed", ["1_000", "１００", "١٠٠", "1 000_5"])
def test_underscores_and_other_scripts_digits_are_refused(typed):
    """Decimal read "1_000" as 1000 and full-width or Arabic-Indic digits as 100 (user test)."""
    with pytest.raises(forms.ValidationError) as exc:
        forms.DecimalField(max_digits=18, decimal_places=2).clean(typed)
    assert exc.value.messages == [NOT_PLAIN]
    with pytest.raises(serializers.ValidationError) as exc:
        serializers.DecimalField(max_digits=18, decimal_places=2).run_validation(typed)
    assert exc.value.detail == [NOT_PLAIN]


@pytest.mark.parametrize(
    ("typed", "number"),
    [("12", Decimal("12")), (" -3.5 ", Decimal("-3.5")), (".5", Decimal("0.5")), ("7.", Decimal("7"))],
)
def test_plain_decimal_reads_plain_digits(typed, number):
    from bpo.core.numbers import plain_decimal

    assert plain_decimal(typed) == number


@pytest.mark.parametrize("typed", ["1e1", "5E+1", "NaN", "sNaN", "Infinity", "9_9", "１００", "", "1.2.3", "--1"])
def test_plain_decimal_refuses_the_rest(typed):
    from bpo.core.numbers import plain_decimal

    assert plain_decimal(typed) is None
