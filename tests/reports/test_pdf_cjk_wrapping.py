"""Chinese PDFs do not break short terms inside a word: a service level's kind and period in the
contract summary (SLA（涉及服务抵扣）, 每月), the risk register's headings and owners (应对策略, 项目,
Li Na 李娜) stay on one line, and the tables still fit the page."""

import pytest

from bpo.reports.models import ReportRequest
from risk import services as risk_services
from tests.contracts.factories import ServiceLevelFactory, contract_of_a

from .test_pdf_layout import _cells, _layout, _overflowing

pytestmark = pytest.mark.django_db


def _one_line(pages, text):
    found = _cells(pages, text)
    assert found, f"no cell holds {text!r}"
    assert all(len(lines) == 1 for lines in found), (text, found)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_contract_summary_keeps_kind_and_period_whole(cast, language):
    contract = contract_of_a(cast)
    # A long name takes the room of the others, as in the demo.
    ServiceLevelFactory(
        contract=contract,
        code="AHT-01",
        name="平均处理时长（语音渠道，含事后处理）Average handling time, voice, with after-call work",
        kind="sla",
        period="monthly",
    )
    report = ReportRequest.objects.create(
        kind="contract_summary", fmt="pdf", language=language, requested_by=cast.manager, contract=contract
    )
    pages = _layout(report)
    assert _overflowing(pages) == []
    if language == "zh-hans":
        _one_line(pages, "SLA（涉及服务抵扣）")
        _one_line(pages, "每月")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_risk_register_keeps_headings_and_owners_whole(cast, language):
    cast.manager.first_name, cast.manager.last_name = "Li Na", "李娜"
    cast.manager.save(update_fields=["first_name", "last_name"])
    for i in range(3):
        risk = risk_services.risk_create(
            by=cast.manager,
            program=cast.program_a,
            title=f"关键供应商的坐席流失率持续高于行业水平，导致服务水平下降 {i} Agent attrition above the market",
            category="data",
            event="e",
        )
        risk.owner = cast.manager
        risk.save(update_fields=["owner"])
    report = ReportRequest.objects.create(kind="risk_register", fmt="pdf", language=language, requested_by=cast.manager)
    pages = _layout(report)
    assert _overflowing(pages) == []
    if language == "zh-hans":
        _one_line(pages, "应对策略")
        _one_line(pages, "项目")
        _one_line(pages, str(cast.manager))
