"""Writes to the vendor registry. Vendors never write here directly."""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import Vendor

EDITABLE_FIELDS = (
    "name",
    "local_name",
    "registration_number",
    "country",
    "website",
    "capabilities",
    "tier",
    "status",
)


def vendor_can_create(user) -> bool:
    return user.is_authenticated and not user.is_vendor_user and (user.is_administrator or user.manages_any_program())


@transaction.atomic
def vendor_create(*, by, **data) -> Vendor:
    if not vendor_can_create(by):
        raise PermissionDenied
    with set_actor(by):
        vendor = Vendor(**{k: v for k, v in data.items() if k in EDITABLE_FIELDS})
        vendor.full_clean()
        vendor.save()
    return vendor


@transaction.atomic
def vendor_update(*, vendor: Vendor, by, **data) -> Vendor:
    if not Vendor.objects.editable_by(by).filter(pk=vendor.pk).exists():
        raise PermissionDenied
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    changed = [f for f, v in data.items() if f in EDITABLE_FIELDS and getattr(vendor, f) != v]
    for field in changed:
        setattr(vendor, field, data[field])
    if changed:
        vendor.full_clean()
        with set_actor(by):
            vendor.save(update_fields=[*changed, "updated_at"])
    return vendor
