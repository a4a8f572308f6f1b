"""Vendor.objects.visible_to / editable_by for every role in the cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from vendors.models import Vendor

STAFF = ["admin", "manager", "contributor", "evaluator", "viewer", "outsider", "finance", "legal", "executive"]
# Administrators and program managers keep the registry.
REGISTRY_KEEPERS = {"admin", "manager", "outsider"}


def _names(qs):
    return set(qs.values_list("name", flat=True))


@pytest.mark.parametrize("role", STAFF)
def test_staff_see_the_whole_vendor_registry(cast, role):
    assert _names(Vendor.objects.visible_to(getattr(cast, role))) == {"Vendor X", "Vendor Y"}


@pytest.mark.parametrize(
    "role, own", [("vendor_x_admin", "Vendor X"), ("vendor_x_user", "Vendor X"), ("vendor_y_admin", "Vendor Y")]
)
def test_vendor_user_sees_only_their_own_vendor(cast, role, own):
    assert _names(Vendor.objects.visible_to(getattr(cast, role))) == {own}


@pytest.mark.parametrize("role", STAFF)
def test_vendor_editable_by_only_admins_and_program_managers(cast, role):
    expected = {"Vendor X", "Vendor Y"} if role in REGISTRY_KEEPERS else set()
    assert _names(Vendor.objects.editable_by(getattr(cast, role))) == expected


@pytest.mark.parametrize("role", ["vendor_x_admin", "vendor_x_user", "vendor_y_admin"])
def test_vendor_user_cannot_edit_any_vendor_not_even_their_own(cast, role):
    assert not Vendor.objects.editable_by(getattr(cast, role)).exists()


def test_anonymous_and_deactivated_users_see_no_vendor(cast):
    assert not Vendor.objects.visible_to(AnonymousUser()).exists()
    cast.vendor_x_admin.is_active = False
    cast.vendor_x_admin.save(update_fields=["is_active"])
    assert not Vendor.objects.visible_to(cast.vendor_x_admin).exists()
