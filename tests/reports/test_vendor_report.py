"""The vendor performance report covers the months asked for: each service level's results, the
credits and the scorecards of the periods starting in those months; without months, each service
level's last 12 periods. In English and Chinese, and only what the requester may see."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bpo.reports import services
from bpo.reports.builders import vendor as vendor_builder
from bpo.reports.models import ReportRequest
from performance.models import Credit, Period, Result, Scorecard
from performance.selectors import dashboard
from tests.contracts.factories import ContractFactory, ServiceLevelFactory, contract_of_a
from tests.insight.helpers import template

from .conftest import pdf_text


def _month(year, month):
    return date(year, month, 1)


def _next(month):
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _period(contract, start, *, value, credit=None, scorecard=None):
    """A finalized monthly period of the contract with its first service level's result (and a credit
    and a published scorecard when given)."""
    period = Period.objects.create(contract=contract, kind="monthly", start=start, end=_next(start), status="finalized")
    sl = contract.service_levels.order_by("pk").first()
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
    if credit:
        Credit.objects.create(
            period=period, service_level=sl, allocation_pct=D("10"), uncapped_amount=D(credit), amount=D(credit)
        )
    if scorecard:
        Scorecard.objects.create(
            contract=contract,
            period=period,
            template=template(),
            status="published",
            total=D(scorecard),
            band="good",
            band_excellent=D(85),
            band_good=D(70),
            band_needs_improvement=D(50),
        )
    return period


def _vendor_x_history(cast):
    """Contract CA-1 (program A, vendor X): August, September and October 2026, each with its own
    value, credit and scorecard total; and contract CB-X of vendor X in program B, in October."""
    contract = contract_of_a(cast)
    _period(contract, _month(2026, 8), value="81.1100", credit="555.55", scorecard="61.50")
    _period(contract, _month(2026, 9), value="82.2200", credit="321.00", scorecard="72.25")
    _period(contract, _month(2026, 10), value="83.3300", credit="432.10", scorecard="88.75")
    other = ContractFactory(program=cast.program_b, vendor=cast.vendor_x, number="CB-X", status="active")
    ServiceLevelFactory(contract=other, code="BSL7")
    _period(other, _month(2026, 10), value="44.4400", credit="999.90", scorecard="33.30")
    return contract


def _report(user, language="en", **kw):
    report = services.report_request(by=user, kind="vendor_performance", language=language, **kw)
    report.refresh_from_db()
    assert report.status == "done", report.error
    return report


@pytest.mark.django_db(transaction=True)
def test_vendor_report_holds_the_periods_of_the_chosen_months_only(cast):
    _vendor_x_history(cast)
    report = _report(cast.manager, vendor=cast.vendor_x, period_start=_month(2026, 9), period_end=_month(2026, 10))
    text = pdf_text(report)
    assert "Vendor performance" in text and "Vendor X" in text and "2026-09 – 2026-10" in text
    # September and October are in, with their credits (321.00 + 432.10 pending) and scorecards.
    for inside in ("82.22", "83.33", "753.10", "72.25", "88.75"):
        assert inside in text, inside
    # August is before the months asked for: its result, credit and scorecard are not.
    for outside in ("81.11", "2026-08", "555.55", "61.50"):
        assert outside not in text, outside


@pytest.mark.django_db(transaction=True)
def test_vendor_report_of_one_month_and_of_months_without_periods(cast):
    _vendor_x_history(cast)
    text = pdf_text(_report(cast.manager, vendor=cast.vendor_x, period_start=_month(2026, 8)))
    assert "81.11" in text and "555.55" in text and "61.50" in text
    assert "82.22" not in text and "83.33" not in text and "88.75" not in text
    empty = pdf_text(_report(cast.manager, vendor=cast.vendor_x, period_start=_month(2025, 1)))
    assert "2025-01" in empty and "no period in the months of this report" in empty
    assert "81.11" not in empty and "No scorecards" in empty


@pytest.mark.django_db(transaction=True)
def test_vendor_report_without_months_shows_the_last_12_periods(cast):
    contract = contract_of_a(cast)
    # 14 months, November 2025 to December 2026: 60.50, 61.51, ... 73.63.
    starts = [_month(2025, 11), _month(2025, 12), *[_month(2026, m) for m in range(1, 13)]]
    for i, start in enumerate(starts):
        _period(contract, start, value=f"{60 + i}.{50 + i}")
    text = pdf_text(_report(cast.manager, vendor=cast.vendor_x))
    assert "The last 12 periods of each service level" in text
    for value in ("62.52", "68.58", "73.63"):  # January, July, December 2026
        assert value in text, value
    for value in ("60.50", "61.51"):  # November and December 2025: older than the last 12
        assert value not in text, value
    assert "2025-11" not in text and "2025-12" not in text and "2026-12" in text


@pytest.mark.django_db(transaction=True)
def test_vendor_report_in_chinese_covers_the_chosen_months(cast):
    _vendor_x_history(cast)
    text = pdf_text(
        _report(
            cast.manager,
            language="zh-hans",
            vendor=cast.vendor_x,
            period_start=_month(2026, 9),
            period_end=_month(2026, 10),
        )
    )
    assert "供应商绩效" in text and "2026-09 – 2026-10" in text
    assert "82.22" in text and "83.33" in text and "81.11" not in text and "555.55" not in text
    default = pdf_text(_report(cast.manager, language="zh-hans", vendor=cast.vendor_x))
    assert "每个服务水平最近 12 个周期" in default
    assert "81.11" in default and "83.33" in default


@pytest.mark.django_db(transaction=True)
def test_program_a_manager_sees_nothing_of_program_b_in_the_vendor_report(cast):
    _vendor_x_history(cast)
    for period in ({"period_start": _month(2026, 10)}, {}):
        text = pdf_text(_report(cast.manager, vendor=cast.vendor_x, **period))
        assert "CA-1" in text and "83.33" in text and "88.75" in text
        for leak in ("CB-X", "BSL7", "44.44", "999.90", "33.30", "PB", "Program B"):
            assert leak not in text, (period, leak)
    # The outsider (program B) sees CB-X and nothing of program A's CA-1.
    text = pdf_text(_report(cast.outsider, vendor=cast.vendor_x, period_start=_month(2026, 10)))
    assert "CB-X" in text and "44.44" in text and "999.90" in text
    for leak in ("CA-1", "83.33", "432.10", "88.75"):
        assert leak not in text, leak


@pytest.mark.django_db
def test_vendor_report_queries_do_not_grow_with_the_periods(cast):
    contract = contract_of_a(cast)
    ServiceLevelFactory(contract=contract, code="CSAT2")

    def count(months):
        report = ReportRequest(
            kind="vendor_performance",
            vendor=cast.vendor_x,
            requested_by=cast.manager,
            period_start=_month(2026, 1),
            period_end=_month(2026, 12),
        )
        with CaptureQueriesContext(connection) as ctx:
            data = vendor_builder.collect(report, cast.manager)
        points = [len(level["points"]) for row in data["contracts"] for level in row["levels"]]
        assert points == [months, months], points
        assert len(data["scorecards"]) == months
        return len(ctx.captured_queries)

    for m in (1, 2):
        _period(contract, _month(2026, m), value="80", credit="1.00", scorecard="70")
    few = count(2)
    for m in range(3, 13):
        _period(contract, _month(2026, m), value="80", credit="1.00", scorecard="70")
    assert count(12) == few


@pytest.mark.django_db
def test_dashboard_default_is_still_the_last_12_periods(cast):
    contract = contract_of_a(cast)
    for m in range(1, 13):
        _period(contract, _month(2026, m), value="80", credit="2.00")
    _period(contract, _month(2025, 12), value="80", credit="2.00")
    board = dashboard(contract)
    assert [p["label"] for p in board["levels"][0]["points"]][:2] == ["2026-01", "2026-02"]
    assert len(board["levels"][0]["points"]) == 12
    assert sum(t["n"] for t in board["credit_totals"]) == 13  # every credit of the contract, as before
    window = dashboard(contract, start=_month(2025, 12), end=_month(2026, 2))
    assert [p["label"] for p in window["levels"][0]["points"]] == ["2025-12", "2026-01"]
    assert sum(t["n"] for t in window["credit_totals"]) == 2


@pytest.mark.django_db(transaction=True)
def test_the_form_offers_months_for_the_vendor_report_and_refuses_an_end_before_the_start(cast, client):
    from unittest import mock

    client.force_login(cast.manager)
    form = client.get(reverse("reports:new") + "?kind=vendor_performance").content.decode()
    assert 'name="period_start"' in form and 'name="period_end"' in form
    response = client.post(
        reverse("reports:new"),
        {
            "kind": "vendor_performance",
            "vendor": cast.vendor_x.pk,
            "fmt": "pdf",
            "period_start": "2026-10",
            "period_end": "2026-09",
        },
    )
    assert response.status_code == 200 and not ReportRequest.objects.exists()
    assert "The last month cannot be before the first." in response.content.decode()
    with mock.patch("bpo.reports.services._queue"):
        response = client.post(
            reverse("reports:new"),
            {
                "kind": "vendor_performance",
                "vendor": cast.vendor_x.pk,
                "fmt": "pdf",
                "period_start": "2026-09",
                "period_end": "2026-10",
            },
        )
    report = ReportRequest.objects.get()
    assert response.status_code == 302
    assert (report.period_start, report.period_end) == (_month(2026, 9), _month(2026, 10))
