"""API tokens from the profile page: created once, usable as `Authorization: Token <key>`, revocable."""

import pytest
from django.test import Client
from knox.models import AuthToken


def _create_token(client):
    response = client.post("/accounts/profile/", {"action": "create_token"})
    assert response.status_code == 200
    key = response.context["new_token"]
    assert key and key in response.content.decode()
    return key


def _api(key, path="/api/v1/programs/"):
    return Client().get(path, HTTP_AUTHORIZATION=f"Token {key}")


def test_profile_shows_a_new_token_once(cast, client):
    client.force_login(cast.manager)
    key = _create_token(client)
    later = client.get("/accounts/profile/")
    assert later.status_code == 200
    assert key not in later.content.decode()
    # only the digest and the short prefix are stored, never the key itself
    token = AuthToken.objects.get(user=cast.manager)
    assert key.startswith(token.token_key) and token.digest != key


def test_token_authenticates_the_api_as_its_user(cast, client):
    client.force_login(cast.manager)
    key = _create_token(client)
    response = _api(key)
    assert response.status_code == 200
    assert [p["code"] for p in response.json()["results"]] == ["PA"]


def test_revoked_token_is_refused_with_401(cast, client):
    client.force_login(cast.manager)
    key = _create_token(client)
    assert _api(key).status_code == 200
    token_key = AuthToken.objects.get(user=cast.manager).token_key
    response = client.post("/accounts/profile/", {"action": "revoke_token", "token_key": token_key})
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=cast.manager).exists()
    refused = _api(key)
    assert refused.status_code == 401
    assert refused.json()["type"] == "client_error"


def test_a_user_cannot_revoke_someone_elses_token(cast, client):
    client.force_login(cast.manager)
    key = _create_token(client)
    token_key = AuthToken.objects.get(user=cast.manager).token_key
    other = Client()
    other.force_login(cast.outsider)
    other.post("/accounts/profile/", {"action": "revoke_token", "token_key": token_key})
    assert AuthToken.objects.filter(user=cast.manager).exists()
    assert _api(key).status_code == 200


def test_a_made_up_token_is_refused_with_401(cast):
    assert _api("0" * 64).status_code == 401


def test_api_without_credentials_is_refused(cast):
    response = Client().get("/api/v1/programs/")
    assert response.status_code in (401, 403)
    assert response.json()["type"] == "client_error"


def test_deactivated_users_token_stops_working(cast, client):
    client.force_login(cast.manager)
    key = _create_token(client)
    cast.manager.is_active = False
    cast.manager.save(update_fields=["is_active"])
    assert _api(key).status_code == 401


@pytest.mark.parametrize("role", ["vendor_x_admin", "vendor_x_user"])
def test_vendor_users_have_no_staff_profile_page(cast, client, role):
    client.force_login(getattr(cast, role))
    assert client.post("/accounts/profile/", {"action": "create_token"}).status_code == 403
    assert not AuthToken.objects.filter(user=getattr(cast, role)).exists()
