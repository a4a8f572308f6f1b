"""An incident's occurrence and an indicator reading's period are not before 2000 (nor a reading's
after 2099; bpo.core.dates): an incident of 1900 sorted below every other one, a reading of 1900
or 9999 became the indicator's first or latest."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from risk import services
from risk.models import Incident, KriReading

from .test_kri import kri  # noqa: F401 (fixture)

MESSAGE = "Enter a date from 2000-01-01 to 2099-12-31."


def test_an_incident_of_1900_is_refused_on_the_field(cast):
    with pytest.raises(ValidationError) as exc:
        services.incident_create(
            by=cast.manager,
            program=cast.program_a,
            title="Power cut",
            description="Site A lost power",
            severity="sev2",
            occurred_at=datetime.datetime(1900, 1, 1, 9, tzinfo=datetime.UTC),
        )
    assert exc.value.message_dict["occurred_at"] == [MESSAGE]
    assert not Incident.objects.exists()


@pytest.mark.parametrize("period", [datetime.date(1900, 1, 1), datetime.date(9999, 12, 1)])
def test_a_reading_outside_2000_2099_is_refused_on_the_period(cast, kri, period):  # noqa: F811
    with pytest.raises(ValidationError) as exc:
        services.kri_record_reading(indicator=kri, period=period, value=Decimal("1"), by=cast.manager)
    assert exc.value.message_dict["period"] == [MESSAGE]
    assert not KriReading.objects.exists()
