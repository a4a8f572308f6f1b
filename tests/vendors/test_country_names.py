"""A vendor's country (free text, stored in English) reads in the reader's language."""

import pytest

from vendors.countries import COUNTRY_NAMES, country_name

pytestmark = pytest.mark.django_db


def _chinese(client, user):
    user.language = "zh-hans"
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = "zh-hans"


def test_every_listed_country_has_a_chinese_name():
    from django.utils import translation

    with translation.override("zh-hans"):
        untranslated = [str(label) for key, label in COUNTRY_NAMES.items() if str(label).casefold() == key]
    assert untranslated == []


def test_country_name_falls_back_to_what_was_typed():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert country_name("philippines ") == "菲律宾"
        assert country_name("Atlantis") == "Atlantis"
        assert country_name("") == ""


@pytest.mark.parametrize("country, chinese", [("China", "中国"), ("Philippines", "菲律宾"), ("Sweden", "瑞典")])
def test_staff_vendor_pages_show_the_country_in_chinese(cast, client, country, chinese):
    cast.vendor_x.country = country
    cast.vendor_x.save(update_fields=["country"])
    _chinese(client, cast.manager)
    detail = client.get(cast.vendor_x.get_absolute_url()).content.decode()
    assert f"<dd>{chinese}</dd>" in detail
    listing = client.get("/vendors/", {"q": "Vendor X"}).content.decode()
    assert chinese in listing


def test_portal_home_shows_the_country_in_chinese(cast, client):
    cast.vendor_x.country = "Sweden"
    cast.vendor_x.save(update_fields=["country"])
    _chinese(client, cast.vendor_x_admin)
    assert "<dd>瑞典</dd>" in client.get("/portal/").content.decode()


def test_english_pages_keep_the_english_name(cast, client):
    cast.vendor_x.country = "Philippines"
    cast.vendor_x.save(update_fields=["country"])
    client.force_login(cast.manager)
    assert "<dd>Philippines</dd>" in client.get(cast.vendor_x.get_absolute_url()).content.decode()
