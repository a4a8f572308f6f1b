"""A downloaded proposal attachment (portal and staff door) is offered under the name the vendor
uploaded it with (Content-Disposition: attachment, RFC 6266/5987 for a non-ASCII name), not the
random name it is stored under, which stays random."""

from datetime import timedelta
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from vendors.models import ProposalAttachment, SourcingEvent

from .world import make_event

NAME = "Offre de prix – 价格 2026.pdf"


def test_attachments_download_under_the_name_they_were_uploaded_with(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3))
    client.force_login(cast.vendor_x_admin)
    response = client.post(
        reverse("portal:proposal_edit", args=[event.pk]),
        {
            "price": "1000.00",
            "price_breakdown": "Setup: 400\nRun: 600",
            "answers": "Yes",
            "attachments": [SimpleUploadedFile(NAME, b"%PDF-1.4 a")],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = ProposalAttachment.objects.get()
    assert attachment.original_name == NAME
    stored = attachment.file.name.rsplit("/", 1)[-1]
    assert "Offre" not in stored and stored.endswith(".pdf") and len(stored) == 36  # random hex name

    download = client.get(reverse("portal:proposal_attachment", args=[attachment.pk]))
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"filename*=utf-8''{quote(NAME)}" in disposition
    assert stored not in disposition

    past = timezone.now() - timedelta(hours=1)
    SourcingEvent.objects.filter(pk=event.pk).update(
        questions_deadline=past - timedelta(days=1), submission_deadline=past
    )
    client.force_login(cast.admin)
    staff = client.get(reverse("vendors:proposal_attachment", args=[attachment.pk]))
    assert staff.status_code == 200 and f"filename*=utf-8''{quote(NAME)}" in staff["Content-Disposition"]
