"""vendor_create / vendor_update: who may, what they record, and what they refuse."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from vendors.models import Vendor
from vendors.services import vendor_can_create, vendor_create, vendor_update


@pytest.mark.parametrize("role", ["admin", "manager", "outsider"])
def test_registry_keepers_create_vendors(cast, role):
    vendor = vendor_create(by=getattr(cast, role), name="Acme BPO", local_name="阿克米外包", country="China")
    assert Vendor.objects.get(pk=vendor.pk).local_name == "阿克米外包"
    assert LogEntry.objects.get_for_object(vendor).get(action=LogEntry.Action.CREATE).actor == getattr(cast, role)


@pytest.mark.parametrize(
    "role", ["contributor", "evaluator", "viewer", "finance", "legal", "executive", "vendor_x_admin", "vendor_x_user"]
)
def test_vendor_create_refuses_everyone_else(cast, role):
    user = getattr(cast, role)
    assert not vendor_can_create(user)
    with pytest.raises(PermissionDenied):
        vendor_create(by=user, name="Refused Ltd.", country="China")
    assert not Vendor.objects.filter(name="Refused Ltd.").exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "Vendor X", "country": "China"}, "name"),  # the legal name is unique
        ({"name": "No Country Ltd.", "country": ""}, "country"),
        ({"name": "Bad Tier Ltd.", "country": "China", "tier": "platinum"}, "tier"),
        ({"name": "Bad Site Ltd.", "country": "China", "website": "not a url"}, "website"),
    ],
)
def test_vendor_create_rejects_invalid_data_and_saves_nothing(cast, data, field):
    before = Vendor.objects.count()
    with pytest.raises(ValidationError) as exc:
        vendor_create(by=cast.admin, **data)
    assert field in exc.value.message_dict
    assert Vendor.objects.count() == before


def test_vendor_update_records_field_old_new_and_actor(cast):
    vendor_update(vendor=cast.vendor_x, by=cast.manager, status="suspended")
    entry = LogEntry.objects.get_for_object(cast.vendor_x).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == cast.manager
    assert entry.changes_dict["status"] == ["active", "suspended"]
    assert Vendor.objects.get(pk=cast.vendor_x.pk).status == "suspended"


def test_vendor_update_rejects_invalid_data_and_saves_nothing(cast):
    with pytest.raises(ValidationError):
        vendor_update(vendor=cast.vendor_x, by=cast.admin, status="suspended", name="Vendor Y")
    vendor = Vendor.objects.get(pk=cast.vendor_x.pk)
    assert (vendor.name, vendor.status) == ("Vendor X", "active")


@pytest.mark.parametrize("role", ["contributor", "finance", "executive", "vendor_x_admin", "vendor_x_user"])
def test_vendor_update_refuses_non_keepers_including_the_vendors_own_users(cast, role):
    with pytest.raises(PermissionDenied):
        vendor_update(vendor=cast.vendor_x, by=getattr(cast, role), status="approved")
    assert Vendor.objects.get(pk=cast.vendor_x.pk).status == "active"
