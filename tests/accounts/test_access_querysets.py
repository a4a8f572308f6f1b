"""User and ProgramMembership visible_to / editable_by for every role in the cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from bpo.accounts.models import ProgramMembership, User
from tests.conftest import ROLE_NAMES

VENDOR_X_USERNAMES = {"vx-admin", "vx-user"}


def _usernames(qs):
    return set(qs.values_list("username", flat=True))


def test_admin_sees_and_edits_every_user(cast):
    everyone = set(User.objects.values_list("username", flat=True))
    assert _usernames(User.objects.visible_to(cast.admin)) == everyone
    assert _usernames(User.objects.editable_by(cast.admin)) == everyone


@pytest.mark.parametrize(
    "role", ["manager", "contributor", "evaluator", "viewer", "outsider", "finance", "legal", "executive"]
)
def test_staff_user_sees_only_themselves_and_edits_nobody(cast, role):
    user = getattr(cast, role)
    assert _usernames(User.objects.visible_to(user)) == {user.username}
    assert not User.objects.editable_by(user).exists()


def test_vendor_admin_sees_and_edits_only_their_own_vendors_users(cast):
    assert _usernames(User.objects.visible_to(cast.vendor_x_admin)) == VENDOR_X_USERNAMES
    assert _usernames(User.objects.editable_by(cast.vendor_x_admin)) == VENDOR_X_USERNAMES
    assert _usernames(User.objects.visible_to(cast.vendor_y_admin)) == {"vy-admin"}


def test_vendor_contributor_sees_only_themselves_and_edits_nobody(cast):
    assert _usernames(User.objects.visible_to(cast.vendor_x_user)) == {"vx-user"}
    assert not User.objects.editable_by(cast.vendor_x_user).exists()


def test_anonymous_and_deactivated_users_see_no_user(cast):
    assert not User.objects.visible_to(AnonymousUser()).exists()
    assert not User.objects.editable_by(AnonymousUser()).exists()
    cast.vendor_x_admin.is_active = False
    cast.vendor_x_admin.save(update_fields=["is_active"])
    assert not User.objects.visible_to(cast.vendor_x_admin).exists()


# --- memberships: they follow the program rule ---------------------------------------------

MEMBERS_OF_A = {"manager", "contributor", "evaluator", "viewer"}
MEMBERS_OF_B = {"outsider"}


def _members(qs):
    return set(qs.values_list("user__username", flat=True))


MEMBERSHIPS_VISIBLE = {
    "admin": MEMBERS_OF_A | MEMBERS_OF_B,
    "finance": MEMBERS_OF_A | MEMBERS_OF_B,
    "legal": MEMBERS_OF_A | MEMBERS_OF_B,
    "executive": MEMBERS_OF_A | MEMBERS_OF_B,
    "manager": MEMBERS_OF_A,
    "contributor": MEMBERS_OF_A,
    # An evaluator membership reads nothing of the program (its assigned events only): not its team.
    "evaluator": set(),
    "viewer": MEMBERS_OF_A,
    "outsider": MEMBERS_OF_B,
}
MEMBERSHIPS_EDITABLE = {"admin": MEMBERS_OF_A | MEMBERS_OF_B, "manager": MEMBERS_OF_A, "outsider": MEMBERS_OF_B}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_membership_visible_to_follows_program_visibility(cast, role):
    assert _members(ProgramMembership.objects.visible_to(getattr(cast, role))) == MEMBERSHIPS_VISIBLE.get(role, set())


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_membership_editable_by_only_admins_and_the_programs_managers(cast, role):
    assert _members(ProgramMembership.objects.editable_by(getattr(cast, role))) == MEMBERSHIPS_EDITABLE.get(role, set())
