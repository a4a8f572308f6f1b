"""Account services: users, memberships, vendor users."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from knox.models import AuthToken

from bpo.accounts import services
from bpo.accounts.models import ProgramMembership, User
from tests.factories import MembershipFactory, UserFactory

STRONG = "Sunny-Meadow-Walk-2026"


# --- user_create / user_update ---------------------------------------------------------------


def test_user_create_with_password_lets_the_user_log_in_and_sends_no_invitation(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_create(by=cast.admin, password=STRONG, username="newbie", email="newbie@example.com")
    assert user.check_password(STRONG)
    assert mail.outbox == []


def test_user_create_without_password_invites_by_email_after_commit(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user = services.user_create(by=cast.admin, username="invitee", email="invitee@example.com")
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["invitee@example.com"]
    assert "/accounts/invite/" in mail.outbox[0].body


def test_user_create_of_a_vendor_user_links_to_the_portal_invitation(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.user_create(
            by=cast.admin, username="vx3", email="vx3@example.com", role="vendor_contributor", vendor=cast.vendor_x
        )
    assert "/portal/invite/" in mail.outbox[0].body


def test_user_create_makes_only_administrators_django_staff(cast):
    admin2 = services.user_create(by=cast.admin, password=STRONG, username="admin2", role="admin")
    member = services.user_create(by=cast.admin, password=STRONG, username="member2", role="member")
    assert admin2.is_staff and admin2.is_superuser
    assert not member.is_staff and not member.is_superuser


@pytest.mark.parametrize("role", ["manager", "finance", "vendor_x_admin"])
def test_user_create_is_for_administrators_only(cast, role):
    with pytest.raises(PermissionDenied):
        services.user_create(by=getattr(cast, role), password=STRONG, username="sneaky")
    assert not User.objects.filter(username="sneaky").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"username": "v1", "role": "vendor_admin"},  # a vendor user needs a vendor
        {"username": "s1", "role": "member", "vendor": "X"},  # a staff user has none
        {"username": "manager"},  # taken
    ],
)
def test_user_create_rejects_inconsistent_data(cast, data):
    if data.get("vendor") == "X":
        data["vendor"] = cast.vendor_x
    before = User.objects.count()
    with pytest.raises(ValidationError):
        services.user_create(by=cast.admin, password=STRONG, **data)
    assert User.objects.count() == before


def test_admin_cannot_demote_or_deactivate_themselves(cast):
    with pytest.raises(ValidationError):
        services.user_update(user=cast.admin, by=cast.admin, role="member")
    with pytest.raises(ValidationError):
        services.user_update(user=cast.admin, by=cast.admin, is_active=False)
    cast.admin.refresh_from_db()
    assert cast.admin.role == "admin" and cast.admin.is_active


def test_admin_deactivating_a_user_revokes_their_api_tokens(cast):
    services.token_create(user=cast.contributor)
    assert AuthToken.objects.filter(user=cast.contributor).count() == 1
    services.user_update(user=cast.contributor, by=cast.admin, is_active=False)
    assert AuthToken.objects.filter(user=cast.contributor).count() == 0


def test_a_program_member_cannot_be_turned_into_a_vendor_user(cast):
    with pytest.raises(ValidationError):
        services.user_update(user=cast.contributor, by=cast.admin, role="vendor_contributor", vendor=cast.vendor_x)
    assert User.objects.get(pk=cast.contributor.pk).role == "member"


# --- memberships -------------------------------------------------------------------------------


def test_manager_adds_a_member_to_their_program(cast):
    newcomer = UserFactory()
    membership = services.membership_set(by=cast.manager, program=cast.program_a, user=newcomer, role="contributor")
    assert membership.role == "contributor"
    assert cast.program_a in type(cast.program_a).objects.visible_to(newcomer)


def test_membership_set_changes_an_existing_role_without_a_second_row(cast):
    services.membership_set(by=cast.manager, program=cast.program_a, user=cast.viewer, role="contributor")
    assert ProgramMembership.objects.get(program=cast.program_a, user=cast.viewer).role == "contributor"
    assert ProgramMembership.objects.filter(program=cast.program_a, user=cast.viewer).count() == 1


@pytest.mark.parametrize("role", ["outsider", "contributor", "viewer", "finance", "executive"])
def test_membership_set_refuses_non_managers_of_the_program(cast, role):
    with pytest.raises(PermissionDenied):
        services.membership_set(by=getattr(cast, role), program=cast.program_a, user=UserFactory(), role="viewer")


def test_membership_set_refuses_vendor_users_and_unknown_roles(cast):
    with pytest.raises(ValidationError):
        services.membership_set(by=cast.manager, program=cast.program_a, user=cast.vendor_x_user, role="viewer")
    with pytest.raises(ValidationError):
        services.membership_set(by=cast.manager, program=cast.program_a, user=UserFactory(), role="owner")
    assert not ProgramMembership.objects.filter(user=cast.vendor_x_user).exists()


def test_the_last_manager_cannot_be_demoted(cast):
    with pytest.raises(ValidationError):
        services.membership_set(by=cast.manager, program=cast.program_a, user=cast.manager, role="viewer")
    assert ProgramMembership.objects.get(program=cast.program_a, user=cast.manager).role == "manager"


def test_the_last_manager_cannot_be_removed(cast):
    membership = ProgramMembership.objects.get(program=cast.program_a, user=cast.manager)
    with pytest.raises(ValidationError):
        services.membership_remove(by=cast.admin, membership=membership)
    assert ProgramMembership.objects.filter(pk=membership.pk).exists()


def test_a_manager_can_step_down_once_another_manager_exists(cast):
    services.membership_set(by=cast.manager, program=cast.program_a, user=cast.contributor, role="manager")
    membership = ProgramMembership.objects.get(program=cast.program_a, user=cast.manager)
    services.membership_remove(by=cast.manager, membership=membership)
    assert not ProgramMembership.objects.filter(pk=membership.pk).exists()
    managers = ProgramMembership.objects.filter(program=cast.program_a, role="manager")
    assert list(managers.values_list("user__username", flat=True)) == ["contributor"]


def test_membership_remove_refuses_a_manager_of_another_program(cast):
    membership = ProgramMembership.objects.get(program=cast.program_a, user=cast.viewer)
    with pytest.raises(PermissionDenied):
        services.membership_remove(by=cast.outsider, membership=membership)
    assert ProgramMembership.objects.filter(pk=membership.pk).exists()


def test_removing_a_non_manager_member_works(cast):
    membership = MembershipFactory(program=cast.program_a, role="viewer")
    services.membership_remove(by=cast.manager, membership=membership)
    assert not ProgramMembership.objects.filter(pk=membership.pk).exists()


# --- vendor users --------------------------------------------------------------------------------


def test_vendor_admin_invites_a_colleague_to_their_own_vendor(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.vendor_user_invite(
            by=cast.vendor_x_admin,
            email="New.Agent@Example.com",
            first_name="New",
            last_name="Agent",
            role="vendor_contributor",
        )
    assert user.vendor == cast.vendor_x
    assert user.username == "new.agent@example.com"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.agent@example.com"]
    assert "/portal/invite/" in mail.outbox[0].body


@pytest.mark.parametrize("role", ["vendor_x_user", "admin", "manager"])
def test_only_vendor_admins_invite_vendor_users(cast, role):
    with pytest.raises(PermissionDenied):
        services.vendor_user_invite(
            by=getattr(cast, role), email="x@example.com", first_name="X", last_name="", role="vendor_contributor"
        )
    assert not User.objects.filter(email="x@example.com").exists()


@pytest.mark.parametrize("email", ["vx-user@example.com", "VX-User@Example.com"])
def test_vendor_user_invite_refuses_an_address_of_its_own_vendor(cast, email, django_capture_on_commit_callbacks):
    before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
        services.vendor_user_invite(
            by=cast.vendor_x_admin, email=email, first_name="Dup", last_name="", role="vendor_contributor"
        )
    assert "email" in exc.value.message_dict
    assert User.objects.count() == before
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["manager@example.com", "MANAGER@example.com", "vy-admin@example.com"])
def test_vendor_user_invite_of_someone_elses_address_creates_nothing_and_tells_nothing(
    cast, email, django_capture_on_commit_callbacks
):
    """Staff and other vendors' addresses: no error (the admin must not learn that the address has
    an account), no second account, and the address's owner is told by e-mail without a link."""
    before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.vendor_user_invite(
            by=cast.vendor_x_admin, email=email, first_name="Dup", last_name="", role="vendor_contributor"
        )
    assert invited is None
    assert User.objects.count() == before
    assert User.objects.filter(email__iexact=email).get().vendor != cast.vendor_x
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [email.lower()]
    assert "Vendor X" in mail.outbox[0].body and "already have an account" in mail.outbox[0].body
    assert "/invite/" not in mail.outbox[0].body


def test_vendor_user_invite_refuses_a_staff_role(cast):
    with pytest.raises(ValidationError):
        services.vendor_user_invite(
            by=cast.vendor_x_admin, email="boss@example.com", first_name="B", last_name="", role="admin"
        )
    assert not User.objects.filter(email="boss@example.com").exists()


def test_vendor_admin_cannot_touch_another_vendors_user(cast):
    with pytest.raises(PermissionDenied):
        services.vendor_user_set_active(by=cast.vendor_y_admin, user=cast.vendor_x_user, active=False)
    assert User.objects.get(pk=cast.vendor_x_user.pk).is_active


def test_vendor_contributor_cannot_deactivate_a_colleague(cast):
    with pytest.raises(PermissionDenied):
        services.vendor_user_set_active(by=cast.vendor_x_user, user=cast.vendor_x_admin, active=False)
    assert User.objects.get(pk=cast.vendor_x_admin.pk).is_active


def test_vendor_admin_cannot_deactivate_themselves(cast):
    with pytest.raises(ValidationError):
        services.vendor_user_set_active(by=cast.vendor_x_admin, user=cast.vendor_x_admin, active=False)
    assert User.objects.get(pk=cast.vendor_x_admin.pk).is_active


def test_deactivating_a_vendor_user_deletes_their_api_tokens(cast):
    services.token_create(user=cast.vendor_x_user)
    services.token_create(user=cast.vendor_x_user)
    services.token_create(user=cast.vendor_x_admin)
    services.vendor_user_set_active(by=cast.vendor_x_admin, user=cast.vendor_x_user, active=False)
    assert not User.objects.get(pk=cast.vendor_x_user.pk).is_active
    assert not AuthToken.objects.filter(user=cast.vendor_x_user).exists()
    assert AuthToken.objects.filter(user=cast.vendor_x_admin).count() == 1


def test_reactivating_a_vendor_user_lets_them_in_again(cast):
    services.vendor_user_set_active(by=cast.vendor_x_admin, user=cast.vendor_x_user, active=False)
    services.vendor_user_set_active(by=cast.vendor_x_admin, user=cast.vendor_x_user, active=True)
    assert User.objects.get(pk=cast.vendor_x_user.pk).is_active
