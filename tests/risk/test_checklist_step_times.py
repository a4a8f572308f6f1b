"""The time a step of an incident's checklist is ticked off at is bounded like a timeline entry:
within 2000-01-01..2099-12-31 (bpo.core.dates), not in the future, not before the plan was
activated. Before, any time was saved: a step done in 9999 or before its plan existed, which the
checklist then read as on time or late for ever. Refused on the field (done_at), nothing saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from risk import services
from risk.models import ChecklistItem

from .test_incidents import T0, incident, plan  # noqa: F401 (fixtures)


@pytest.fixture
def first(cast, plan, incident):  # noqa: F811
    return services.incident_activate_plan(incident=incident, plan=plan, by=cast.manager, at=T0)[0]


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.UTC), "Enter a date from 2000-01-01 to 2099-12-31."),
        (datetime.datetime(1999, 12, 31, 9, 0, tzinfo=datetime.UTC), "Enter a date from 2000-01-01 to 2099-12-31."),
        ("tomorrow", "A step cannot be done in the future."),
        (T0 - datetime.timedelta(minutes=1), "A step cannot be done before its plan was activated."),
    ],
)
def test_a_step_time_outside_its_bounds_is_refused_on_the_field(cast, first, at, message):
    if at == "tomorrow":
        at = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.checklist_item_complete(item=first, by=cast.manager, at=at)
    assert exc.value.message_dict == {"done_at": [message]}
    assert ChecklistItem.objects.get(pk=first.pk).done_at is None
    # A time from the activation to now is kept.
    services.checklist_item_complete(item=first, by=cast.manager, at=T0 + datetime.timedelta(minutes=5))
    assert ChecklistItem.objects.get(pk=first.pk).done_at == T0 + datetime.timedelta(minutes=5)
