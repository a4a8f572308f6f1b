"""Browser journey of issue 8 (reports): finance asks for the finance report from the menu,
the page follows its progress (htmx polling, no inline script) until the worker is done,
and finance downloads the PDF, whose text holds the month's invoice."""

from io import BytesIO
from unittest import mock

import pytest
from playwright.sync_api import expect

from bpo.reports import services
from bpo.reports.models import ReportRequest
from tests.factories import PASSWORD
from tests.reports.conftest import build_money

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_finance_requests_waits_for_and_downloads_the_finance_report(page, live_server, live_cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    build_money(live_cast)
    sign_in(page, "/accounts/login/", "finance", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_text("Reports", exact=True).click()
    page.get_by_role("link", name="Request a report").first.click()
    page.get_by_label("Report", exact=True).select_option("finance")
    page.get_by_label("From month").fill("2026-10")
    # The worker is this test: the request is queued, and generated below while the page polls.
    with mock.patch("bpo.reports.services._queue") as queue:
        with page.expect_navigation():
            page.get_by_test_id("report-submit").click()
        expect(page.get_by_test_id("report-status")).to_have_attribute("data-status", "queued")
    report = ReportRequest.objects.get()
    queue.assert_called_once_with(report.pk)
    services.generate(report.pk)

    download_link = page.get_by_test_id("report-download")
    expect(download_link).to_be_visible(timeout=15_000)  # the fragment polls every 2 seconds
    with page.expect_download() as info:
        download_link.click()
    path = tmp_path / "report.pdf"
    info.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")

    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    assert "Finance report" in text and "INV-A-77" in text and "12,345.00" in text

    page.goto(f"{live_server.url}/reports/")
    expect(page.get_by_role("cell", name="2026-10")).to_be_visible()
    expect(page.get_by_role("link", name="Download")).to_be_visible()


def test_the_report_page_follows_the_report_until_it_is_ready(page, live_server, live_cast, settings, tmp_path):
    """User test: the "being prepared" notice stayed on the page after the report was ready. It
    belongs to the polled fragment: once the report is done the notice is gone, the download link
    is there, and the page stops polling."""
    settings.MEDIA_ROOT = tmp_path / "media"
    build_money(live_cast)
    sign_in(page, "/accounts/login/", "finance", PASSWORD)
    page.goto("/reports/new/?kind=finance")
    page.get_by_label("From month").fill("2026-10")
    with mock.patch("bpo.reports.services._queue"):
        with page.expect_navigation():
            page.get_by_test_id("report-submit").click()
    status = page.get_by_test_id("report-status")
    expect(status).to_have_attribute("data-status", "queued")
    expect(page.get_by_text("Your report is being prepared.")).to_be_visible()
    report = ReportRequest.objects.get()
    polls = []
    page.on("request", lambda r: polls.append(r.url) if r.url.endswith(f"/reports/{report.pk}/status/") else None)
    services.generate(report.pk)

    expect(page.get_by_test_id("report-download")).to_be_visible(timeout=15_000)
    expect(status).to_have_attribute("data-status", "done")
    expect(page.get_by_text("Your report is being prepared.")).to_have_count(0)
    expect(page.get_by_text("Ready.")).to_be_visible()
    seen = len(polls)
    page.wait_for_timeout(4_500)  # two more polling intervals: nothing is asked any more
    assert len(polls) == seen, polls


def test_the_format_choices_follow_the_report_kind(page, live_server, live_cast, settings, tmp_path):
    """User test: choosing SLA results kept PDF selected. The format select follows the kind (htmx
    swaps it), so the SLA results table is asked for as XLSX without an error."""
    settings.MEDIA_ROOT = tmp_path / "media"
    sign_in(page, "/accounts/login/", "manager", PASSWORD)
    page.goto("/reports/new/")
    fmt = page.get_by_label("Format")
    expect(fmt.locator("option")).to_have_text(["PDF"])
    page.get_by_label("Report", exact=True).select_option("sla_results")
    expect(page.get_by_label("Format").locator("option")).to_have_text(["XLSX", "CSV"])
    expect(page.get_by_label("Format")).to_have_value("xlsx")
    page.get_by_label("Report", exact=True).select_option("finance")
    expect(page.get_by_label("Format").locator("option")).to_have_text(["PDF", "XLSX"])
    page.get_by_label("Format").select_option("xlsx")
    page.get_by_label("Report", exact=True).select_option("contract_register")
    expect(page.get_by_label("Format")).to_have_value("xlsx")  # still offered: kept
    page.get_by_label("Report", exact=True).select_option("sla_results")
    with mock.patch("bpo.reports.services._queue"):
        with page.expect_navigation():
            page.get_by_test_id("report-submit").click()
    expect(page.get_by_test_id("report-status")).to_have_attribute("data-status", "queued")
    assert ReportRequest.objects.get().fmt == "xlsx"
    # The schedule form on My reports follows its kind the same way.
    page.goto("/reports/")
    schedule = page.locator("form", has=page.get_by_role("button", name="Schedule"))
    schedule.get_by_label("Report", exact=True).select_option("sla_results")
    expect(schedule.get_by_label("Format").locator("option")).to_have_text(["XLSX", "CSV"])
