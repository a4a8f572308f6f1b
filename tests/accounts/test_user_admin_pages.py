"""The administrator's user form and the invitation link it sends."""

import re

import pytest
from django.core import mail
from django.test import Client

from bpo.accounts.models import User

NEW_PASSWORD = "Quiet-River-Stone-4821"


def _user_form(**overrides):
    data = {
        "username": "newcomer",
        "email": "newcomer@example.com",
        "first_name": "New",
        "last_name": "Comer",
        "role": "member",
        "vendor": "",
        "language": "en",
        "is_active": "on",
        "password": "",
    }
    data.update(overrides)
    return data


def _link_path(body):
    match = re.search(r"https?://[^/\s]+(/\S+/invite/\S+/)", body)
    assert match, body
    return match.group(1)


def _login(path, username, password):
    client = Client()
    response = client.post(path, {"username": username, "password": password})
    return client, response


@pytest.mark.parametrize("weak", ["password", "123456789012", "short1!", "newcomer2026"])
def test_admin_user_form_rejects_a_weak_password_next_to_the_field(cast, client, weak):
    client.force_login(cast.admin)
    response = client.post("/accounts/users/new/", _user_form(password=weak))
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert not User.objects.filter(username="newcomer").exists()
    # the other typed values are kept
    assert 'value="newcomer@example.com"' in response.content.decode()


def test_admin_user_form_with_a_strong_password_creates_a_user_who_can_sign_in(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/users/new/", _user_form(password=NEW_PASSWORD))
    user = User.objects.get(username="newcomer")
    assert response.status_code == 302 and response["Location"] == user.get_absolute_url()
    assert mail.outbox == []
    _client, login = _login("/accounts/login/", "newcomer", NEW_PASSWORD)
    assert login.status_code == 302


def test_admin_user_form_requires_a_vendor_for_a_vendor_role(cast, client):
    client.force_login(cast.admin)
    response = client.post("/accounts/users/new/", _user_form(role="vendor_admin"))
    assert response.status_code == 200
    assert response.context["form"].errors["vendor"]
    assert not User.objects.filter(username="newcomer").exists()


@pytest.mark.parametrize("role", ["manager", "finance", "executive"])
def test_only_administrators_open_the_user_pages(cast, client, role):
    client.force_login(getattr(cast, role))
    assert client.get("/accounts/users/").status_code == 403
    assert client.post("/accounts/users/new/", _user_form(password=NEW_PASSWORD)).status_code == 403
    assert not User.objects.filter(username="newcomer").exists()


def test_invitation_link_sets_a_password_and_the_user_can_sign_in(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/users/new/", _user_form())
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["newcomer@example.com"]
    path = _link_path(mail.outbox[0].body)

    invitee = Client()
    page = invitee.get(path, follow=True)
    assert page.status_code == 200
    assert page.context["validlink"] is True
    assert "new_password1" in page.context["form"].fields
    done = invitee.post(
        page.redirect_chain[-1][0] if page.redirect_chain else path,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302 and done["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    _client, login = _login("/accounts/login/", "newcomer", NEW_PASSWORD)
    assert login.status_code == 302 and login["Location"] == "/"


def test_invitation_link_refuses_a_weak_password(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/users/new/", _user_form())
    invitee = Client()
    page = invitee.get(_link_path(mail.outbox[0].body), follow=True)
    response = invitee.post(page.redirect_chain[-1][0], {"new_password1": "password", "new_password2": "password"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert not User.objects.get(username="newcomer").has_usable_password()


def test_invitation_link_works_only_once(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/users/new/", _user_form())
    path = _link_path(mail.outbox[0].body)
    invitee = Client()
    page = invitee.get(path, follow=True)
    invitee.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(path, follow=True)
    assert again.context["validlink"] is False


def test_a_tampered_invitation_link_is_invalid(cast):
    response = Client().get("/accounts/invite/MQ/abc-0123456789abcdef/", follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is False
