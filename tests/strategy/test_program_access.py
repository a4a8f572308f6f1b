"""Program.objects.visible_to / editable_by for every role in the cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from strategy.models import Program

# role -> program codes the role sees / changes (cast: program A = "PA", program B = "PB")
VISIBLE = {
    "admin": {"PA", "PB"},
    "manager": {"PA"},
    "contributor": {"PA"},
    "evaluator": set(),  # an evaluator membership alone: only the sourcing events they are assigned to
    "viewer": {"PA"},
    "outsider": {"PB"},
    "finance": {"PA", "PB"},
    "legal": {"PA", "PB"},
    "executive": {"PA", "PB"},
    "vendor_x_admin": set(),
    "vendor_x_user": set(),
    "vendor_y_admin": set(),
}
EDITABLE = {
    "admin": {"PA", "PB"},
    "manager": {"PA"},
    "outsider": {"PB"},
}


def _codes(qs):
    return set(qs.values_list("code", flat=True))


@pytest.mark.parametrize("role", sorted(VISIBLE))
def test_program_visible_to_matches_the_role(cast, role):
    assert _codes(Program.objects.visible_to(getattr(cast, role))) == VISIBLE[role]


@pytest.mark.parametrize("role", sorted(VISIBLE))
def test_program_editable_by_only_admins_and_the_programs_managers(cast, role):
    assert _codes(Program.objects.editable_by(getattr(cast, role))) == EDITABLE.get(role, set())


def test_program_visible_to_has_no_duplicates_for_a_user_with_many_memberships(cast):
    from tests.factories import MembershipFactory

    # a second member on A must not make A appear twice for the manager
    MembershipFactory(program=cast.program_a, role="viewer")
    assert Program.objects.visible_to(cast.manager).count() == 1
    assert Program.objects.editable_by(cast.manager).count() == 1


def test_anonymous_user_sees_and_edits_no_program(cast):
    assert not Program.objects.visible_to(AnonymousUser()).exists()
    assert not Program.objects.editable_by(AnonymousUser()).exists()


@pytest.mark.parametrize("role", ["manager", "finance", "admin"])
def test_deactivated_user_sees_no_program(cast, role):
    user = getattr(cast, role)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not Program.objects.visible_to(user).exists()
    assert not Program.objects.editable_by(user).exists()
