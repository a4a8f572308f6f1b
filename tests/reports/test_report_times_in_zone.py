"""Report pages, the notifications page and the XLSX cover name the zone of the times they show
(user test 2026-11-28: "Requested 2026-11-28 10:55", UTC unnamed, beside invoice pages reading
"2026-11-28 18:49 (Asia/Manila)"; the XLSX "Data as of" was a naive datetime). A report of one
program (or of one of its contracts) in its program's zone; any other in the zone the app runs in
(UTC here), named."""

from datetime import UTC, datetime

from django.urls import reverse
from openpyxl import Workbook

from bpo.core.services import notify
from bpo.reports.models import ReportRequest
from bpo.reports.xlsx import _cover
from strategy.models import Program
from tests.contracts.factories import contract_of_a

AT = datetime(2026, 11, 28, 10, 55, tzinfo=UTC)
MANILA = "2026-11-28 18:55 (Asia/Manila)"


def _report(cast, **scope):
    report = ReportRequest.objects.create(
        kind="finance", fmt="xlsx", requested_by=cast.finance, status="done", data_as_of=AT, finished_at=AT, **scope
    )
    ReportRequest.objects.filter(pk=report.pk).update(created_at=AT)
    report.refresh_from_db()
    return report


def test_a_program_report_reads_in_the_programs_zone(cast, client):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Manila")
    report = _report(cast, program=cast.program_a)
    client.force_login(cast.finance)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert page.count(MANILA) == 3 and "10:55" not in page  # requested, data as of, finished
    status = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    assert MANILA in status
    listed = client.get(reverse("reports:list")).content.decode()
    assert MANILA in listed


def test_a_contract_report_reads_in_its_programs_zone_and_others_name_utc(cast, client):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Manila")
    contract_report = _report(cast, contract=contract_of_a(cast))
    everything = _report(cast)
    client.force_login(cast.finance)
    assert MANILA in client.get(reverse("reports:detail", args=[contract_report.pk])).content.decode()
    page = client.get(reverse("reports:detail", args=[everything.pk])).content.decode()
    assert "2026-11-28 10:55 (UTC)" in page
    listed = client.get(reverse("reports:list")).content.decode()
    assert MANILA in listed and "2026-11-28 10:55 (UTC)" in listed


def test_the_xlsx_cover_writes_data_as_of_as_text_with_its_zone(cast):
    Program.objects.filter(pk=cast.program_a.pk).update(time_zone="Asia/Manila")
    cover = _cover(Workbook(), _report(cast, program=cast.program_a), title="Finance report", scope="")
    rows = {row[0]: row[1] for row in cover.iter_rows(values_only=True) if len(row) > 1}
    assert rows["Data as of"] == MANILA
    cover = _cover(Workbook(), _report(cast), title="Finance report", scope="")
    rows = {row[0]: row[1] for row in cover.iter_rows(values_only=True) if len(row) > 1}
    assert rows["Data as of"] == "2026-11-28 10:55 (UTC)"


def test_notifications_name_the_zone(cast, client):
    [note] = notify(recipients=[cast.finance], event_key="zone-test", title="Report ready", url="/")
    type(note).objects.filter(pk=note.pk).update(created_at=AT)
    client.force_login(cast.finance)
    page = client.get(reverse("core:notifications")).content.decode()
    assert "2026-11-28 10:55 (UTC)" in page
