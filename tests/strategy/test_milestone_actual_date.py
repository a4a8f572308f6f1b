"""A milestone's actual date is a fact: not in the future (as a plan task's actual dates), on the
form (its error next to the field, the typed values kept) and through the API (400 on actual_date)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from strategy.models import Milestone
from strategy.services import charter_item_create

FUTURE = "An actual date cannot be in the future."


def _form(**over):
    return {"name": "Go-live", "phase": "transition", "baseline_date": "2026-03-01", **over}


def test_milestone_form_refuses_a_future_actual_date(cast, client):
    client.force_login(cast.manager)
    url = reverse("strategy:charter_item_create", args=[cast.program_a.pk, "milestone"])
    response = client.post(url, _form(actual_date="2030-01-01"))
    page = response.content.decode()
    assert response.status_code == 200 and FUTURE in page and 'value="Go-live"' in page
    assert not Milestone.objects.exists()
    today = timezone.localdate()
    assert client.post(url, _form(actual_date=today.isoformat())).status_code == 302
    assert Milestone.objects.get().actual_date == today


def test_milestone_form_refuses_a_future_actual_date_in_chinese(cast, client):
    cast.manager.language = "zh-hans"
    cast.manager.save()
    client.force_login(cast.manager)
    url = reverse("strategy:charter_item_create", args=[cast.program_a.pk, "milestone"])
    page = client.post(url, _form(actual_date="2030-01-01")).content.decode()
    assert "实际日期不能是将来的日期。" in page and FUTURE not in page


def test_milestone_api_refuses_a_future_actual_date(cast):
    api = APIClient()
    api.force_authenticate(cast.manager)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {"program": cast.program_a.pk, "name": "Go-live", "phase": "transition", "baseline_date": "2026-03-01"}
    response = api.post("/api/v1/milestones/", {**data, "actual_date": tomorrow.isoformat()}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "actual_date"
    assert not Milestone.objects.exists()
    milestone = charter_item_create(
        program=cast.program_a, kind="milestone", by=cast.manager, name="Go-live", phase="transition",
        baseline_date=datetime.date(2026, 3, 1),
    )  # fmt: skip
    url = f"/api/v1/milestones/{milestone.pk}/"
    response = api.patch(url, {"actual_date": "2030-01-01"}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "actual_date"
    milestone.refresh_from_db()
    assert milestone.actual_date is None
    assert api.patch(url, {"actual_date": timezone.localdate().isoformat()}, format="json").status_code == 200
