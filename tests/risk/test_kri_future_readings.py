"""A key risk indicator's reading is for the current month in the program's time zone or an
earlier one: a reading of 2099-11 was listed first and made the indicator look OK while the
month under way was a breach. Refused next to the field on the form, and by the service."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from risk import services
from risk.models import KriReading

from .test_kri import kri  # noqa: F401  (the fixture)

# 2026-11-30 20:00 UTC is already 2026-12-01 04:00 in Shanghai.
NOW = datetime.datetime(2026, 11, 30, 20, 0, tzinfo=datetime.UTC)


@pytest.fixture
def shanghai_now(cast):
    cast.program_a.time_zone = "Asia/Shanghai"
    cast.program_a.save(update_fields=["time_zone"])
    with mock.patch.object(timezone, "now", return_value=NOW):
        yield


def test_a_reading_for_a_month_to_come_is_refused_next_to_the_period(cast, client, kri, shanghai_now):  # noqa: F811
    client.force_login(cast.manager)
    url = reverse("risk:kri_reading", args=[kri.pk])
    response = client.post(url, {"period": "2099-11-01", "value": "10"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["period"] == [
        "A reading is for the current month (2026-12 in the program's time zone) or earlier."
    ]
    assert form["value"].value() == "10"  # what was typed is kept
    assert not KriReading.objects.filter(indicator=kri).exists()
    # December has begun in Shanghai (not yet in UTC): its reading is accepted, and is the form's default.
    assert client.get(url).context["form"].initial["period"] == datetime.date(2026, 12, 1)
    assert client.post(url, {"period": "2026-12-01", "value": "9"}).status_code == 302
    assert client.post(url, {"period": "2026-11-01", "value": "10"}).status_code == 302
    assert list(KriReading.objects.filter(indicator=kri).values_list("period", flat=True)) == [
        datetime.date(2026, 12, 1),
        datetime.date(2026, 11, 1),
    ]


def test_the_service_refuses_a_month_to_come_whoever_records_it(cast, kri, shanghai_now):  # noqa: F811
    for by in (cast.manager, None):
        with pytest.raises(ValidationError) as exc:
            services.kri_record_reading(indicator=kri, period=datetime.date(2027, 1, 1), value=Decimal("10"), by=by)
        assert "period" in exc.value.error_dict
    services.kri_record_reading(indicator=kri, period=datetime.date(2026, 12, 31), value=Decimal("1"), by=None)
