"""A vendor user's own API tokens in the portal: created once, usable on the API within their
vendor, revocable; staff keep theirs on the profile page."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from knox.models import AuthToken

from tests.contracts.factories import ContractFactory

PAGE = "/portal/api-tokens/"


def _create_token(client):
    response = client.post(PAGE, {"action": "create_token"})
    assert response.status_code == 200
    key = response.context["new_token"]
    assert key and key in response.content.decode()
    return key


def _api(key, path="/api/v1/contracts/"):
    return Client().get(path, HTTP_AUTHORIZATION=f"Token {key}")


def test_the_route_is_the_portal_page():
    assert reverse("portal:api_tokens") == PAGE


@pytest.mark.parametrize("role", ["vendor_x_admin", "vendor_x_user"])
def test_vendor_user_creates_a_token_shown_once_and_revokes_it(cast, client, role):
    user = getattr(cast, role)
    client.force_login(user)
    empty = client.get(PAGE)
    assert empty.status_code == 200
    assert "No tokens." in empty.content.decode()
    key = _create_token(client)
    token = AuthToken.objects.get(user=user)
    assert key.startswith(token.token_key) and token.digest != key
    later = client.get(PAGE).content.decode()
    assert key not in later and f"{token.token_key}…" in later and "No tokens." not in later
    assert _api(key).status_code == 200

    response = client.post(PAGE, {"action": "revoke_token", "token_key": token.token_key})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not AuthToken.objects.filter(user=user).exists()
    assert _api(key).status_code == 401


def test_a_vendor_token_sees_only_its_vendors_contracts(cast, client):
    ContractFactory(program=cast.program_a, vendor=cast.vendor_x, number="X-1", status="active")
    ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="Y-1", status="active")
    theirs = ContractFactory(program=cast.program_a, vendor=cast.vendor_y, number="Y-2", status="active")
    client.force_login(cast.vendor_x_user)
    key = _create_token(client)
    response = _api(key)
    assert response.status_code == 200
    assert [c["number"] for c in response.json()["results"]] == ["X-1"]
    assert _api(key, f"/api/v1/contracts/{theirs.pk}/").status_code == 404
    # and the token opens no staff page: the door keeps it on the API
    assert Client().get("/accounts/profile/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 302


def test_a_vendor_user_cannot_revoke_a_colleagues_token(cast, client):
    client.force_login(cast.vendor_x_user)
    key = _create_token(client)
    token_key = AuthToken.objects.get(user=cast.vendor_x_user).token_key
    admin = Client()
    admin.force_login(cast.vendor_x_admin)
    admin.post(PAGE, {"action": "revoke_token", "token_key": token_key})
    assert AuthToken.objects.filter(user=cast.vendor_x_user).exists()
    assert _api(key).status_code == 200


def test_the_page_needs_the_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.vendor_x_admin)
    assert client.post(PAGE, {"action": "create_token"}).status_code == 403
    assert not AuthToken.objects.exists()
    page = client.get(PAGE).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(PAGE, {"action": "create_token", "csrfmiddlewaretoken": csrf}).status_code == 200
    assert AuthToken.objects.filter(user=cast.vendor_x_admin).count() == 1


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_staff_get_403_and_no_token(cast, client, role):
    client.force_login(getattr(cast, role))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"action": "create_token"}).status_code == 403
    assert not AuthToken.objects.exists()


def test_anonymous_is_sent_to_the_portal_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("portal:login"))


def test_the_portal_menu_links_the_page(cast, client):
    client.force_login(cast.vendor_x_user)
    assert f'href="{PAGE}"' in client.get(reverse("portal:home")).content.decode()


def test_the_page_in_chinese(cast, client):
    cast.vendor_x_admin.language = "zh-hans"
    cast.vendor_x_admin.save(update_fields=["language"])
    client.force_login(cast.vendor_x_admin)
    page = client.get(PAGE).content.decode()
    with translation.override("zh-hans"):
        for text in ("API tokens", "Create a token", "No tokens.", "Your API tokens"):
            translated = translation.gettext(text)
            assert translated != text, text
            assert translated in page
    assert "Create a token" not in page
    created = client.post(PAGE, {"action": "create_token"}, follow=False).content.decode()
    with translation.override("zh-hans"):
        assert translation.gettext("Token created. Copy it now: it will not be shown again.") in created
