"""A communication's owner may see the program, as a risk's owner (risk.selectors.may_see_program).
An evaluator-only member of program A, or a manager of program B only, reads none of it: not
offered, refused next to the owner on the page (what was typed kept) and by the services, nothing
saved. An older line keeps its owner on other changes.

The API has no write of a communication's owner (`/api/v1/communications/` reads, and only
`mark_sent` writes), so the page and the services are the doors."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from delivery import meetings
from delivery.forms_engagement import CommunicationForm
from delivery.models import Communication

from .engagement_factories import communication_of_a

pytestmark = pytest.mark.django_db

REFUSED = "Choose someone who may see this communication's program."


def test_the_services_refuse_an_owner_who_cannot_see_the_program(cast):
    with pytest.raises(ValidationError) as exc:
        communication_of_a(cast, owner=cast.evaluator)
    assert exc.value.message_dict == {"owner": [REFUSED]}
    assert not Communication.objects.exists()
    comm = communication_of_a(cast)
    with pytest.raises(ValidationError) as exc:
        meetings.communication_update(communication=comm, by=cast.manager, owner=cast.outsider)
    assert exc.value.message_dict == {"owner": [REFUSED]}
    comm.refresh_from_db()
    assert comm.owner == cast.manager
    updated = meetings.communication_update(communication=comm, by=cast.manager, owner=cast.viewer)
    assert updated.owner == cast.viewer
    # An older line keeps its owner (given before the rule) on other changes.
    Communication.objects.filter(pk=comm.pk).update(owner=cast.evaluator)
    saved = meetings.communication_update(communication=comm, by=cast.manager, audience="Finance owners")
    assert saved.audience == "Finance owners" and saved.owner == cast.evaluator


def test_the_form_offers_only_staff_who_see_the_program(cast):
    offered = set(CommunicationForm(user=cast.manager).fields["owner"].queryset)
    assert {cast.manager, cast.contributor, cast.viewer} <= offered
    assert cast.evaluator not in offered and cast.outsider not in offered
    assert cast.vendor_x_user not in offered
    comm = communication_of_a(cast)
    Communication.objects.filter(pk=comm.pk).update(owner=cast.evaluator)
    comm.refresh_from_db()
    offered = set(CommunicationForm(instance=comm, user=cast.manager).fields["owner"].queryset)
    assert cast.evaluator in offered  # the current owner stays offered, so the form still saves
    assert cast.outsider not in offered


def _post(cast, **changes):
    data = {
        "program": cast.program_a.pk,
        "audience": "Typed audience",
        "content": "Typed content",
        "frequency": "monthly",
        "channel": "email",
        "owner": cast.manager.pk,
        "last_sent_on": "2026-01-31",
        "active": "on",
    }
    data.update(changes)
    return data


def test_the_page_refuses_the_owner_next_to_the_field_keeping_what_was_typed(cast, client):
    # An administrator edits every program, so a manager of program B is offered on a new line;
    # given to program A, the line's owner is refused next to the field.
    client.force_login(cast.admin)
    response = client.post(reverse("delivery:communication_create"), _post(cast, owner=cast.outsider.pk))
    assert response.status_code in (200, 400)
    form = response.context["form"]
    assert form.errors == {"owner": [REFUSED]}
    assert "Typed audience" in response.content.decode()
    assert not Communication.objects.exists()
    response = client.post(reverse("delivery:communication_create"), _post(cast, owner=cast.viewer.pk))
    assert response.status_code == 302
    assert Communication.objects.get().owner == cast.viewer


def test_the_edit_page_does_not_take_an_evaluator_only_member(cast, client):
    comm = communication_of_a(cast, last_sent_on=datetime.date(2026, 1, 31))
    client.force_login(cast.manager)
    data = _post(cast, owner=cast.evaluator.pk, audience="Renamed audience")
    data.pop("program")
    response = client.post(reverse("delivery:communication_update", args=[comm.pk]), data)
    assert response.status_code in (200, 400)
    assert "owner" in response.context["form"].errors
    assert "Renamed audience" in response.content.decode()
    comm.refresh_from_db()
    assert comm.owner == cast.manager and comm.audience == "Business owners"
