"""The staff sign-in door and the login lockout (django-axes)."""

import pytest
from axes.utils import reset as axes_reset
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = "accounts:login"


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    axes_reset()
    yield
    axes_reset()


def _post_login(client, username, password, url_name=LOGIN):
    return client.post(reverse(url_name), {"username": username, "password": password})


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("role", ["admin", "manager", "finance", "executive"])
def test_staff_sign_in_at_the_staff_door(cast, client, role):
    response = _post_login(client, getattr(cast, role).username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert _signed_in(client)


@pytest.mark.parametrize("role", ["vendor_x_admin", "vendor_x_user"])
def test_staff_login_refuses_a_vendor_user_with_a_message(cast, client, role):
    response = _post_login(client, getattr(cast, role).username, PASSWORD)
    assert response.status_code == 200
    assert "Vendor users sign in at the vendor portal." in response.content.decode()
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["wrong_door"]
    assert not _signed_in(client)


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(cast, client):
    response = _post_login(client, cast.manager.username, "not-the-password")
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["invalid_login"]
    assert not _signed_in(client)


def test_deactivated_user_cannot_sign_in(cast, client):
    cast.manager.is_active = False
    cast.manager.save(update_fields=["is_active"])
    _post_login(client, cast.manager.username, PASSWORD)
    assert not _signed_in(client)


def test_login_lockout_refuses_even_the_right_password(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, cast.manager.username, "wrong-password")
    response = _post_login(client, cast.manager.username, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert not _signed_in(client)


def test_login_lockout_starts_exactly_at_the_failure_limit(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _post_login(client, cast.manager.username, "wrong-password")
    response = _post_login(client, cast.manager.username, PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_lockout_is_per_account_others_still_sign_in(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, cast.manager.username, "wrong-password")
    other = Client()
    assert _post_login(other, cast.outsider.username, PASSWORD).status_code == 302


def test_lockout_applies_at_the_portal_door_too(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, cast.vendor_x_user.username, "wrong-password", url_name="portal:login")
    response = _post_login(client, cast.vendor_x_user.username, PASSWORD, url_name="portal:login")
    assert response.status_code == 429
    assert not _signed_in(client)


def test_resetting_the_lockout_lets_the_user_in_again(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, cast.manager.username, "wrong-password")
    axes_reset(username=cast.manager.username)
    assert _post_login(client, cast.manager.username, PASSWORD).status_code == 302


def test_login_does_not_redirect_to_another_site(cast, client):
    response = client.post(
        reverse(LOGIN) + "?next=http://evil.example/",
        {"username": cast.manager.username, "password": PASSWORD, "next": "http://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
