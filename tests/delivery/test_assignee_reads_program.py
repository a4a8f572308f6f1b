"""A person given a program record (a plan task's owner, a support request's assignee) may see
the program, as a risk's owner (risk.selectors.may_see_program). An evaluator-only member of
program A reads none of it: not offered, refused next to the field on the page and with 400 on the
field through the API, nothing saved, nobody told."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bpo.core.models import Notification
from delivery import plan_services
from delivery.forms_engagement import SupportEditForm
from delivery.forms_plan import TaskForm
from delivery.models import SupportRequest, Task

from .engagement_factories import support_request_of_x
from .plan_factories import task

pytestmark = pytest.mark.django_db

TASK_REFUSED = "Choose someone who may see this task's program."
SUPPORT_REFUSED = "Choose someone who may see this request's program."


def test_a_plan_task_owner_who_cannot_see_the_program_is_refused(cast, client):
    t = task(cast.program_a, "Secret cut-over", 1, 10)
    client.force_login(cast.manager)
    url = f"/api/v1/plan-tasks/{t.pk}/"
    response = client.patch(url, {"owner": cast.evaluator.pk}, content_type="application/json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("owner", TASK_REFUSED)]
    t.refresh_from_db()
    assert t.owner_id is None
    assert not Notification.objects.filter(recipient=cast.evaluator).exists()
    with pytest.raises(ValidationError) as exc:
        plan_services.task_save(program=cast.program_a, by=cast.manager, data={"owner": cast.outsider}, task=t)
    assert exc.value.message_dict == {"owner": [TASK_REFUSED]}
    # Someone who reads the program is accepted and told.
    response = client.patch(url, {"owner": cast.viewer.pk}, content_type="application/json")
    assert response.status_code == 200
    assert Notification.objects.filter(recipient=cast.viewer).exists()


def test_an_older_task_keeps_its_owner_on_other_changes(cast):
    t = task(cast.program_a, "Old", 1, 10, owner=cast.evaluator)
    saved = plan_services.task_save(program=cast.program_a, by=cast.manager, data={"name": "Renamed"}, task=t)
    assert saved.name == "Renamed" and saved.owner == cast.evaluator


def test_the_task_form_offers_only_people_who_see_the_program(cast):
    offered = set(TaskForm(program=cast.program_a).fields["owner"].queryset)
    assert cast.contributor in offered and cast.viewer in offered
    assert cast.evaluator not in offered and cast.outsider not in offered
    assert Task.objects.count() == 0


def test_a_support_assignee_who_cannot_see_the_program_is_refused(cast, client):
    req = support_request_of_x(cast)
    form = SupportEditForm(instance=req, user=cast.manager)
    offered = set(form.fields["assignee"].queryset)
    assert cast.contributor in offered and cast.evaluator not in offered and cast.outsider not in offered
    client.force_login(cast.manager)
    data = {"title": "Typed title", "category": req.category, "priority": req.priority, "description": "x"}
    response = client.post(reverse("delivery:support_update", args=[req.pk]), {**data, "assignee": cast.evaluator.pk})
    assert response.status_code in (200, 400) and "assignee" in response.context["form"].errors
    req.refresh_from_db()
    assert req.assignee_id is None and req.title == "Reset my CRM access"
    assert not Notification.objects.filter(recipient=cast.evaluator).exists()
    from delivery import support

    with pytest.raises(ValidationError) as exc:
        support.support_request_update(request=req, by=cast.manager, assignee=cast.evaluator)
    assert exc.value.message_dict == {"assignee": [SUPPORT_REFUSED]}
    assert not SupportRequest.objects.filter(assignee=cast.evaluator).exists()
    assert not Notification.objects.filter(recipient=cast.evaluator).exists()
    support.support_request_update(request=req, by=cast.manager, assignee=cast.contributor)
    assert Notification.objects.filter(recipient=cast.contributor).exists()
