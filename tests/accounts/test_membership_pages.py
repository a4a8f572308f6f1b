"""The program team page and the user page: who may add, change and remove members."""

import pytest
from django.urls import reverse

from bpo.accounts.models import ProgramMembership
from tests.factories import UserFactory


def _team(program):
    return reverse("accounts:program_members", args=[program.pk])


def _membership(cast, role):
    return ProgramMembership.objects.get(program=cast.program_a, user=getattr(cast, role))


def test_manager_adds_a_member_on_the_team_page(cast, client):
    newcomer = UserFactory()
    client.force_login(cast.manager)
    response = client.post(_team(cast.program_a), {"user": newcomer.pk, "role": "contributor"})
    assert response.status_code == 302
    assert ProgramMembership.objects.get(program=cast.program_a, user=newcomer).role == "contributor"


def test_team_page_does_not_offer_vendor_users(cast, client):
    client.force_login(cast.manager)
    response = client.post(_team(cast.program_a), {"user": cast.vendor_x_user.pk, "role": "viewer"})
    assert response.status_code == 200
    assert response.context["form"].errors["user"]
    assert not ProgramMembership.objects.filter(user=cast.vendor_x_user).exists()


def test_demoting_the_last_manager_on_the_team_page_shows_the_reason(cast, client):
    client.force_login(cast.manager)
    response = client.post(_team(cast.program_a), {"user": cast.manager.pk, "role": "viewer"})
    assert response.status_code == 200
    assert "at least one manager" in response.content.decode()
    assert _membership(cast, "manager").role == "manager"


def test_removing_the_last_manager_is_refused_with_a_message(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("accounts:membership_delete", args=[_membership(cast, "manager").pk]), follow=True)
    assert response.status_code == 200
    assert "at least one manager" in response.content.decode()
    assert ProgramMembership.objects.filter(program=cast.program_a, role="manager").count() == 1


def test_manager_removes_a_member(cast, client):
    client.force_login(cast.manager)
    membership = _membership(cast, "viewer")
    response = client.post(reverse("accounts:membership_delete", args=[membership.pk]))
    assert response.status_code == 302 and response["Location"] == _team(cast.program_a)
    assert not ProgramMembership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("role", ["contributor", "viewer", "finance", "executive"])
def test_readers_of_the_program_cannot_manage_its_team(cast, client, role):
    client.force_login(getattr(cast, role))
    assert client.get(_team(cast.program_a)).status_code == 403
    assert client.post(_team(cast.program_a), {"user": UserFactory().pk, "role": "manager"}).status_code == 403
    membership = _membership(cast, "viewer")
    assert client.post(reverse("accounts:membership_delete", args=[membership.pk])).status_code == 403
    assert ProgramMembership.objects.filter(pk=membership.pk).exists()


def test_manager_of_another_program_gets_404(cast, client):
    client.force_login(cast.outsider)
    assert client.get(_team(cast.program_a)).status_code == 404
    membership = _membership(cast, "viewer")
    assert client.post(reverse("accounts:membership_delete", args=[membership.pk])).status_code == 404
    assert ProgramMembership.objects.filter(pk=membership.pk).exists()


def test_admin_gives_a_user_a_program_role_from_the_user_page(cast, client):
    client.force_login(cast.admin)
    url = reverse("accounts:user_detail", args=[cast.finance.pk])
    response = client.post(url, {"program": cast.program_b.pk, "role": "viewer"})
    assert response.status_code == 302
    assert ProgramMembership.objects.get(program=cast.program_b, user=cast.finance).role == "viewer"


def test_user_page_shows_the_users_history(cast, client):
    from bpo.accounts.services import user_update

    user_update(user=cast.viewer, by=cast.admin, last_name="Renamed")
    client.force_login(cast.admin)
    html = client.get(reverse("accounts:user_detail", args=[cast.viewer.pk])).content.decode()
    history = html[html.index('id="h-history"') :]
    assert str(cast.admin) in history and "Tester" in history and "Renamed" in history


@pytest.mark.parametrize("role", ["manager", "finance"])
def test_non_admins_cannot_open_user_pages(cast, client, role):
    client.force_login(getattr(cast, role))
    assert client.get(reverse("accounts:user_detail", args=[getattr(cast, role).pk])).status_code == 403
    assert client.get(reverse("accounts:user_detail", args=[cast.admin.pk])).status_code == 404


def test_the_sponsor_cannot_be_made_a_manager_on_the_team_page(cast, client):
    """The program's form refuses a manager as sponsor; the team page made the sponsor a manager."""
    cast.program_a.sponsor = cast.viewer
    cast.program_a.save(update_fields=["sponsor"])
    client.force_login(cast.manager)
    response = client.post(_team(cast.program_a), {"user": cast.viewer.pk, "role": "manager"})
    assert response.status_code == 200
    assert response.context["form"].errors["role"] == [
        "The sponsor approves the charter, so they cannot be one of the program's managers."
    ]
    assert _membership(cast, "viewer").role == "viewer"
    # Any other role is fine.
    response = client.post(_team(cast.program_a), {"user": cast.viewer.pk, "role": "contributor"})
    assert response.status_code == 302 and _membership(cast, "viewer").role == "contributor"
