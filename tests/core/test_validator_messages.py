"""Django's own validator messages on our pages: in Chinese they end with "。" as ours do (Django's
zh_Hans catalogue ends the digit messages with an ASCII "."), and a number that breaks two rules
(too many digits and below the minimum) is told both at once (other forms and the API:
tests/core/test_number_messages.py)."""

import re

import pytest
from django import forms
from django.core.validators import DecimalValidator, MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils import translation

from bpo.core.validator_messages import DECIMAL_MESSAGES, OTHER_MESSAGES
from tests.strategy.test_program_pages import _field_block, _form


def _errors(block):
    return [m.strip() for m in re.findall(r'<p class="error"[^>]*>(.*?)</p>', block, re.S)]


@pytest.mark.parametrize("key", sorted(DECIMAL_MESSAGES))
@pytest.mark.parametrize("count", [1, 16])
def test_our_copies_are_djangos_msgids_and_end_with_a_chinese_full_stop(key, count):
    with translation.override("en"):
        assert DECIMAL_MESSAGES[key] % {"max": count} == DecimalValidator.messages[key] % {"max": count}
    with translation.override("zh-hans"):
        message = DecimalValidator.messages[key] % {"max": count}
        assert message.endswith("。") and str(count) in message and not message.isascii()


def test_the_other_pinned_messages_are_djangos_and_translated():
    with translation.override("en"):
        django_msgids = {
            str(MinValueValidator.message),
            str(MaxValueValidator.message),
            str(forms.Field.default_error_messages["required"]),
            str(forms.DecimalField.default_error_messages["invalid"]),
            str(forms.IntegerField.default_error_messages["invalid"]),
            str(forms.DateField.default_error_messages["invalid"]),
        }
    assert set(OTHER_MESSAGES) == django_msgids
    with translation.override("zh-hans"):
        for msgid in OTHER_MESSAGES:
            assert translation.gettext(msgid).endswith("。"), msgid


def test_the_program_form_in_chinese_ends_every_number_error_with_a_chinese_full_stop(cast, client):
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    data = _form(baseline_cost="12345678901234567", target_savings_pct="1.234")
    html = client.post(reverse("strategy:program_create"), data).content.decode()
    for field in ("baseline_cost", "target_savings_pct"):
        errors = _errors(_field_block(html, field))
        assert errors and all(e.endswith("。") for e in errors), (field, errors)
    assert _errors(_field_block(html, "baseline_cost")) == ["请输入小于 100,000,000,000,000 的数字。"]
    assert _errors(_field_block(html, "target_savings_pct")) == ["最多输入 2 位小数。"]


def test_a_negative_number_with_too_many_digits_is_told_both_at_once(cast, client):
    client.force_login(cast.manager)
    data = _form(baseline_cost="-99999999999999999", target_savings_pct="-5")
    html = client.post(reverse("strategy:program_create"), data).content.decode()
    assert _errors(_field_block(html, "baseline_cost")) == [
        "Enter a number above -100,000,000,000,000.",
        "Ensure this value is greater than or equal to 0.",
    ]
    # Once, not twice (the field's validator and the model's clean() said it both).
    assert _errors(_field_block(html, "target_savings_pct")) == ["Target savings must be a percentage from 0 to 100."]
