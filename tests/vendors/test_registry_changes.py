"""The registry additions: contacts, certifications and documents with expiry (files served only
after the access check), expiry reminders, and profile change requests from the portal."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bpo.core.models import Notification
from vendors.models import Vendor, VendorChangeRequest
from vendors.services import change_request_create, change_request_decide, vendor_item_create
from vendors.services.reminders import document_expiry_reminders


def test_manager_adds_a_document_and_only_signed_in_staff_download_it(cast, client):
    document = vendor_item_create(
        vendor=cast.vendor_x,
        kind="document",
        by=cast.manager,
        title="Insurance 2026",
        file=SimpleUploadedFile("ins.pdf", b"%PDF-1.4 insurance"),
        expires_on=date(2027, 1, 31),
    )
    assert "ins" not in document.file.name  # stored under a random name
    url = reverse("vendors:vendor_item_file", args=["document", document.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(cast.viewer)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 insurance"
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(cast.vendor_y_admin)
    assert client.get(url).status_code == 403  # the staff door


def test_only_registry_keepers_add_records(cast):
    with pytest.raises(PermissionDenied):
        vendor_item_create(vendor=cast.vendor_x, kind="contact", by=cast.contributor, name="Ann")


def test_expiry_reminders_go_once_to_keepers_and_the_vendors_admins(cast):
    today = date(2026, 11, 27)
    vendor_item_create(
        vendor=cast.vendor_x,
        kind="certification",
        by=cast.manager,
        name="ISO 27001",
        expires_on=today + timedelta(days=20),
    )
    vendor_item_create(
        vendor=cast.vendor_x, kind="certification", by=cast.manager, name="COPC", expires_on=today + timedelta(days=90)
    )
    created = document_expiry_reminders(today=today)
    assert created > 0
    for user in (cast.admin, cast.manager, cast.outsider, cast.vendor_x_admin):
        titles = list(Notification.objects.filter(recipient=user).values_list("title", flat=True))
        assert any("ISO 27001" in t for t in titles) and not any("COPC" in t for t in titles), user
    assert not Notification.objects.filter(recipient__in=[cast.vendor_y_admin, cast.vendor_x_user]).exists()
    assert document_expiry_reminders(today=today) == 0  # safe to run twice


def test_vendor_admin_requests_a_change_and_staff_approve_it(cast):
    request = change_request_create(by=cast.vendor_x_admin, country="Singapore", capabilities="Voice, chat")
    assert request.changes == {"country": "Singapore", "capabilities": "Voice, chat"}
    assert Vendor.objects.get(pk=cast.vendor_x.pk).country == "China"  # not applied yet
    assert Notification.objects.filter(recipient=cast.admin, event_key=f"vendor-change-request:{request.pk}").exists()
    with pytest.raises(PermissionDenied):
        change_request_decide(request=request, by=cast.contributor, approve=True)
    change_request_decide(request=request, by=cast.manager, approve=True)
    vendor = Vendor.objects.get(pk=cast.vendor_x.pk)
    assert (vendor.country, vendor.capabilities) == ("Singapore", "Voice, chat")
    with pytest.raises(ValidationError, match="already decided"):
        change_request_decide(request=request, by=cast.manager, approve=False, note="x")


def test_rejection_needs_a_note_and_changes_nothing(cast):
    request = change_request_create(by=cast.vendor_x_admin, country="Japan")
    with pytest.raises(ValidationError):
        change_request_decide(request=request, by=cast.admin, approve=False)
    change_request_decide(request=request, by=cast.admin, approve=False, note="Registered in China")
    assert Vendor.objects.get(pk=cast.vendor_x.pk).country == "China"
    assert Notification.objects.get(recipient=cast.vendor_x_admin, event_key__startswith="vendor-change-decided").body


def test_vendor_contributor_cannot_request_and_nobody_can_change_tier_or_status(cast, client):
    with pytest.raises(PermissionDenied):
        change_request_create(by=cast.vendor_x_user, country="Japan")
    with pytest.raises(ValidationError, match="Nothing differs"):
        change_request_create(by=cast.vendor_x_admin, status="approved", tier="strategic")
    client.force_login(cast.vendor_x_user)
    assert client.post("/portal/profile/changes/", {"country": "Japan"}).status_code == 403


def test_portal_change_form_sends_a_request(cast, client):
    client.force_login(cast.vendor_x_admin)
    data = {
        "name": "Vendor X",
        "local_name": cast.vendor_x.local_name,
        "registration_number": "91310000X",
        "country": "China",
        "website": "",
        "capabilities": "",
    }
    response = client.post("/portal/profile/changes/", data)
    assert response.status_code == 302
    assert VendorChangeRequest.objects.get().changes == {"registration_number": "91310000X"}
    client.force_login(cast.manager)
    page = client.get(reverse("vendors:change_request_detail", args=[VendorChangeRequest.objects.get().pk]))
    assert "91310000X" in page.content.decode() and "Approve and apply" in page.content.decode()
