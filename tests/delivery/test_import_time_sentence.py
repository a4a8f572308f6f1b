"""The finished import names its time without a sentence's full stop straight after it (a time
format may end with one itself, as Django's English "9 a.m." does)."""

import datetime
import re

import pytest
from django.urls import reverse

from delivery.models import MeasurementBatch, MeasurementImport
from tests.contracts.factories import measured_contract

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2026, 11, 27, 9, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(("language", "expected"), [("en", "Finished: "), ("zh-hans", "完成时间：")])
def test_a_done_import_names_when_it_finished_without_a_full_stop_after_the_time(cast, client, language, expected):
    contract = measured_contract(cast)
    batch = MeasurementBatch.objects.create(
        contract=contract, source="csv", row_count=2, new_count=2, submitted_by=cast.vendor_x_user
    )
    record = MeasurementImport.objects.create(
        contract=contract,
        file_name="done.csv",
        row_count=2,
        status="done",
        progress=100,
        batch=batch,
        finished_at=AT,
        submitted_by=cast.vendor_x_user,
    )
    cast.manager.language = language  # pages speak the user's language
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    body = client.get(reverse("delivery:measurement_import", args=[record.pk])).content.decode()
    found = re.search(re.escape(expected) + r"(\d{4}-\d\d-\d\d \d\d:\d\d)(.)", body)
    assert found, body
    assert found.group(2) not in ".。"
