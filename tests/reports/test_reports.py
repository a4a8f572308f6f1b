"""Reports: the PDFs' text (English and Chinese) against the data, the requester's scope,
the workbook, download permission, idempotent generation and the pages."""

import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from bpo.core.models import Notification
from bpo.reports import services
from bpo.reports.models import ReportRequest
from risk.models import Risk

from .conftest import OCTOBER, pdf_fonts, pdf_text


def _finance(user, **kw):
    report = services.report_request(by=user, kind="finance", period_start=OCTOBER, period_end=OCTOBER, **kw)
    report.refresh_from_db()
    assert report.status == "done", report.error
    return report


@pytest.mark.django_db(transaction=True)
def test_finance_pdf_holds_the_figures(cast, money):
    text = pdf_text(_finance(cast.finance, language="en"))
    assert "Finance report" in text and "2026-10" in text and "Data as of" in text
    # Budget against actual: planned, actual (the approved invoice), consumption and forecast.
    assert "12,345.00" in text and "11,111.00" in text and "90.0%" in text
    # Finance reads every program: program B's invoice is there for them.
    assert "INV-A-77" in text and "INV-B-99" in text and "98,765.00" in text
    # Credits by status: pending (432.10 + 999.90) and earned back 77.70.
    assert "1,432.00" in text and "77.70" in text
    # The 80% crossing of program A's line; page numbers "n / N" in the footer.
    assert "Threshold crossings" in text and "80%" in text
    pages = re.findall(r"Finance report (\d+) / (\d+)", text)  # the footer of every page but the cover
    assert pages and pages[-1][0] == pages[-1][1] and "Contents" in text


@pytest.mark.django_db(transaction=True)
def test_program_a_staff_get_nothing_of_program_b(cast, money):
    Risk.objects.create(program=cast.program_b, title="Secret B exposure", category="operational", event="x")
    Risk.objects.create(
        program=cast.program_a,
        title="Attrition A",
        category="operational",
        event="x",
        residual_likelihood=4,
        residual_impact=4,
        inherent_likelihood=5,
        inherent_impact=4,
    )
    finance = pdf_text(_finance(cast.manager, language="en"))
    assert "INV-A-77" in finance and "12,345.00" in finance and "432.10" in finance
    for leak in ("INV-B-99", "98,765.00", "55,555.00", "999.90", "CB-9", "PB"):
        assert leak not in finance, leak
    register = services.report_request(by=cast.manager, kind="risk_register")
    register.refresh_from_db()
    text = pdf_text(register)
    assert "Attrition A" in text and "Secret B exposure" not in text
    # Asking for program B's status is refused outright.
    with pytest.raises(ValidationError):
        services.report_request(by=cast.manager, kind="program_status", program=cast.program_b)


@pytest.mark.django_db(transaction=True)
def test_chinese_pdf_renders_with_cjk_glyphs(cast, money):
    report = _finance(cast.finance, language="zh-hans", program=cast.program_a)
    text = pdf_text(report)
    assert "客户服务" in text  # the program's name, in the cover's subtitle
    assert "财务报告" in text and "预算与实际" in text  # translated headings
    assert "12,345.00" in text and "INV-A-77" in text and "INV-B-99" not in text
    assert any("CJK" in name for name in pdf_fonts(report)), pdf_fonts(report)


@pytest.mark.django_db(transaction=True)
def test_finance_workbook(cast, money):
    from openpyxl import load_workbook

    report = services.report_request(
        by=cast.manager, kind="finance", fmt="xlsx", period_start=OCTOBER, period_end=OCTOBER, language="en"
    )
    report.refresh_from_db()
    assert report.status == "done" and report.file.name.endswith(".xlsx")
    with report.file.open("rb") as f:
        wb = load_workbook(BytesIO(f.read()))
    lines = list(wb["Budget lines"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], float(r[4]), float(r[5])) for r in lines] == [("PA", "USD", 12345.0, 11111.0)]
    invoices = [r[0] for r in wb["Invoices"].iter_rows(min_row=2, values_only=True)]
    assert invoices == ["INV-A-77"]


@pytest.mark.django_db(transaction=True)
def test_every_kind_renders(cast, money):
    Risk.objects.create(
        program=cast.program_a,
        title="Attrition A",
        category="operational",
        event="x",
        residual_likelihood=4,
        residual_impact=4,
        inherent_likelihood=5,
        inherent_impact=4,
    )
    cases = [
        ({"kind": "program_status", "program": cast.program_a}, ["Program status", "Attrition A", "CA-1", "12,345.00"]),
        ({"kind": "vendor_performance", "vendor": cast.vendor_x}, ["Vendor performance", "Vendor X", "CA-1", "432.10"]),
        ({"kind": "risk_register"}, ["Risk register", "Attrition A", "Heat map"]),
        (
            {"kind": "contract_summary", "contract": money.contract_a},
            ["Contract summary", "CA-1", "11,111.00", "ASA20"],
        ),
    ]
    for params, expected in cases:
        report = services.report_request(by=cast.manager, language="en", **params)
        report.refresh_from_db()
        assert report.status == "done", (params, report.error)
        text = pdf_text(report)
        for snippet in expected:
            assert snippet in text, (params["kind"], snippet)
        assert "PB" not in text and "CB-9" not in text


@pytest.mark.django_db(transaction=True)
def test_generation_is_idempotent(cast, money):
    report = _finance(cast.finance)
    first = report.file.name
    services.generate(report.pk)  # done: nothing happens
    ReportRequest.objects.filter(pk=report.pk).update(status="queued")
    services.generate(report.pk)  # run again (a redelivered task): same file name, one file
    report.refresh_from_db()
    assert report.status == "done" and report.file.name == first
    folder = first.rsplit("/", 1)[0]
    assert len(default_storage.listdir(folder)[1]) == 1
    assert Notification.objects.filter(recipient=cast.finance, event_key=f"report:{report.pk}").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_scope_no_longer_visible_fails_the_report(cast, money):
    report = services.report_request(by=cast.viewer, kind="program_status", program=cast.program_a)
    report.refresh_from_db()
    assert report.status == "done"
    cast.viewer.memberships.all().delete()
    ReportRequest.objects.filter(pk=report.pk).update(status="queued")
    services.generate(report.pk)
    report.refresh_from_db()
    assert report.status == "failed" and report.error


@pytest.mark.django_db(transaction=True)
def test_download_only_by_the_requester_or_an_administrator(cast, money, client):
    report = _finance(cast.finance)
    url = reverse("reports:download", args=[report.pk])
    for user, status in ((cast.finance, 200), (cast.admin, 200), (cast.manager, 404), (cast.executive, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(cast.vendor_x_admin)
    assert client.get(url).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_pages_request_poll_and_list(cast, money, client, settings):
    client.force_login(cast.finance)
    settings.CELERY_TASK_ALWAYS_EAGER = False  # keep it queued to see the polling fragment
    from unittest import mock

    with mock.patch("bpo.reports.services._queue") as queued:
        response = client.post(
            reverse("reports:new"), {"kind": "finance", "fmt": "pdf", "period_start": "2026-10", "period_end": ""}
        )
    report = ReportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])
    queued.assert_called_once_with(report.pk)
    status = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in status and "<script" not in status
    services.generate(report.pk)
    status = client.get(reverse("reports:status", args=[report.pk])).content.decode()
    assert "every 2s" not in status and reverse("reports:download", args=[report.pk]) in status
    listing = client.get(reverse("reports:list")).content.decode()
    assert "Finance" in listing and "2026-10" in listing and "finance" in listing
    # Prefilled from another page's link.
    form = client.get(reverse("reports:new") + f"?kind=program_status&program={cast.program_a.pk}").content.decode()
    assert f'value="{cast.program_a.pk}" selected' in form


@pytest.mark.django_db(transaction=True)
def test_the_report_page_says_being_prepared_only_while_it_is(cast, money, client):
    """User test: "Your report is being prepared." stayed on the report's page once it was ready. The
    notice is part of the polled status fragment, not a message left on the page."""
    from unittest import mock

    client.force_login(cast.finance)
    with mock.patch("bpo.reports.services._queue"):
        page = client.post(reverse("reports:new"), {"kind": "finance", "fmt": "pdf"}, follow=True).content.decode()
    report = ReportRequest.objects.get()
    status = page[page.index('id="report-status"') :]
    assert 'hx-trigger="every 2s"' in status and "Your report is being prepared." in status
    assert page.count("Your report is being prepared.") == 1  # in the fragment that polls, nowhere else
    services.generate(report.pk)
    for url in (reverse("reports:status", args=[report.pk]), reverse("reports:detail", args=[report.pk])):
        html = client.get(url).content.decode()
        assert "being prepared" not in html and "every 2s" not in html, url
        assert reverse("reports:download", args=[report.pk]) in html
    # Generated at once (no separate worker): the page the form leads to already offers the file.
    page = client.post(reverse("reports:new"), {"kind": "finance", "fmt": "pdf"}, follow=True).content.decode()
    assert "being prepared" not in page and "every 2s" not in page and 'data-testid="report-download"' in page


def _format_options(html, field_id="id_fmt"):
    """The options of the format select: [(value, selected)]."""
    select = re.search(rf'<select name="fmt"[^>]*id="{field_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select, html
    return [(value, bool(sel)) for value, sel in re.findall(r'<option value="(\w+)"( selected)?', select.group(1))]


@pytest.mark.django_db
def test_the_form_offers_and_preselects_only_the_kinds_formats(cast, client):
    """User test: the SLA results form kept PDF selected, a format it is not prepared in. Every kind
    offers its own formats, its default selected, on the request page and in the htmx answer when
    the kind changes; the schedule form on *My reports* the same."""
    from bpo.reports.choices import REQUESTABLE

    offered = {
        "program_status": ["pdf"],
        "vendor_performance": ["pdf"],
        "finance": ["pdf", "xlsx"],
        "risk_register": ["pdf"],
        "contract_summary": ["pdf"],
        "contract_register": ["pdf", "xlsx"],
        "sla_results": ["xlsx", "csv"],
    }
    assert sorted(offered) == sorted(kind for kind, _label in REQUESTABLE)
    client.force_login(cast.finance)
    for kind, formats in offered.items():
        expected = [(value, i == 0) for i, value in enumerate(formats)]
        page = client.get(reverse("reports:new") + f"?kind={kind}").content.decode()
        assert _format_options(page) == expected, kind
        fragment = client.get(reverse("reports:new"), {"kind": kind, "fmt": "pdf"}, HTTP_HX_REQUEST="true")
        html = fragment.content.decode()
        assert html.startswith('<div class="field" id="field-fmt">') and "<form" not in html, kind
        expected_kept = [
            (value, value == "pdf" or ("pdf" not in formats and i == 0)) for i, value in enumerate(formats)
        ]
        assert _format_options(html) == expected_kept, kind  # PDF stays chosen where the kind has it
    # A format the kind has, given by the link, stays chosen.
    page = client.get(reverse("reports:new") + "?kind=sla_results&fmt=csv").content.decode()
    assert _format_options(page) == [("xlsx", False), ("csv", True)]
    # The kind select asks for the format field again when it changes.
    page = client.get(reverse("reports:new")).content.decode()
    kind_select = re.search(r'<select name="kind"[^>]*>', page).group(0)
    assert 'hx-get="/reports/new/"' in kind_select and 'hx-target="#field-fmt"' in kind_select
    assert _format_options(page) == [("pdf", True)]  # the first kind, program status: PDF only
    # The schedule form on My reports.
    listing = client.get(reverse("reports:list")).content.decode()
    assert _format_options(listing) == [("pdf", True)]
    assert "&quot;form&quot;: &quot;schedule&quot;" in re.search(r'<select name="kind"[^>]*>', listing).group(0)
    fragment = client.get(reverse("reports:new"), {"kind": "sla_results", "form": "schedule"}, HTTP_HX_REQUEST="true")
    assert _format_options(fragment.content.decode()) == [("xlsx", True), ("csv", False)]


@pytest.mark.django_db(transaction=True)
def test_without_javascript_a_format_the_kind_lacks_is_refused_next_to_the_format(cast, client):
    client.force_login(cast.manager)
    response = client.post(reverse("reports:new"), {"kind": "sla_results", "fmt": "pdf"})
    html = response.content.decode()
    assert response.status_code == 200 and not ReportRequest.objects.exists()
    fmt_field = html[html.index('id="field-fmt"') :]
    fmt_field = fmt_field[: fmt_field.index("</div>")]
    assert "Not available for this report, which is prepared as XLSX / CSV." in fmt_field
    assert _format_options(html) == [("xlsx", False), ("csv", False)]  # the browser shows the first
    response = client.post(reverse("reports:new"), {"kind": "sla_results", "fmt": "xlsx"})
    assert response.status_code == 302 and ReportRequest.objects.get().fmt == "xlsx"
    # Scheduling: the same rule, as a message on My reports.
    response = client.post(
        reverse("reports:schedule_create"), {"kind": "sla_results", "frequency": "monthly", "fmt": "pdf"}, follow=True
    )
    assert "Not available for this report, which is prepared as XLSX / CSV." in response.content.decode()
    # Without a format (the API), a report is prepared in its kind's default format.
    assert services.report_request(by=cast.manager, kind="sla_results").fmt == "xlsx"


@pytest.mark.django_db(transaction=True)
def test_the_form_refuses_what_the_user_cannot_see(cast, client):
    client.force_login(cast.manager)
    response = client.post(
        reverse("reports:new"), {"kind": "program_status", "program": cast.program_b.pk, "fmt": "pdf"}
    )
    assert response.status_code == 200 and not ReportRequest.objects.exists()
    response = client.post(reverse("reports:new"), {"kind": "risk_register", "fmt": "xlsx"})
    assert response.status_code == 200 and not ReportRequest.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sla_results_table_holds_the_requesters_results(cast, money):
    import csv
    from datetime import UTC, datetime
    from decimal import Decimal

    from performance.models import Period, Result

    for contract, value in ((money.contract_a, "91.2500"), (money.contract_b, "55.5500")):
        period = Period.objects.get(contract=contract, start=OCTOBER)
        sl = contract.service_levels.order_by("pk").first()
        Result.objects.create(
            period=period,
            service_level=sl,
            value=Decimal(value),
            sample_count=12,
            state="minor",
            expected=Decimal("95"),
            minimum=Decimal("90"),
            direction="higher",
            computed_at=datetime.now(UTC),
        )
    report = services.report_request(by=cast.manager, kind="sla_results", fmt="csv", language="en")
    report.refresh_from_db()
    assert report.status == "done", report.error
    with report.file.open("rb") as f:
        table = list(csv.reader(f.read().decode("utf-8-sig").splitlines()))
    assert table[0][:4] == ["Program", "Contract", "Vendor", "Service level"]
    assert [(r[1], r[3], r[5], r[7], r[11]) for r in table[1:]] == [("CA-1", "ASA20", "2026-10", "91.2500", "Minor")]
    with pytest.raises(ValidationError):
        services.report_request(by=cast.manager, kind="sla_results", fmt="pdf")
