"""A corrective action's due date, set or changed on an edit, is from today in the program's time
zone (user test: proposed CA-0005 took 2020-01-01 on its edit page). Refused next to the field on
the page (English and Chinese) and on the field by the service; an old overdue date sent back
unchanged still saves, so other edits are not blocked. The API has no write door (405)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from bpo.core.zones import today_in
from risk import services
from risk.models import CorrectiveAction
from tests.strategy.test_program_pages import _field_block

from .test_register import make_risk

pytestmark = pytest.mark.django_db

PAST = datetime.date(2020, 1, 1)


def _proposed(cast):
    """A proposed action (as a breach raises it) due in ten days."""
    today = today_in(cast.program_a.time_zone)
    action = services.action_create(
        by=cast.manager,
        program=cast.program_a,
        source="risk_review",
        risk=make_risk(cast),
        title="Fix the queue",
        problem="Measured 70.8 against 80",
        owner=cast.contributor,
        due_date=today + datetime.timedelta(days=10),
    )
    CorrectiveAction.objects.filter(pk=action.pk).update(status="proposed", owner=None)
    action.refresh_from_db()
    return action


def _form(action, **changes):
    data = {"title": action.title, "problem": action.problem, "due_date": action.due_date.isoformat()}
    return {**data, **changes}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_edit_page_refuses_a_past_due_date_next_to_the_field(cast, client, language):
    action = _proposed(cast)
    before = action.due_date
    today = today_in(cast.program_a.time_zone)
    message = {
        "en": f"Enter a due date from today ({today.isoformat()}) to 2099-12-31.",
        "zh-hans": f"请输入今天（{today.isoformat()}）至 2099-12-31 之间的截止日期。",
    }[language]
    cast.manager.language = language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    client.cookies["django_language"] = language
    url = reverse("risk:action_update", args=[action.pk])
    response = client.post(url, _form(action, due_date="2020-01-01"))
    assert response.status_code == 200
    block = _field_block(response.content.decode(), "due_date")
    assert message in block and 'value="2020-01-01"' in block
    action.refresh_from_db()
    assert action.due_date == before
    # today is accepted
    assert client.post(url, _form(action, due_date=today.isoformat())).status_code == 302
    action.refresh_from_db()
    assert action.due_date == today


def test_the_service_refuses_a_past_due_date_but_an_unchanged_old_one_saves(cast, client):
    action = _proposed(cast)
    with pytest.raises(ValidationError) as refused:
        services.action_update(action=action, by=cast.manager, due_date=PAST)
    assert list(refused.value.message_dict) == ["due_date"]
    action.refresh_from_db()
    assert action.due_date != PAST
    # An action already overdue (stored before the rule, or simply late) keeps its date on other edits.
    CorrectiveAction.objects.filter(pk=action.pk).update(due_date=PAST)
    action.refresh_from_db()
    services.action_update(action=action, by=cast.manager, title="Renamed", due_date=PAST)
    client.force_login(cast.manager)
    url = reverse("risk:action_update", args=[action.pk])
    assert client.post(url, _form(action, title="Renamed on the page")).status_code == 302
    action.refresh_from_db()
    assert (action.title, action.due_date) == ("Renamed on the page", PAST)
    # but it cannot be moved to another past date either
    with pytest.raises(ValidationError) as refused:
        services.action_update(action=action, by=cast.manager, due_date=PAST + datetime.timedelta(days=1))
    assert list(refused.value.message_dict) == ["due_date"]
    # the API has no write door for corrective actions
    api = APIClient()
    api.force_authenticate(cast.manager)
    detail = reverse("corrective-action-detail", args=[action.pk])
    assert api.patch(detail, {"due_date": "2020-01-02"}, format="json").status_code == 405
