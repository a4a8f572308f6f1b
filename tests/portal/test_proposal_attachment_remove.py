"""A vendor removes an attachment from its own proposal before the deadline (POST, CSRF), never
another vendor's, never after the deadline."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.vendors.world import make_event, make_proposal
from vendors.models import ProposalAttachment, SourcingEvent


def _attachment(event, vendor, by):
    proposal = make_proposal(event, vendor, by=by)
    attachment = ProposalAttachment(proposal=proposal, title="deck.pdf")
    attachment.file.save("deck.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return attachment


def test_the_proposal_form_offers_remove_and_it_removes_the_file(cast, client, django_capture_on_commit_callbacks):
    event = make_event(cast, deadline_in=timedelta(days=3))
    attachment = _attachment(event, cast.vendor_x, cast.vendor_x_admin)
    storage, name = attachment.file.storage, attachment.file.name
    client.force_login(cast.vendor_x_user)
    html = client.get(reverse("portal:proposal_edit", args=[event.pk])).content.decode()
    url = reverse("portal:proposal_attachment_delete", args=[attachment.pk])
    assert f'action="{url}"' in html and 'data-testid="remove-attachment"' in html
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the delete commits
        response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:proposal_edit", args=[event.pk])
    assert "The attachment is removed." in response.content.decode()
    assert not ProposalAttachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(name)


def test_removal_needs_csrf_the_own_vendor_and_an_open_event(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=3), invite=("vendor_x", "vendor_y"))
    attachment = _attachment(event, cast.vendor_x, cast.vendor_x_admin)
    url = reverse("portal:proposal_attachment_delete", args=[attachment.pk])

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.vendor_x_admin)
    assert strict.post(url).status_code == 403  # no CSRF token

    client.force_login(cast.vendor_y_admin)  # another invited vendor
    assert client.post(url).status_code == 404
    client.force_login(cast.manager)  # staff never reach the portal
    assert client.post(url).status_code == 403

    past = timezone.now() - timedelta(minutes=1)
    SourcingEvent.objects.filter(pk=event.pk).update(
        questions_deadline=past - timedelta(days=1), submission_deadline=past
    )
    client.force_login(cast.vendor_x_admin)
    response = client.post(url, follow=True)
    assert "can no longer be changed" in response.content.decode()
    assert ProposalAttachment.objects.filter(pk=attachment.pk).exists()
