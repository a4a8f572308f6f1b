"""The time a contingency plan is activated at is bounded like a timeline entry's and a checklist
step's: within 2000-01-01..2099-12-31 (bpo.core.dates), not in the future, not before the
incident occurred. Before, the service saved any time (its checklist then falling due in 9999 or
before the incident). Refused on the field `at` in the service and next to the field on the
incident page (400, what was typed kept); nothing is saved: no plan, no checklist, no timeline
entry. (Incidents are read-only in the API: no API path activates a plan.)"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from risk import services
from risk.models import ChecklistItem, Incident, IncidentEvent

from .test_dates import FMT
from .test_incidents import T0, incident, plan  # noqa: F401 (fixtures)

FUTURE = "A plan cannot be activated in the future."
BEFORE = "A plan cannot be activated before the incident occurred."
RANGE = "Enter a date from 2000-01-01 to 2099-12-31."


def _nothing_saved(incident):  # noqa: F811
    fresh = Incident.objects.get(pk=incident.pk)
    assert (fresh.plan_id, fresh.plan_activated_at) == (None, None)
    assert not ChecklistItem.objects.filter(incident=incident).exists()
    assert list(IncidentEvent.objects.filter(incident=incident).values_list("entry", flat=True)) == [
        "Incident recorded."
    ]


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.UTC), RANGE),
        (datetime.datetime(1999, 12, 31, 9, 0, tzinfo=datetime.UTC), RANGE),
        ("tomorrow", FUTURE),
        (T0 - datetime.timedelta(minutes=1), BEFORE),
    ],
)
def test_an_activation_time_outside_its_bounds_is_refused_on_the_field(cast, plan, incident, at, message):  # noqa: F811
    if at == "tomorrow":
        at = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.incident_activate_plan(incident=incident, plan=plan, by=cast.manager, at=at)
    assert exc.value.message_dict == {"at": [message]}
    _nothing_saved(incident)
    # A time from the incident to now is kept.
    services.incident_activate_plan(incident=incident, plan=plan, by=cast.manager, at=T0)
    assert Incident.objects.get(pk=incident.pk).plan_activated_at == T0


def _activation_block(html):
    """The activation form's field block holding `at` (the timeline's form has one too)."""
    for block in html.split('<div class="field')[1:]:
        if 'name="at"' in block and 'id="activate_at"' in block:
            return block
    raise AssertionError("no activation time field")


def test_the_incident_page_shows_a_refused_activation_time_next_to_its_field(cast, client, plan, incident):  # noqa: F811
    client.force_login(cast.contributor)
    url = reverse("risk:incident_activate", args=[incident.pk])
    page = client.get(incident.get_absolute_url()).content.decode()
    assert 'id="activate_at"' in page and page.count('id="id_at"') == 1  # one id per field
    typed = (timezone.localtime() + datetime.timedelta(days=2)).strftime(FMT)
    refused = client.post(url, {"plan": plan.pk, "at": typed})
    assert refused.status_code == 400
    block = _activation_block(refused.content.decode())
    assert "has-error" in block.split(">")[0] and FUTURE in block
    assert typed in block  # what was typed stays
    _nothing_saved(incident)
    earlier = timezone.localtime(T0 - datetime.timedelta(hours=1)).strftime(FMT)
    block = _activation_block(client.post(url, {"plan": plan.pk, "at": earlier}).content.decode())
    assert BEFORE in block
    _nothing_saved(incident)
    # Empty: now.
    assert client.post(url, {"plan": plan.pk, "at": ""}).status_code == 302
    activated = Incident.objects.get(pk=incident.pk).plan_activated_at
    assert activated is not None and timezone.now() - activated < datetime.timedelta(minutes=5)
