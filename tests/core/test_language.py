"""The language switch: remembered on the user, followed on every device, never an open redirect."""

import pytest
from django.conf import settings
from django.test import Client

from bpo.accounts.models import User


def test_switching_to_chinese_saves_it_on_the_user_and_other_devices_follow(cast, client):
    client.force_login(cast.manager)
    response = client.post("/i18n/language/", {"language": "zh-hans", "next": "/strategy/programs/"})
    assert response.status_code == 302 and response["Location"] == "/strategy/programs/"
    assert User.objects.get(pk=cast.manager.pk).language == "zh-hans"

    other_device = Client()  # no cookie: only the saved preference can decide
    other_device.force_login(User.objects.get(pk=cast.manager.pk))
    page = other_device.get("/")
    assert page.status_code == 200
    assert '<html lang="zh-hans">' in page.content.decode()


def test_switching_back_to_english(cast, client):
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.post("/i18n/language/", {"language": "en"})
    assert User.objects.get(pk=cast.manager.pk).language == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_the_language_switch_sets_the_language_cookie(cast, client):
    response = client.post("/i18n/language/", {"language": "zh-hans"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert '<html lang="zh-hans">' in client.get("/accounts/login/").content.decode()


@pytest.mark.parametrize(
    "unsafe", ["http://evil.example", "https://evil.example/x", "//evil.example", "javascript:alert(1)"]
)
def test_language_switch_does_not_follow_an_unsafe_next(cast, client, unsafe):
    client.force_login(cast.manager)
    response = client.post("/i18n/language/", {"language": "zh-hans", "next": unsafe})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(cast, client):
    client.force_login(cast.manager)
    response = client.post("/i18n/language/", {"language": "xx"})
    assert response.status_code == 302
    assert User.objects.get(pk=cast.manager.pk).language == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_language_switch_only_accepts_post(cast, client):
    client.force_login(cast.manager)
    assert client.get("/i18n/language/?language=zh-hans").status_code == 405
    assert User.objects.get(pk=cast.manager.pk).language == "en"


def test_a_vendor_user_may_switch_language_too(cast, client):
    client.force_login(cast.vendor_x_user)
    response = client.post("/i18n/language/", {"language": "zh-hans", "next": "/portal/"})
    assert response["Location"] == "/portal/"
    assert User.objects.get(pk=cast.vendor_x_user.pk).language == "zh-hans"
