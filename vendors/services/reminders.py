"""Reminders of expiring vendor certifications and documents."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import Role
from bpo.accounts.models import User
from bpo.core.i18n import interpolate
from bpo.core.services import notify

from ..models import VendorCertification, VendorDocument

REMIND_DAYS = 30


def document_expiry_reminders(*, today=None) -> int:
    """Notifies once per record and stage (expiring soon / expired): administrators, everyone who
    manages a program (they keep the registry) and the vendor's own admins. Returns how many
    notifications were created."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMIND_DAYS)
    keepers = list(
        User.objects.filter(is_active=True).filter(Q(role=Role.ADMIN) | Q(memberships__role="manager")).distinct()
    )
    created = 0
    for model, kind in ((VendorCertification, "certification"), (VendorDocument, "document")):
        rows = model.objects.filter(expires_on__isnull=False, expires_on__lte=horizon).select_related("vendor")
        rows = rows.filter(expires_on__gte=today - timedelta(days=1))  # the day after expiry: last reminder
        vendor_admins = {}
        for item in rows:
            if item.vendor_id not in vendor_admins:
                vendor_admins[item.vendor_id] = list(
                    User.objects.filter(vendor_id=item.vendor_id, role=Role.VENDOR_ADMIN, is_active=True)
                )
            expired = item.expires_on < today
            stage = "expired" if expired else "expiring"
            # Lazy: worded in each recipient's language (a `%` here wrote the worker's, English).
            title = interpolate(
                _("%(item)s of %(vendor)s has expired") if expired else _("%(item)s of %(vendor)s expires on %(date)s"),
                {"item": str(item), "vendor": item.vendor.name, "date": item.expires_on.isoformat()},
            )
            created += len(
                notify(
                    recipients=keepers + vendor_admins[item.vendor_id],
                    event_key=f"vendor-{kind}-{stage}:{item.pk}:{item.expires_on.isoformat()}",
                    title=title,
                    url=item.vendor.get_absolute_url(),
                    email=True,
                )
            )
    return created
