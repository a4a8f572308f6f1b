"""Large list exports run as a report task with the same rows (and permissions) as the page."""

import csv
import io

import pytest
from django.urls import reverse

from bpo.reports.models import ReportRequest
from delivery.models import Invoice

from .conftest import OCTOBER


@pytest.mark.django_db(transaction=True)
def test_a_large_export_runs_as_a_task_with_the_requesters_rows(cast, money, client, settings):
    settings.EXPORT_ASYNC_ROWS = 1
    Invoice.objects.create(
        contract=money.contract_a, number="INV-A-78", period=OCTOBER, submitted_by=cast.vendor_x_admin
    )
    client.force_login(cast.manager)
    response = client.get(reverse("delivery:invoice_list") + "?export=csv&q=INV")
    report = ReportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])
    assert (report.kind, report.fmt, report.export_query) == ("list_export", "csv", "q=INV")
    assert report.status == "done", report.error
    page = client.get(response["Location"]).content.decode()  # done: its page offers the file, says nothing else
    assert "prepared in the background" not in page and 'data-testid="report-download"' in page
    download = client.get(reverse("reports:download", args=[report.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    numbers = {row[0] for row in rows[1:]}
    assert numbers == {"INV-A-77", "INV-A-78"}  # program A's staff: program A's invoices
    # Finance sees both programs' invoices; as XLSX.
    client.force_login(cast.finance)
    client.get(reverse("delivery:invoice_list") + "?export=xlsx")
    report = ReportRequest.objects.filter(requested_by=cast.finance).get()
    assert report.status == "done" and report.file.name.endswith(".xlsx")


@pytest.mark.django_db
def test_a_small_export_downloads_at_once(cast, money, client):
    client.force_login(cast.manager)
    response = client.get(reverse("delivery:invoice_list") + "?export=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert not ReportRequest.objects.exists()
