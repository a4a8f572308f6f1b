"""The vendor door: its own login, its own users, nothing of anyone else."""

import re

import pytest
from axes.utils import reset as axes_reset
from django.core import mail
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from bpo.accounts import services
from bpo.accounts.models import User
from tests.factories import PASSWORD

NEW_PASSWORD = "Harbour-Lantern-Moss-7314"


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    axes_reset()


def _login(client, username, password=PASSWORD):
    return client.post(reverse("portal:login"), {"username": username, "password": password})


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("role", ["vendor_x_admin", "vendor_x_user", "vendor_y_admin"])
def test_vendor_users_sign_in_at_the_portal(cast, client, role):
    response = _login(client, getattr(cast, role).username)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert _signed_in(client)


@pytest.mark.parametrize("role", ["admin", "manager", "finance"])
def test_portal_login_refuses_a_staff_user(cast, client, role):
    response = _login(client, getattr(cast, role).username)
    assert response.status_code == 200
    assert "This sign-in is for vendor users." in response.content.decode()
    assert not _signed_in(client)


def test_portal_home_shows_the_users_own_vendor(cast, client):
    client.force_login(cast.vendor_x_user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert response.context["vendor"] == cast.vendor_x


def test_anonymous_portal_visitor_is_sent_to_the_portal_login(db, client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


def test_vendor_admin_sees_only_their_own_colleagues(cast, client):
    client.force_login(cast.vendor_x_admin)
    response = client.get(reverse("portal:users"))
    assert response.status_code == 200
    assert {u.username for u in response.context["colleagues"]} == {"vx-admin", "vx-user"}
    assert cast.vendor_y_admin.email not in response.content.decode()


def test_vendor_contributor_cannot_manage_users(cast, client):
    client.force_login(cast.vendor_x_user)
    assert client.get(reverse("portal:users")).status_code == 403
    url = reverse("portal:user_set_active", args=[cast.vendor_x_admin.pk])
    assert client.post(url, {"active": "0"}).status_code == 403
    assert User.objects.get(pk=cast.vendor_x_admin.pk).is_active


def test_vendor_admin_cannot_deactivate_another_vendors_user_404(cast, client):
    client.force_login(cast.vendor_y_admin)
    response = client.post(reverse("portal:user_set_active", args=[cast.vendor_x_user.pk]), {"active": "0"})
    assert response.status_code == 404
    assert User.objects.get(pk=cast.vendor_x_user.pk).is_active


def test_vendor_admin_deactivates_a_colleague_who_then_cannot_sign_in(cast, client):
    services.token_create(user=cast.vendor_x_user)
    client.force_login(cast.vendor_x_admin)
    response = client.post(reverse("portal:user_set_active", args=[cast.vendor_x_user.pk]), {"active": "0"})
    assert response.status_code == 302
    assert not User.objects.get(pk=cast.vendor_x_user.pk).is_active
    assert not AuthToken.objects.filter(user=cast.vendor_x_user).exists()
    colleague = Client()
    _login(colleague, cast.vendor_x_user.username)
    assert not _signed_in(colleague)


def test_portal_invitation_round_trip(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.vendor_x_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:users"),
            {
                "email": "agent@vendor-x.example",
                "first_name": "Ana",
                "last_name": "Agent",
                "role": "vendor_contributor",
            },
        )
    assert response.status_code == 302
    invited = User.objects.get(email="agent@vendor-x.example")
    assert invited.vendor == cast.vendor_x and invited.role == "vendor_contributor"
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/portal/invite/\S+/)", mail.outbox[0].body).group(1)

    invitee = Client()
    page = invitee.get(path, follow=True)
    assert page.status_code == 200 and page.context["validlink"] is True
    done = invitee.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("portal:login")
    assert _login(invitee, "agent@vendor-x.example", NEW_PASSWORD)["Location"] == reverse("portal:home")


def test_portal_invitation_of_an_own_colleagues_email_shows_the_error_and_creates_nobody(cast, client):
    client.force_login(cast.vendor_x_admin)
    before = User.objects.count()
    response = client.post(
        reverse("portal:users"),
        {"email": cast.vendor_x_user.email, "first_name": "Dup", "last_name": "", "role": "vendor_contributor"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["One of your vendor's users already has this e-mail address."]
    assert User.objects.count() == before
    assert mail.outbox == []


def _invite(client, email):
    return client.post(
        reverse("portal:users"),
        {"email": email, "first_name": "Ana", "last_name": "Agent", "role": "vendor_contributor"},
        follow=True,
    )


def test_portal_invitation_does_not_reveal_whether_an_address_has_an_account(
    cast, client, django_capture_on_commit_callbacks
):
    """Inviting a staff member's or another vendor's address reads exactly like inviting a new one."""
    client.force_login(cast.vendor_x_admin)
    for email in ("new.agent@vendor-x.example", "manager@example.com", "vy-admin@example.com"):
        with django_capture_on_commit_callbacks(execute=True):
            page = _invite(client, email).content.decode()
        assert "already exists" not in page and "already has" not in page
        assert f"If {email} can be invited, an invitation was sent to it." in page
    assert User.objects.filter(email__iexact="manager@example.com").count() == 1
    assert User.objects.get(email="manager@example.com").vendor is None
    assert User.objects.get(email="vy-admin@example.com").vendor == cast.vendor_y
    assert User.objects.get(email="new.agent@vendor-x.example").vendor == cast.vendor_x
