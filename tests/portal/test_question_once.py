"""Asking is idempotent per vendor, event and text: a double submit of the same question (or a
colleague asking it again while it waits for an answer) is refused next to the field, not stored
twice. The event row is locked, so concurrent requests are serialised."""

from datetime import timedelta

from django.urls import reverse

from tests.vendors.world import make_event
from vendors.models import Question
from vendors.services import question_answer


def test_the_same_open_question_is_stored_once(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5))
    url = reverse("portal:sourcing_ask", args=[event.pk])
    client.force_login(cast.vendor_x_admin)
    assert client.post(url, {"text": "What volumes?"}).status_code == 302
    for _ in range(3):
        response = client.post(url, {"text": "  What volumes?  "})
        assert response.status_code == 400
        assert "already asked this question" in str(response.context["form"].errors["text"])
    client.force_login(cast.vendor_x_user)  # a colleague at the same vendor
    assert client.post(url, {"text": "What volumes?"}).status_code == 400
    assert Question.objects.filter(event=event).count() == 1

    client.force_login(cast.vendor_y_admin)  # another vendor is not invited: 404, nothing stored
    assert client.post(url, {"text": "What volumes?"}).status_code == 404


def test_once_answered_the_same_text_may_be_asked_again_and_others_may_ask_it(cast, client):
    event = make_event(cast, deadline_in=timedelta(days=5), invite=("vendor_x", "vendor_y"))
    url = reverse("portal:sourcing_ask", args=[event.pk])
    client.force_login(cast.vendor_y_admin)
    assert client.post(url, {"text": "What volumes?"}).status_code == 302
    client.force_login(cast.vendor_x_admin)
    assert client.post(url, {"text": "What volumes?"}).status_code == 302
    question_answer(question=Question.objects.get(vendor=cast.vendor_x), by=cast.manager, answer="10,000 calls")
    assert client.post(url, {"text": "What volumes?"}).status_code == 302
    assert Question.objects.filter(event=event).count() == 3
