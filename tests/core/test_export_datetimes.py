"""Every CSV/XLSX export writes a date and time one way (bpo/core/export.py): ISO 8601 to the
second in the server's time zone with its offset, 2026-11-27T15:48:01+00:00, never Python's
str() of it (2026-11-27 15:48:01.597319+00:00) nor a page's wording."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bpo.core.export import export_datetime
from bpo.core.lists import Column
from delivery.models import SupportRequest
from tests.delivery.engagement_factories import support_request_of_x

pytestmark = pytest.mark.django_db

OPENED = datetime.datetime(2026, 11, 27, 15, 48, 1, 597319, tzinfo=datetime.UTC)


def test_an_aware_time_is_written_to_the_second_with_the_servers_offset(settings):
    assert export_datetime(OPENED) == "2026-11-27T15:48:01+00:00"
    settings.TIME_ZONE = "Asia/Shanghai"
    assert export_datetime(OPENED) == "2026-11-27T23:48:01+08:00"
    assert export_datetime(OPENED.replace(tzinfo=None)) == "2026-11-27T15:48:01"


def test_a_list_column_writes_dates_and_times_in_the_export_format():
    class Row:
        at = OPENED
        on = datetime.date(2026, 11, 27)

    assert Column("at", "").export_value(Row()) == "2026-11-27T15:48:01+00:00"
    assert Column("on", "").export_value(Row()) == "2026-11-27"


def _rows(response, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _opened(rows, heading="Opened"):
    return rows[1][rows[0].index(heading)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_staff_support_export_writes_when_a_request_was_opened_in_iso_8601(cast, client, fmt):
    support_request = support_request_of_x(cast)
    SupportRequest.objects.filter(pk=support_request.pk).update(opened_at=OPENED)
    client.force_login(cast.manager)
    rows = _rows(client.get(reverse("delivery:support_list"), {"export": fmt}), fmt)
    assert _opened(rows) == "2026-11-27T15:48:01+00:00"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_portal_support_export_writes_times_as_the_staff_export_does(cast, client, fmt):
    support_request = support_request_of_x(cast)
    SupportRequest.objects.filter(pk=support_request.pk).update(opened_at=OPENED)
    client.force_login(cast.vendor_x_user)
    rows = _rows(client.get(reverse("portal:support"), {"export": fmt}), fmt)
    assert _opened(rows) == "2026-11-27T15:48:01+00:00"
    assert not any(re.search(r"\d\d:\d\d:\d\d\.\d", cell) for row in rows for cell in row)
