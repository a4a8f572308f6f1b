"""Every password rule speaks Chinese on a Chinese page: the admin's user form, the invitation
link and the password change. Django 5.2.19 says the minimum length with "%d", a msgid its
zh_Hans catalogue lacks; ours (bpo/core/validator_messages.py) has it and the other rules'."""

import re

import pytest
from django.contrib.auth import password_validation
from django.core import mail
from django.test import Client
from django.utils import translation

from bpo.core import validator_messages

from .test_user_admin_pages import _link_path, _user_form

TOO_SHORT = "密码太短，至少需要 12 个字符。"


def _chinese(user):
    user.language = "zh-hans"
    user.save()
    return user


def _has_cjk(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def test_every_password_rule_and_help_text_is_in_chinese():
    with translation.override("zh-hans"):
        for validator in password_validation.get_default_password_validators():
            for password in ("123", "password", "admin-admin-admin"):
                try:
                    validator.validate(password, None)
                except Exception as exc:  # noqa: BLE001 - each ValidationError's messages
                    for message in exc.messages:
                        assert _has_cjk(message) and message.endswith("。"), message
            help_text = validator.get_help_text()
            assert _has_cjk(help_text) and help_text.endswith("。"), help_text


@pytest.mark.parametrize("count", [1, 12])
def test_our_copies_are_djangos_msgids(count):
    with translation.override("en"):
        assert str(validator_messages.PASSWORD_MESSAGES["password_too_short"] % count) == (
            password_validation.MinimumLengthValidator(count).get_error_message()
        )
        assert validator_messages.PASSWORD_MESSAGES["min_length_help"] % {"min_length": count} == (
            password_validation.MinimumLengthValidator(count).get_help_text()
        )


def test_the_user_form_in_chinese_says_the_password_is_too_short_in_chinese(cast, client):
    client.force_login(_chinese(cast.admin))
    response = client.post("/accounts/users/new/", _user_form(password="123"))
    assert response.status_code == 200
    errors = response.context["form"].errors["password"]
    assert TOO_SHORT in errors
    assert all(_has_cjk(e) for e in errors), errors


def test_the_password_change_in_chinese_says_the_password_is_too_short_in_chinese(cast, client):
    client.force_login(_chinese(cast.manager))
    response = client.post(
        "/accounts/password/",
        {"old_password": "wrong-anyway", "new_password1": "1234", "new_password2": "1234"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["new_password2"]
    assert "密码太短，至少需要 12 个字符。" in errors and all(_has_cjk(e) for e in errors), errors


def test_the_invitation_in_chinese_says_the_password_is_too_short_in_chinese(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/users/new/", _user_form(language="zh-hans"))
    invitee = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = invitee.get(_link_path(mail.outbox[0].body), follow=True)
    response = invitee.post(page.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    errors = response.context["form"].errors["new_password2"]
    assert TOO_SHORT in errors and all(_has_cjk(e) for e in errors), errors
