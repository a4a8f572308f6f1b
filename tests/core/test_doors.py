"""Two doors: vendor users never reach the staff side or /admin/; staff never reach the portal."""

import pytest
from django.urls import reverse

VENDORS = ["vendor_x_admin", "vendor_x_user", "vendor_y_admin"]
STAFF_PAGES = [
    ("core:notifications", None),
    ("strategy:program_list", None),
    ("strategy:program_create", None),
    ("vendors:vendor_list", None),
    ("accounts:profile", None),
    ("accounts:user_list", None),
    ("admin:index", None),
]


@pytest.mark.parametrize("role", VENDORS)
@pytest.mark.parametrize("url_name, args", STAFF_PAGES)
def test_vendor_user_gets_403_on_staff_pages_and_admin(cast, client, role, url_name, args):
    client.force_login(getattr(cast, role))
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 403
    assert response.context["door"] == "portal"


@pytest.mark.parametrize("role", VENDORS)
def test_vendor_user_opening_the_site_root_is_sent_to_the_portal(cast, client, role):
    client.force_login(getattr(cast, role))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


@pytest.mark.parametrize("role", VENDORS)
def test_vendor_user_gets_403_on_their_own_vendors_staff_page(cast, client, role):
    user = getattr(cast, role)
    response = client.get(reverse("vendors:vendor_detail", args=[user.vendor_id]))
    assert response.status_code == 302  # anonymous first: sent to sign in
    client.force_login(user)
    assert client.get(reverse("vendors:vendor_detail", args=[user.vendor_id])).status_code == 403


def test_vendor_admin_gets_403_on_the_admin_site_even_with_staff_flags(cast, client):
    # a vendor user who somehow got is_staff still cannot open /admin/
    cast.vendor_x_admin.is_staff = True
    cast.vendor_x_admin.save(update_fields=["is_staff"])
    client.force_login(cast.vendor_x_admin)
    assert client.get(reverse("admin:index")).status_code == 403


@pytest.mark.parametrize("role", ["admin", "manager", "contributor", "finance", "legal", "executive"])
@pytest.mark.parametrize("url_name", ["portal:home", "portal:users"])
def test_staff_user_gets_403_in_the_portal(cast, client, role, url_name):
    client.force_login(getattr(cast, role))
    response = client.get(reverse(url_name))
    assert response.status_code == 403
    assert response.context["door"] == "staff"


def test_staff_user_may_still_open_the_portal_login_page(cast, client):
    client.force_login(cast.manager)
    assert client.get(reverse("portal:login")).status_code == 200


@pytest.mark.parametrize("role", ["manager", "finance"])
def test_non_admin_staff_get_no_admin_site(cast, client, role):
    client.force_login(getattr(cast, role))
    response = client.get(reverse("admin:index"))
    # Django's admin sends non-staff users to its own login page
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_administrator_opens_the_admin_site(cast, client):
    client.force_login(cast.admin)
    assert client.get(reverse("admin:index")).status_code == 200


def test_anonymous_staff_page_redirects_to_the_staff_login(db, client):
    response = client.get(reverse("strategy:program_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
