"""The PDF finance report of the largest program, generated as the worker does, on PostgreSQL.

Needs the large synthetic data set (``manage.py generate_data --scale large``) in the database
of DATABASE_URL, e.g. ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/bpo_bench_large make
bench BENCH=bench_pdf``. It picks the program with the most invoices (the lowest code on a
tie), asks for its finance report over the months its invoices cover, in the name of the
program's manager (the administrator if it has none), and runs the Celery task's function
in-process (``generate_report``: claim, collect, render with WeasyPrint, store the file,
notify) ``BENCH_PDF_RUNS`` times (default 3). Each run is a new report request; the runs'
requests, files and "report ready" notifications are deleted at the end, nothing else is
written. Pages are counted with pypdf. One more pass times the parts on their own: the
builder's queries (``collect``), the template, and WeasyPrint's layout and PDF writing.

Goal: a large program's finance report (30+ pages) in under 10 s. Results:
bench/results/bench_pdf_<scale>.json (large or small: which synthetic set the database holds;
and bench_pdf.json through bench/run.py).
"""

import io
import json
import os
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

RUNS = int(os.environ.get("BENCH_PDF_RUNS", "3"))


def _program_and_user():
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from bpo.accounts.models import ProgramMembership
    from delivery.models import Invoice
    from strategy.models import Program

    top = (
        Invoice.objects.order_by()
        .values("contract__program_id", "contract__program__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "contract__program__code")
        .first()
    )
    if top is None:
        raise SystemExit("bench_pdf needs invoices: generate_data --scale large into DATABASE_URL")
    program = Program.objects.get(pk=top["contract__program_id"])
    membership = (
        ProgramMembership.objects.filter(program=program, role="manager", user__is_active=True)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    user = (
        membership.user
        if membership
        else get_user_model().objects.filter(role="admin", is_active=True).order_by("pk").first()
    )
    return program, user, top["n"]


def _months(program):
    from django.db.models import Max, Min

    from delivery.models import Invoice

    span = Invoice.objects.filter(contract__program=program).aggregate(first=Min("period"), last=Max("period"))
    return span["first"], span["last"]


def _request(program, user, first, last):
    from bpo.reports.choices import ReportFormat, ReportKind
    from bpo.reports.models import ReportRequest

    return ReportRequest.objects.create(
        kind=ReportKind.FINANCE,
        fmt=ReportFormat.PDF,
        program=program,
        period_start=first,
        period_end=last,
        language="en",
        requested_by=user,
    )


def _pages(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def _cleanup(report_ids):
    from django.core.files.storage import default_storage

    from bpo.core.models import Notification
    from bpo.reports.models import ReportRequest

    for report in ReportRequest.objects.filter(pk__in=report_ids):
        if report.file and default_storage.exists(report.file.name):
            default_storage.delete(report.file.name)
            try:  # the report's own folder (reports/<id>/) on a local disk, now empty
                os.rmdir(os.path.dirname(default_storage.path(report.file.name)))
            except (NotImplementedError, OSError):
                pass
    Notification.objects.filter(event_key__in=[f"report:{pk}" for pk in report_ids]).delete()
    ReportRequest.objects.filter(pk__in=report_ids).delete()


def _split(report, user) -> dict:
    """The parts on their own: the builder (queries and Python), the template, WeasyPrint."""
    from django.conf import settings
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from weasyprint import CSS, HTML

    from bpo.reports.builders import BUILDERS
    from bpo.reports.pdf import stylesheet_path

    marks = []

    def mark():
        marks.append((time.perf_counter(), time.process_time()))

    with translation.override(report.language):
        mark()
        with CaptureQueriesContext(connection) as queries:
            template, context = BUILDERS[report.kind](report, user)
        mark()
        html = render_to_string(template, context)
        mark()
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
            stylesheets=[CSS(filename=stylesheet_path())]
        )
        mark()
        content = document.write_pdf()
        mark()
    parts = ["collect", "template", "weasyprint_layout", "weasyprint_write"]
    timings = {}
    for name, a, b in zip(parts, marks, marks[1:], strict=False):
        timings[f"{name}_seconds"] = round(b[0] - a[0], 3)
        timings[f"{name}_cpu_seconds"] = round(b[1] - a[1], 3)
    return {
        "queries": len(queries),
        **timings,
        "html_kb": round(len(html.encode()) / 1024),
        "pages": _pages(content),
        "rows": {
            "invoices": len(context["invoices"]),
            "budget_lines": len(context["lines"]),
            "credits": len(context["credits"]),
        },
    }


def main() -> dict:
    from django.db import connection

    from bpo.reports.choices import ReportStatus
    from bpo.reports.tasks import generate_report

    if connection.vendor != "postgresql":
        raise SystemExit("bench_pdf needs PostgreSQL: set DATABASE_URL")
    program, user, invoice_count = _program_and_user()
    first, last = _months(program)
    ids, seconds, cpu, pages, sizes = [], [], [], [], []
    try:
        for _ in range(RUNS):
            report = _request(program, user, first, last)
            ids.append(report.pk)
            began, began_cpu = time.perf_counter(), time.process_time()
            generate_report(report.pk)  # the task's function, in this process
            seconds.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            report.refresh_from_db()
            if report.status != ReportStatus.DONE:
                raise SystemExit(f"report {report.pk} {report.status}: {report.error}")
            with report.file.open("rb") as fh:
                content = fh.read()
            pages.append(_pages(content))
            sizes.append(len(content))
        split = _split(report, user)
    finally:
        _cleanup(ids)
    median = statistics.median(seconds)
    result = {
        "program": program.code,
        "program_invoices": invoice_count,
        "months": f"{first:%Y-%m} – {last:%Y-%m}",
        "requested_by": user.username,
        "runs": RUNS,
        "seconds": [round(s, 2) for s in seconds],
        "median_seconds": round(median, 2),
        # This process's CPU time (WeasyPrint is all in-process): what the run takes on an idle core.
        "cpu_seconds": [round(s, 2) for s in cpu],
        "median_cpu_seconds": round(statistics.median(cpu), 2),
        "pages": pages[-1],
        "pages_per_second": round(pages[-1] / median, 1),
        "pages_per_cpu_second": round(pages[-1] / statistics.median(cpu), 1),
        "pdf_kb": round(sizes[-1] / 1024),
        "split": split,
        "goal": "30+ pages in under 10 s",
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"bench_pdf_{_scale()}.json").write_text(json.dumps(result, indent=2))
    return result


def _scale() -> str:
    """Which synthetic data set the database holds (generate_data: 200 programs large, 5 small)."""
    from strategy.models import Program

    programs = Program.objects.filter(code__startswith="SYN-P").count()
    return "large" if programs >= 200 else "small" if programs else "other"
