"""Report wording as on the pages (user test 2026-11-27): a provisional period's results say so in
the vendor performance PDF, measured values print in the pages' number format, the Chinese
SLA-results workbook names its sheet in Chinese, and the catalogue calls a service level 服务水平."""

from datetime import date
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from bpo.core.formats import format_number
from bpo.reports import services
from performance.models import Period, Result
from tests.contracts.factories import contract_of_a

from .conftest import pdf_text


def _result(contract, start, *, status, value):
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    period = Period.objects.create(contract=contract, kind="monthly", start=start, end=end, status=status)
    sl = contract.service_levels.order_by("pk").first()
    sl.expected, sl.minimum = D("99.5"), D("99")
    sl.save(update_fields=["expected", "minimum"])
    Result.objects.create(
        period=period,
        service_level=sl,
        value=D(value),
        sample_count=5,
        state="met",
        expected=sl.expected,
        minimum=sl.minimum,
        direction=sl.direction,
        computed_at=timezone.now(),
    )


def _vendor_report(cast, language):
    contract = contract_of_a(cast)
    _result(contract, date(2026, 10, 1), status="finalized", value="99.6250")
    _result(contract, date(2026, 11, 1), status="provisional", value="99.7000")
    report = services.report_request(
        by=cast.manager, kind="vendor_performance", vendor=cast.vendor_x, language=language
    )
    report.refresh_from_db()
    assert report.status == "done", report.error
    return " ".join(pdf_text(report).split())


@pytest.mark.django_db(transaction=True)
def test_vendor_report_marks_provisional_results_and_prints_values_as_the_pages(cast):
    text = _vendor_report(cast, "en")
    october, november = format_number(D("99.6250")), format_number(D("99.7000"))
    # October is final: plain "Met"; November is provisional and says so (the dashboard: "Met, provisional").
    assert f"{october} Met" in text
    assert f"{november} Met (provisional)" in text
    assert text.count("(provisional)") == 1 and "Provisional: the period is not finalized yet" in text
    # Levels and values in the pages' number format (bpo/core/formats.py), not rounded to 2 decimals.
    assert f"expected {format_number(D('99.5'))} · minimum {format_number(D('99'))}" in text
    assert "99.63" not in text


@pytest.mark.django_db(transaction=True)
def test_chinese_vendor_report_marks_provisional_results(cast):
    text = _vendor_report(cast, "zh-hans")
    assert f"{format_number(D('99.7000'))} 达标（临时）" in text
    assert "每个服务水平最近 12 个周期" in text and "服务级别" not in text


@pytest.mark.django_db(transaction=True)
def test_chinese_sla_results_workbook_names_its_sheet_in_chinese(cast, money):
    from openpyxl import load_workbook

    report = services.report_request(by=cast.manager, kind="sla_results", fmt="xlsx", language="zh-hans")
    report.refresh_from_db()
    assert report.status == "done", report.error
    with report.file.open("rb") as f:
        wb = load_workbook(BytesIO(f.read()))
    assert wb.sheetnames == ["SLA 结果"]
    english = services.report_request(by=cast.manager, kind="sla_results", fmt="xlsx", language="en")
    english.refresh_from_db()
    with english.file.open("rb") as f:
        assert load_workbook(BytesIO(f.read())).sheetnames == ["SLA results"]


def test_the_catalogue_calls_a_service_level_fuwu_shuiping():
    po = (Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    msgstrs = "".join(line for line in po.splitlines() if not line.startswith(("#", "msgid")))
    assert "服务级别" not in msgstrs
    assert msgstrs.count("服务水平") > 10


@pytest.mark.django_db
def test_a_list_downloaded_as_xlsx_names_its_sheet_in_the_readers_language(cast, money, client):
    from django.urls import reverse
    from openpyxl import load_workbook

    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.force_login(cast.manager)
    response = client.get(reverse("delivery:invoice_list") + "?export=xlsx", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert load_workbook(BytesIO(response.content)).sheetnames == ["发票"]
