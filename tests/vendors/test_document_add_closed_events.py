"""Adding a document to a sourcing event (user test 2026-11-28): the event page offered "Add
document" on awarded, cancelled and past-deadline events, then the service refused it as "The
event is published: its requirements and criteria are fixed.". One predicate
(vendors.services.sourcing.document_add_refused) now decides both: the link shows only while
the service takes a document (a draft, or published before the deadline), and a stale form link
goes back to the event page with the reason."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vendors.models import EventDocument
from vendors.services import event_item_create

from .world import make_event

LINK = "Add document"

CLOSED = [
    ("awarded", timedelta(days=-1), "Documents can no longer be added: the award is decided."),
    ("cancelled", timedelta(days=5), "Documents can no longer be added: the event is cancelled."),
    ("published", timedelta(days=-1), "Documents can no longer be added: the submission deadline has passed."),
]


def _pdf():
    return SimpleUploadedFile("terms.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


@pytest.mark.parametrize(("status", "deadline_in", "reason"), CLOSED)
def test_not_offered_and_refused_with_the_reason_on_a_closed_event(cast, client, status, deadline_in, reason):
    event = make_event(cast, status=status, deadline_in=deadline_in)
    with pytest.raises(ValidationError) as refused:
        event_item_create(event=event, kind="document", by=cast.manager, title="Terms", file=_pdf())
    assert refused.value.messages == [reason]

    client.force_login(cast.manager)
    assert LINK not in client.get(event.get_absolute_url()).content.decode()
    url = reverse("vendors:event_item_create", args=[event.pk, "document"])
    response = client.get(url)
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [reason]
    posted = client.post(url, {"title": "Terms", "file": _pdf()}).content.decode()
    assert reason in posted and "requirements and criteria are fixed" not in posted
    assert not EventDocument.objects.filter(event=event).exists()


@pytest.mark.parametrize("status", ["draft", "published"])
def test_offered_and_taken_while_the_event_is_open(cast, client, status):
    event = make_event(cast, status=status, deadline_in=timedelta(days=5))
    client.force_login(cast.manager)
    assert LINK in client.get(event.get_absolute_url()).content.decode()
    url = reverse("vendors:event_item_create", args=[event.pk, "document"])
    assert client.get(url).status_code == 200
    assert event_item_create(event=event, kind="document", by=cast.manager, title="Terms", file=_pdf())
    assert EventDocument.objects.filter(event=event).count() == 1
