"""The PDF cover's "Data as of" reads in the report's zone, named, as the report page and the XLSX
cover do (bpo.reports.zones.report_time): a program report in its program's zone. It printed the
server's zone (UTC: "2026-11-28 10:55 UTC") beside a report page reading "18:55 (Asia/Manila)"."""

from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from bpo.reports import services
from strategy.models import Program

pytestmark = pytest.mark.django_db

AT = datetime(2026, 11, 28, 10, 55, tzinfo=UTC)


def _cover_text(report) -> str:
    report.data_as_of = AT
    pdf = PdfReader(BytesIO(services.render(report)))
    return " ".join(pdf.pages[0].extract_text().split())


def test_a_program_reports_pdf_names_the_programs_zone(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Manila")
    cast.program_a.refresh_from_db()
    report = services.report_request(by=cast.manager, kind="program_status", program=cast.program_a, language="en")
    assert report.fmt == "pdf"
    cover = _cover_text(report)
    assert "Data as of 2026-11-28 18:55 (Asia/Manila)" in cover, cover
    assert "10:55" not in cover
