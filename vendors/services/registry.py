"""Writes to the vendor registry. Vendors never write here directly."""

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import Role
from bpo.accounts.models import User
from bpo.core.i18n import interpolate
from bpo.core.services import notify

from ..choices import ChangeRequestStatus
from ..models import Vendor, VendorCertification, VendorChangeRequest, VendorContact, VendorDocument

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


# kind (used in URLs) -> (model, editable fields)
VENDOR_KINDS = {
    "contact": (VendorContact, ("name", "title", "email", "phone", "is_primary")),
    "certification": (VendorCertification, ("name", "issuer", "number", "valid_from", "expires_on", "file")),
    "document": (VendorDocument, ("title", "kind", "expires_on", "file")),
}
# What a vendor admin may propose to change about their own vendor (never tier or status).
CHANGEABLE_BY_VENDOR = ("name", "local_name", "registration_number", "country", "website", "capabilities")


@transaction.atomic
def vendor_item_create(*, vendor: Vendor, kind: str, by, **data):
    """Adds a contact, certification or document to a vendor in the registry."""
    model, fields = VENDOR_KINDS[kind]
    if not Vendor.objects.editable_by(by).filter(pk=vendor.pk).exists():
        raise PermissionDenied
    item = model(vendor=vendor, **{k: v for k, v in data.items() if k in fields})
    item.full_clean()
    with set_actor(by):
        item.save()
    return item


@transaction.atomic
def vendor_item_delete(*, item, by) -> None:
    if not Vendor.objects.editable_by(by).filter(pk=item.vendor_id).exists():
        raise PermissionDenied
    with set_actor(by):
        item.delete()


@transaction.atomic
def change_request_create(*, by, **changes) -> VendorChangeRequest:
    """A vendor admin proposes changes to their own vendor's profile; staff decide."""
    if not (by.is_authenticated and by.is_active and by.role == Role.VENDOR_ADMIN):
        raise PermissionDenied
    vendor = Vendor.objects.get(pk=by.vendor_id)
    proposed = {
        k: v for k, v in changes.items() if k in CHANGEABLE_BY_VENDOR and (getattr(vendor, k) or "") != (v or "")
    }
    if not proposed:
        raise ValidationError(_("Nothing differs from the current profile."))
    probe = Vendor(**{**{f: getattr(vendor, f) for f in EDITABLE_FIELDS}, **proposed})
    probe.pk = vendor.pk
    probe._state.adding = False  # unique checks compare with the other vendors, not this one
    probe.full_clean()  # refuse now what staff could not apply later
    with set_actor(by):
        request = VendorChangeRequest.objects.create(vendor=vendor, requested_by=by, changes=proposed)
    staff = User.objects.filter(is_active=True, role=Role.ADMIN)
    notify(
        recipients=staff,
        event_key=f"vendor-change-request:{request.pk}",
        title=interpolate(_("%(vendor)s asks to change its profile"), {"vendor": vendor.name}),
        url=request.get_absolute_url(),
    )
    return request


@transaction.atomic
def change_request_decide(*, request: VendorChangeRequest, by, approve: bool, note: str = "") -> VendorChangeRequest:
    """Staff who keep the registry approve (the change is applied, in the audit log as theirs) or reject."""
    if not Vendor.objects.editable_by(by).filter(pk=request.vendor_id).exists():
        raise PermissionDenied
    request = VendorChangeRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ChangeRequestStatus.PENDING:
        raise ValidationError(_("This request was already decided."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say why the change is rejected.")})
    if approve:
        vendor_update(vendor=request.vendor, by=by, **request.changes)
    request.status = ChangeRequestStatus.APPROVED if approve else ChangeRequestStatus.REJECTED
    request.decided_by, request.decided_at, request.decision_note = by, timezone.now(), note
    with set_actor(by):
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if request.requested_by:
        notify(
            recipients=[request.requested_by],
            event_key=f"vendor-change-decided:{request.pk}",
            title=_("Your profile change was approved") if approve else _("Your profile change was rejected"),
            body=note,
            url=reverse("portal:profile_change"),
        )
    return request
