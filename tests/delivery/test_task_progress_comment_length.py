"""A task's progress comment is at most 2,000 characters, as any recorded reason (user test
2026-11-28: the portal's task page took a comment of any length). Refused next to the comment
with the length typed, what was typed kept, nothing recorded; the service (and so the API) too."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from delivery.invoicing import DISPUTE_REASON_MAX_LENGTH
from delivery.models import TaskUpdate
from delivery.plan_services import COMMENT_MAX_LENGTH, task_progress

from .test_plan_pages import plan  # noqa: F401 (fixture)


def test_the_cap_is_the_other_reasons_cap():
    assert COMMENT_MAX_LENGTH == DISPUTE_REASON_MAX_LENGTH == 2000


def test_portal_refuses_a_too_long_comment_next_to_it(client, cast, plan):  # noqa: F811
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:task_update", args=[plan["build"].pk])
    assert 'maxlength="2000"' in client.get(url).content.decode()
    typed = "c" * 100_000
    response = client.post(url, {"actual_start": "2026-01-12", "percent_complete": "25", "comment": typed})
    assert response.status_code == 200
    assert "At most 2000 characters; this comment has 100000." in str(response.context["form"].errors["comment"])
    assert typed in response.content.decode()
    assert not TaskUpdate.objects.filter(task=plan["build"]).exists()


def test_2000_characters_with_line_breaks_are_recorded(client, cast, plan):  # noqa: F811
    client.force_login(cast.vendor_x_user)
    url = reverse("portal:task_update", args=[plan["build"].pk])
    typed = ("c" * 99 + "\r\n") * 20
    response = client.post(url, {"actual_start": "2026-01-12", "percent_complete": "25", "comment": typed})
    assert response.status_code == 302
    assert len(TaskUpdate.objects.get(task=plan["build"]).comment) == 1999


def test_the_service_and_the_api_refuse_a_too_long_comment(client, cast, plan):  # noqa: F811
    with pytest.raises(ValidationError) as refused:
        task_progress(task=plan["build"], by=cast.vendor_x_user, percent_complete=10, comment="c" * 2001)
    assert "comment" in refused.value.message_dict
    client.force_login(cast.vendor_x_user)
    response = client.post(
        f"/api/v1/plan-tasks/{plan['build'].pk}/progress/",
        {"percent_complete": 10, "comment": "c" * 2001},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["comment"]
    assert not TaskUpdate.objects.filter(task=plan["build"]).exists()
