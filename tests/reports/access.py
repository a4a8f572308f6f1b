"""Who may open the report pages (merged into tests/test_access_matrix.py).

A report is its requester's (here program A's manager): administrators see it too; every
other user gets 404, as for a report that does not exist. Vendor users never reach these pages."""

from tests.access import expect, only

OWNERS = ["admin", "manager"]


def _report(c, **extra):
    from bpo.reports.models import ReportRequest

    return ReportRequest.objects.create(kind="program_status", program=c.program_a, requested_by=c.manager, **extra)


def _report_pk(c):
    return {"pk": _report(c).pk}


def _done_report_pk(c):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    report = _report(c, status="done", progress=100)
    report.file.name = default_storage.save(f"reports/test/{report.pk}.pdf", ContentFile(b"%PDF-1.7 test"))
    report.save(update_fields=["file"])
    return {"pk": report.pk}


def _schedule_pk(c):
    from bpo.reports.models import ReportSchedule

    return {"pk": ReportSchedule.objects.create(owner=c.finance, kind="finance").pk}


EXPECT = {
    "reports:list": (None, expect(302, 200, 403)),
    "reports:new": (None, expect(302, 200, 403)),
    "reports:detail": (_report_pk, only(OWNERS, others=404)),
    "reports:status": (_report_pk, only(OWNERS, others=404)),
    "reports:download": (_done_report_pk, only(OWNERS, others=404)),
    "reports:schedule_create": (None, expect(302, 405, 403)),
    "reports:schedule_delete": (_schedule_pk, expect(302, 405, 403)),
    # The API: staff only (vendor users 403), the requester's own (others 404).
    "report-list": (None, expect(401, 200, 403)),
    "report-detail": (_report_pk, only(OWNERS, others=404, anon=401)),
    "report-download": (_done_report_pk, only(OWNERS, others=404, anon=401)),
}
