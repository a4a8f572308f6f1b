"""A mandatory transition item is never deleted: it holds the go-live gate, and deleting it and
adding it again as optional met the gate without it (editing already keeps it mandatory). The page
offers no Delete for it and refuses the POST with the reason; the API's DELETE answers 400 with the
reason. An open optional item is still deleted (page and API); a done one is reopened first."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from delivery.models import TransitionItem
from delivery.plan_services import open_mandatory_items

from .plan_factories import item

pytestmark = pytest.mark.django_db

MANDATORY = (
    "“Run books handed over” is mandatory and cannot be deleted: go-live waits for it until it is done "
    "or a manager overrides the gate with a reason."
)


def test_the_page_offers_no_delete_for_a_mandatory_item_and_refuses_the_post(cast, client):
    mandatory = item(cast.program_a, "Run books handed over")
    optional = item(cast.program_a, "Wallboard installed", mandatory=False)
    client.force_login(cast.manager)
    url = reverse("delivery:transition", args=[cast.program_a.pk])
    page = client.get(url).content.decode()
    assert reverse("delivery:transition_item_delete", args=[mandatory.pk]) not in page
    assert reverse("delivery:transition_item_delete", args=[optional.pk]) in page
    response = client.post(reverse("delivery:transition_item_delete", args=[mandatory.pk]), follow=True)
    assert response.redirect_chain[-1][0] == url
    assert MANDATORY in response.content.decode()
    assert list(open_mandatory_items(cast.program_a)) == [mandatory]
    response = client.post(reverse("delivery:transition_item_delete", args=[optional.pk]), follow=True)
    assert "Checklist item deleted." in response.content.decode()
    assert not TransitionItem.objects.filter(pk=optional.pk).exists()


def test_the_api_delete_answers_400_with_the_reason_for_a_mandatory_item(cast):
    mandatory = item(cast.program_a, "Run books handed over")
    done = item(
        cast.program_a, "Agents hired", mandatory=False, done_by=cast.manager, done_at=timezone.now(), evidence="HR"
    )
    optional = item(cast.program_a, "Wallboard installed", mandatory=False)
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.delete(f"/api/v1/transition-items/{mandatory.pk}/")
    assert response.status_code == 400
    assert [e["detail"] for e in response.json()["errors"]] == [MANDATORY]
    assert TransitionItem.objects.filter(pk=mandatory.pk).exists()
    response = api.delete(f"/api/v1/transition-items/{done.pk}/")
    assert response.status_code == 400
    assert [e["detail"] for e in response.json()["errors"]] == ["“Agents hired” is done: reopen it before deleting it."]
    assert api.delete(f"/api/v1/transition-items/{optional.pk}/").status_code == 204
    assert not TransitionItem.objects.filter(pk=optional.pk).exists()


def test_only_the_programs_managers_delete_through_the_api(cast):
    optional = item(cast.program_a, "Wallboard installed", mandatory=False)
    api = APIClient()
    for user, status in ((cast.contributor, 403), (cast.outsider, 404), (cast.vendor_x_admin, 403)):
        api.force_authenticate(user)
        assert api.delete(f"/api/v1/transition-items/{optional.pk}/").status_code == status
    assert TransitionItem.objects.filter(pk=optional.pk).exists()
