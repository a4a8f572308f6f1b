"""A support request's resolution is at most 2,000 characters, as a recorded reason is: the page
says so (its move form tells errors as messages), the API answers 400 on the field, and the
request stays unresolved (100,000 characters were accepted)."""

from django.urls import reverse
from rest_framework.test import APIClient

from delivery import support
from delivery.models import SupportRequest

from .engagement_factories import support_request_of_x

LONG = "x" * 100_000
TOLD = "At most 2000 characters; this resolution has 100000."


def _in_progress(cast):
    req = support_request_of_x(cast)
    return support.support_request_transition(request=req, by=cast.contributor, to="in_progress")


def test_the_page_refuses_a_resolution_over_2000_characters(cast, client):
    req = _in_progress(cast)
    client.force_login(cast.contributor)
    assert 'maxlength="2000"' in client.get(reverse("delivery:support_detail", args=[req.pk])).content.decode()
    response = client.post(
        reverse("delivery:support_move", args=[req.pk]), {"to": "resolved", "resolution": LONG}, follow=True
    )
    assert TOLD in [str(m) for m in response.context["messages"]]
    req.refresh_from_db()
    assert req.status == "in_progress" and req.resolution == ""


def test_the_api_refuses_a_resolution_over_2000_characters(cast):
    req = _in_progress(cast)
    api = APIClient()
    api.force_authenticate(cast.contributor)
    url = f"/api/v1/support-requests/{req.pk}/transition/"
    response = api.post(url, {"to": "resolved", "resolution": LONG}, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("resolution", TOLD)]
    assert SupportRequest.objects.get(pk=req.pk).status == "in_progress"
    response = api.post(url, {"to": "resolved", "resolution": "z" * 2000}, format="json")
    assert response.status_code == 200
    assert len(SupportRequest.objects.get(pk=req.pk).resolution) == 2000
