"""The scheduled expiry reminders reach each recipient in their own language: the job has no
reader, and a title formatted there read English for a Chinese manager."""

from datetime import date, timedelta

import pytest

from bpo.core.models import Notification
from vendors.services import vendor_item_create
from vendors.services.reminders import document_expiry_reminders

pytestmark = pytest.mark.django_db


def test_an_expiry_reminder_is_worded_in_each_recipients_language(cast):
    today = date(2026, 11, 27)
    vendor_item_create(
        vendor=cast.vendor_x,
        kind="certification",
        by=cast.manager,
        name="ISO 27001",
        expires_on=today + timedelta(days=20),
    )
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    document_expiry_reminders(today=today)
    chinese = Notification.objects.get(recipient=cast.manager).title
    assert chinese == f"{cast.vendor_x.name} 的ISO 27001将于 2026-12-17 到期"
    english = Notification.objects.get(recipient=cast.admin).title
    assert english == f"ISO 27001 of {cast.vendor_x.name} expires on 2026-12-17"
