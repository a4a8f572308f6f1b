"""A list export writes a yes/no column as the page does, Yes / No in the requester's language
(是 / 否), not Python's True / False (user test: /risk/risks/?export=csv, "Shared with the vendor").
The direct download (CSV and XLSX) and the background export (a report task, in the report's
language) write the same words."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bpo.reports.models import ReportRequest
from tests.risk.test_register import make_risk

URL = reverse("risk:risk_list")
LABELS = {"en": ("Shared with the vendor", "Yes", "No"), "zh-hans": (None, "是", "否")}


def _risks(cast):
    make_risk(cast, title="Shared risk", vendor=cast.vendor_x, shared_with_vendor=True)
    make_risk(cast, title="Internal risk", shared_with_vendor=False)


def _login(client, user, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies["django_language"] = language


def _shared_by_title(rows, column):
    header, *body = rows
    title = next(i for i, h in enumerate(header) if h in ("Title", "标题"))
    shared = header.index(column) if column else None
    return header, {row[title]: row[shared] if shared is not None else row for row in body}


def _csv_rows(content: bytes):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_csv_and_xlsx_downloads_write_yes_and_no_in_the_readers_language(cast, client, language):
    _risks(cast)
    _login(client, cast.manager, language)
    _column, yes, no = LABELS[language]
    response = client.get(URL + "?export=csv")
    assert response.status_code == 200
    rows = _csv_rows(b"".join(response.streaming_content))
    body = {tuple(row) for row in rows[1:]}
    shared = next(row for row in body if "Shared risk" in row)
    internal = next(row for row in body if "Internal risk" in row)
    assert yes in shared and no not in shared and "True" not in shared
    assert no in internal and yes not in internal and "False" not in internal
    if language == "en":
        column = rows[0].index("Shared with the vendor")
        assert (shared[column], internal[column]) == ("Yes", "No")

    response = client.get(URL + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    shared_x = next(row for row in cells[1:] if "Shared risk" in row)
    internal_x = next(row for row in cells[1:] if "Internal risk" in row)
    assert yes in shared_x and True not in [c for c in shared_x if isinstance(c, bool)]
    assert no in internal_x and False not in [c for c in internal_x if isinstance(c, bool)]


@pytest.mark.django_db(transaction=True)
def test_the_background_export_writes_them_in_the_reports_language(cast, client, settings):
    settings.EXPORT_ASYNC_ROWS = 1
    _risks(cast)
    _login(client, cast.manager, "zh-hans")
    response = client.get(URL + "?export=csv")
    report = ReportRequest.objects.get()
    assert response.status_code == 302 and report.status == "done", report.error
    download = client.get(reverse("reports:download", args=[report.pk]))
    rows = _csv_rows(b"".join(download.streaming_content))
    shared = next(row for row in rows[1:] if "Shared risk" in row)
    internal = next(row for row in rows[1:] if "Internal risk" in row)
    assert "是" in shared and "True" not in shared
    assert "否" in internal and "False" not in internal
