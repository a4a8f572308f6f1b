"""An invoice's period is a month: the staff invoice list's CSV and XLSX write it as ISO 8601
YYYY-MM (2026-09), as the portal's invoice export does, not as its first day (2026-09-01); the
staff status reports' too."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from delivery.models import Invoice, StatusReport
from tests.contracts.factories import contract_of_a


def _rows(response, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _column(rows, heading):
    return [row[rows[0].index(heading)] for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_staff_and_portal_invoice_exports_write_the_period_as_a_month(client, cast, fmt):
    contract = contract_of_a(cast)
    Invoice.objects.create(
        contract=contract, number="INV-1", period=datetime.date(2026, 9, 1), submitted_by=cast.vendor_x_admin
    )
    StatusReport.objects.create(
        program=cast.program_a, contract=contract, period=datetime.date(2026, 9, 1), created_by=cast.manager
    )
    client.force_login(cast.manager)
    staff = _rows(client.get(reverse("delivery:invoice_list"), {"export": fmt}), fmt)
    assert _column(staff, "Period") == ["2026-09"]
    reports = _rows(client.get(reverse("delivery:status_report_list"), {"export": fmt}), fmt)
    assert _column(reports, "Period") == ["2026-09"]
    assert "2026-09-01" not in client.get(reverse("delivery:status_report_list")).content.decode()
    client.force_login(cast.vendor_x_admin)
    portal = _rows(client.get(reverse("portal:invoices"), {"export": fmt}), fmt)
    assert _column(portal, "Period") == ["2026-09"]
