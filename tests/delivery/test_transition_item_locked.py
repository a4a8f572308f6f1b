"""The transition gate's checklist cannot be emptied by editing: a mandatory item stays
mandatory once added (only a new item is added as optional), and a done item's category and
title do not change until it is reopened. Refused next to the field on the edit page, 400 on
the field through the API; nothing is saved."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from delivery.plan_services import open_mandatory_items

from .plan_factories import item
from .test_plan_pages import _edit

pytestmark = pytest.mark.django_db

STAYS_MANDATORY = "A mandatory item stays mandatory: only a new item can be added as optional."
REOPEN_FIRST = "This item is done: reopen it before changing what its evidence is for."


def _errors(response) -> dict:
    return {e["attr"]: e["detail"] for e in response.json()["errors"]}


def _api(cast):
    api = APIClient()
    api.force_authenticate(cast.manager)
    return api


def test_the_api_refuses_to_make_a_mandatory_item_optional(cast):
    open_item = item(cast.program_a, "Run books handed over")
    response = _api(cast).patch(f"/api/v1/transition-items/{open_item.pk}/", {"mandatory": False}, format="json")
    assert response.status_code == 400 and _errors(response) == {"mandatory": STAYS_MANDATORY}
    open_item.refresh_from_db()
    assert open_item.mandatory and list(open_mandatory_items(cast.program_a)) == [open_item]


def test_the_api_refuses_to_rewrite_a_done_item(cast):
    done = item(cast.program_a, "Agents hired", done_by=cast.manager, done_at=timezone.now(), evidence="HR list")
    body = {"title": "changed after done", "due_date": "2099-12-31"}
    response = _api(cast).patch(f"/api/v1/transition-items/{done.pk}/", body, format="json")
    assert response.status_code == 400 and _errors(response) == {"title": REOPEN_FIRST}
    done.refresh_from_db()
    assert (done.title, done.due_date) == ("Agents hired", None)


def test_an_optional_item_is_still_added_and_made_mandatory(cast):
    api = _api(cast)
    body = {"program": cast.program_a.pk, "category": "go_live", "title": "Nice to have", "mandatory": False}
    created = api.post("/api/v1/transition-items/", body, format="json")
    assert created.status_code == 201 and created.json()["mandatory"] is False
    pk = created.json()["id"]
    assert api.patch(f"/api/v1/transition-items/{pk}/", {"mandatory": True}, format="json").status_code == 200


def test_the_edit_page_refuses_next_to_the_field_and_keeps_what_was_typed(client, cast):
    open_item = item(cast.program_a, "Run books handed over")
    done = item(cast.program_a, "Agents hired", done_by=cast.manager, done_at=timezone.now(), evidence="HR list")
    client.force_login(cast.manager)
    refused = _edit(client, reverse("delivery:transition_item_update", args=[open_item.pk]), mandatory="")
    assert refused.status_code == 200 and refused.context["form"].errors["mandatory"] == [STAYS_MANDATORY]
    refused = _edit(client, reverse("delivery:transition_item_update", args=[done.pk]), title="Something else")
    assert refused.context["form"].errors["title"] == [REOPEN_FIRST]
    assert 'value="Something else"' in refused.content.decode()
    open_item.refresh_from_db()
    done.refresh_from_db()
    assert open_item.mandatory and done.title == "Agents hired"
