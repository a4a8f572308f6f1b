"""The contract register report: its PDF (English and Chinese) and workbook against the data, the
requester's program scope, the notice deadlines of its summary, the request form and schedules, and
a query count that does not grow with the number of contracts."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bpo.reports import services
from bpo.reports.builders import contract_register
from bpo.reports.models import ReportRequest
from performance.models import Credit, Period
from tests.contracts.factories import ContractFactory, ServiceLevelFactory

from .conftest import pdf_fonts, pdf_text


@dataclass
class Register:
    msa: object
    sow: object
    late: object
    secret: object


def _credit(contract, start, amount, status, service_level):
    period, _ = Period.objects.get_or_create(
        contract=contract,
        kind="monthly",
        start=start,
        defaults={"end": (start + timedelta(days=32)).replace(day=1), "status": "finalized"},
    )
    return Credit.objects.create(
        period=period,
        service_level=service_level,
        allocation_pct=Decimal("10"),
        uncapped_amount=amount,
        amount=amount,
        status=status,
    )


@pytest.fixture
def register(cast):
    """Program A: MSA CA-MSA (active, notice deadline in 70 days, two service levels, credits applied
    250.00 + 100.50 and a pending 999.00), its SOW CA-SOW-1 (a draft in CNY whose deadline is in the
    window too, but a draft gives no notice) and CA-LATE (active, deadline in 310 days). Program B:
    CB-SECRET (EUR 7777777.00, deadline in 20 days, 4321.00 applied), nothing of which A's staff see."""
    cast.program_a.name = "Program A 客户服务"
    cast.program_a.save(update_fields=["name"])
    today = timezone.localdate()
    msa = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        number="CA-MSA",
        title="Contact centre MSA",
        status="active",
        start_date=date(2025, 1, 1),
        end_date=today + timedelta(days=100),
        notice_period_days=30,
        auto_renewal=True,
        currency="USD",
        value=Decimal("1000000.00"),
        monthly_fee=Decimal("41666.67"),
        at_risk_pct=Decimal("12.5"),
    )
    first, second = (ServiceLevelFactory(contract=msa, code=code) for code in ("ASA20", "FCR80"))
    _credit(msa, date(2026, 9, 1), Decimal("250.00"), "applied", first)
    _credit(msa, date(2026, 10, 1), Decimal("100.50"), "applied", second)
    _credit(msa, date(2026, 10, 1), Decimal("999.00"), "pending", first)
    sow = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        number="CA-SOW-1",
        title="Chat support SOW",
        contract_type="sow",
        parent=msa,
        status="draft",
        end_date=today + timedelta(days=60),
        notice_period_days=10,
        currency="CNY",
        value=Decimal("500000.00"),
        monthly_fee=Decimal("20000.00"),
    )
    late = ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_y,
        number="CA-LATE",
        title="Back office",
        status="active",
        end_date=today + timedelta(days=400),
        notice_period_days=90,
        currency="USD",
        value=Decimal("300000.00"),
    )
    secret = ContractFactory(
        program=cast.program_b,
        vendor=cast.vendor_y,
        number="CB-SECRET",
        title="Hidden B deal",
        status="active",
        end_date=today + timedelta(days=50),
        notice_period_days=30,
        currency="EUR",
        value=Decimal("7777777.00"),
    )
    secret_sl = ServiceLevelFactory(contract=secret, code="BSL1")
    _credit(secret, date(2026, 10, 1), Decimal("4321.00"), "applied", secret_sl)
    return Register(msa, sow, late, secret)


def _done(user, **kw):
    report = services.report_request(by=user, kind="contract_register", **kw)
    report.refresh_from_db()
    assert report.status == "done", report.error
    return report


def _workbook(report):
    from openpyxl import load_workbook

    with report.file.open("rb") as f:
        return load_workbook(BytesIO(f.read()))


# Amounts in both forms: grouped as the PDF prints them, plain as the workbook stores them.
LEAKS = ("CB-SECRET", "Hidden B deal", "7,777,777", "7777777", "4,321.00", "4321.00", "EUR", "PB ·")


@pytest.mark.django_db(transaction=True)
def test_register_pdf_holds_each_contract_grouped_by_program(cast, register):
    text = " ".join(pdf_text(_done(cast.finance, language="en")).split())  # cells wrap: one line
    assert "Contract register" in text and "Data as of" in text and "Contents" in text
    # Finance reads every program: both groups, program A's before program B's.
    register_part = text[text.index("PA · Program A") :]
    assert register_part.index("CA-LATE") < register_part.index("CA-MSA") < register_part.index("PB · Program B")
    assert register_part.index("PB · Program B") < register_part.index("CB-SECRET")
    assert "CB-SECRET" in text and "7,777,777.00" in text
    # The MSA's row: type, vendor, dates, notice, deadline, money, at risk, service levels, applied credits.
    deadline = register.msa.notice_deadline
    for snippet in ("Contact centre MSA", "Vendor X", "Active", f"{deadline:%Y-%m-%d}", "1,000,000.00", "41,666.67"):
        assert snippet in text, snippet
    assert "12.5" in text and "350.50" in text and "999.00" not in text
    # The SOW names its MSA; a draft is a draft.
    assert "SOW · CA-MSA" in text and "Draft" in text
    # The summary: by status, value by currency.
    assert "Contracts by status" in text and "Total value by currency" in text
    assert "CNY" in text and "500,000.00" in text and "1,300,000.00" in text  # USD: 1,000,000 + 300,000


@pytest.mark.django_db(transaction=True)
def test_register_pdf_in_chinese_renders_cjk(cast, register):
    report = _done(cast.manager, language="zh-hans")
    text = " ".join(pdf_text(report).split())
    compact = "".join(text.split())  # Chinese cells wrap anywhere
    assert "合同登记册" in compact and "客户服务" in compact
    assert "按状态统计的合同" in compact and "未来90天内的通知截止日期" in compact and "已执行的服务抵扣" in compact
    assert "通知期（天）" in compact and "活跃" in compact and "按币种统计的总金额" in compact
    assert "风险比例（%）" in compact and "At risk" not in text
    assert "CA-MSA" in text and "350.50" in text
    for leak in LEAKS:
        assert leak not in text, leak
    assert any("CJK" in name for name in pdf_fonts(report)), pdf_fonts(report)


@pytest.mark.django_db(transaction=True)
def test_register_workbook_rows(cast, register):
    wb = _workbook(_done(cast.manager, fmt="xlsx", language="en"))
    assert wb.sheetnames == ["Report", "Register", "By status", "By currency", "Notice deadlines"]
    header, *rows = list(wb["Register"].iter_rows(values_only=True))
    assert header[:7] == ("Program", "Number", "Title", "Vendor", "Type", "Master agreement", "Status")
    assert [r[:2] for r in rows] == [("PA", "CA-LATE"), ("PA", "CA-MSA"), ("PA", "CA-SOW-1")]
    msa = rows[1]
    assert msa[4:7] == ("MSA", None, "Active")
    assert msa[7].date() == date(2025, 1, 1) and msa[8].date() == register.msa.end_date
    assert msa[9:11] == ("Yes", 30) and msa[11].date() == register.msa.notice_deadline
    assert msa[12] == "USD" and float(msa[13]) == 1000000.0 and float(msa[14]) == 41666.67
    assert float(msa[15]) == 12.5 and msa[16] == 2 and float(msa[17]) == 350.5
    assert rows[2][4:7] == ("SOW", "CA-MSA", "Draft") and rows[2][16] == 0 and float(rows[2][17]) == 0
    by_status = list(wb["By status"].iter_rows(min_row=2, values_only=True))
    assert by_status == [("Draft", 1), ("Active", 2)]
    by_currency = [
        (r[0], r[1], float(r[2]), float(r[3])) for r in wb["By currency"].iter_rows(min_row=2, values_only=True)
    ]
    assert by_currency == [("CNY", 1, 500000.0, 0.0), ("USD", 2, 1300000.0, 350.5)]
    notice = list(wb["Notice deadlines"].iter_rows(min_row=2, values_only=True))
    assert [(r[0].date(), r[1]) for r in notice] == [(register.msa.notice_deadline, "CA-MSA")]


@pytest.mark.django_db(transaction=True)
def test_program_a_staff_see_nothing_of_program_b(cast, register):
    text = pdf_text(_done(cast.manager, language="en"))
    assert "CA-MSA" in text and "CA-LATE" in text
    for leak in LEAKS:
        assert leak not in text, leak
    wb = _workbook(_done(cast.viewer, fmt="xlsx", language="en"))
    cells = " ".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    assert "CA-MSA" in cells
    for leak in LEAKS:
        assert leak not in cells, leak
    # Asking for program B is refused outright; its own manager sees only B.
    with pytest.raises(ValidationError):
        services.report_request(by=cast.manager, kind="contract_register", program=cast.program_b)
    outsider = pdf_text(_done(cast.outsider, language="en"))
    assert "CB-SECRET" in outsider and "CA-MSA" not in outsider and "Contact centre" not in outsider
    # A program scope narrows a reader of every program to that program.
    scoped = pdf_text(_done(cast.finance, program=cast.program_a, language="en"))
    assert "CA-MSA" in scoped and "CB-SECRET" not in scoped


@pytest.mark.django_db
def test_summary_lists_the_notice_deadlines_of_the_next_90_days(cast, register):
    report = ReportRequest(kind="contract_register", requested_by=cast.finance)
    data = contract_register.collect(report, cast.finance)
    # Signed or active, deadline within [today, today + 90 days], soonest first; the draft SOW and
    # CA-LATE (deadline in 310 days) are not listed.
    assert [c.number for c in data["notice_due"]] == ["CB-SECRET", "CA-MSA"]
    for c in data["contracts"]:
        assert c.deadline == c.notice_deadline  # the contract pages' rule, from the same annotation
    ContractFactory(
        program=cast.program_a,
        vendor=cast.vendor_x,
        number="CA-PAST",
        status="active",
        end_date=timezone.localdate() + timedelta(days=5),
        notice_period_days=30,
    )
    data = contract_register.collect(report, cast.finance)
    assert "CA-PAST" not in [c.number for c in data["notice_due"]]  # its deadline has passed
    assert "CA-PAST" in [c.number for c in data["contracts"]]


@pytest.mark.django_db
def test_register_queries_do_not_grow_with_the_contracts(cast):
    def add(n):
        for _ in range(n):
            contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active")
            sl = ServiceLevelFactory(contract=contract)
            _credit(contract, date(2026, 10, 1), Decimal("10.00"), "applied", sl)

    def count(expected):
        report = ReportRequest(kind="contract_register", program=cast.program_a, requested_by=cast.manager)
        with CaptureQueriesContext(connection) as ctx:
            data = contract_register.collect(report, cast.manager)
        assert len(data["contracts"]) == expected
        assert all(c.service_level_count == 1 and c.credits_applied == Decimal("10.00") for c in data["contracts"])
        return len(ctx.captured_queries)

    add(2)
    few = count(2)
    add(3)
    assert count(5) == few


@pytest.mark.django_db(transaction=True)
def test_the_form_and_schedules_offer_the_register(cast, register, client):
    client.force_login(cast.manager)
    page = client.get(reverse("reports:new")).content.decode()
    assert 'value="contract_register"' in page and "Contract register" in page
    response = client.post(
        reverse("reports:new"), {"kind": "contract_register", "fmt": "xlsx", "program": cast.program_a.pk}
    )
    report = ReportRequest.objects.get(kind="contract_register")
    assert response.status_code == 302 and report.fmt == "xlsx" and report.program == cast.program_a
    with pytest.raises(ValidationError):
        services.report_request(by=cast.manager, kind="contract_register", fmt="csv")
    schedule = services.schedule_create(by=cast.manager, kind="contract_register", frequency="weekly", fmt="xlsx")
    runs = services.run_schedules(today=date(2026, 11, 9))
    assert [(r.kind, r.fmt, r.schedule_id) for r in runs] == [("contract_register", "xlsx", schedule.pk)]


@pytest.mark.parametrize(
    ("url", "kind", "label", "fmt"),
    [
        ("/contracts/", "contract_register", "Register (PDF or XLSX)", "xlsx"),
        ("/risk/risks/", "risk_register", "Register (PDF)", "pdf"),
    ],
)
def test_the_register_lists_offer_their_report_in_the_formats_it_has(cast, client, url, kind, label, fmt):
    client.force_login(cast.manager)
    html = client.get(url).content.decode()
    assert f'data-testid="request-report-{kind}"' in html and f">{label}</a>" in html
    assert f"/reports/new/?kind={kind}" in html
    assert client.get(f"/reports/new/?kind={kind}").status_code == 200
    # The format the label names is one the report is made in.
    assert services.report_request(by=cast.manager, kind=kind, fmt=fmt).pk
    # Filtered on a program: the form opens on it.
    filtered = client.get(url, {"program": cast.program_a.pk}).content.decode()
    assert f"/reports/new/?kind={kind}&amp;program={cast.program_a.pk}" in filtered
    # Not on a program the user may not see.
    assert "&amp;program=" not in client.get(url, {"program": cast.program_b.pk}).content.decode()


def test_a_last_month_without_a_first_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.report_request(by=cast.manager, kind="risk_register", fmt="pdf", period_end=date(2026, 10, 1))
    assert "period_start" in refused.value.message_dict
