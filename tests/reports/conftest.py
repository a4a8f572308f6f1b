"""Report tests: files go to a temporary media folder; `money` builds finance data in programs A and B."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest

from delivery.models import Invoice
from performance.models import Credit, Period
from strategy.models import BudgetLine
from tests.contracts.factories import ContractFactory, ServiceLevelFactory, contract_of_a

OCTOBER = date(2026, 10, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Money:
    contract_a: object
    contract_b: object
    line_a: object
    line_b: object


def _credit(contract, amount, status, service_level=None):
    period, _ = Period.objects.get_or_create(
        contract=contract, kind="monthly", start=OCTOBER, defaults={"end": date(2026, 11, 1), "status": "finalized"}
    )
    return Credit.objects.create(
        period=period,
        service_level=service_level or contract.service_levels.first(),
        allocation_pct=Decimal("10"),
        uncapped_amount=amount,
        amount=amount,
        status=status,
    )


@pytest.fixture
def money(cast):
    return build_money(cast)


def build_money(cast):
    """Program A (named in Chinese too): planned 12345.00, an approved invoice of 11111.00 (90%: the
    80% crossing), a pending credit of 432.10 and an earned-back one of 77.70. Program B: planned
    98765.00 and invoice INV-B-99 of 55555.00 - nothing of which program A's staff may see."""
    cast.program_a.name = "Program A 客户服务"
    cast.program_a.save(update_fields=["name"])
    contract_a = contract_of_a(cast)
    contract_b = ContractFactory(program=cast.program_b, vendor=cast.vendor_y, number="CB-9", status="active")
    ServiceLevelFactory(contract=contract_b, code="BSL1")
    line_a = BudgetLine.objects.create(
        program=cast.program_a, category="vendor_fees", period="2026-10", planned_amount=Decimal("12345.00")
    )
    line_b = BudgetLine.objects.create(
        program=cast.program_b, category="vendor_fees", period="2026-10", planned_amount=Decimal("98765.00")
    )
    for contract, number, amount in ((contract_a, "INV-A-77", "11111.00"), (contract_b, "INV-B-99", "55555.00")):
        Invoice.objects.create(
            contract=contract,
            number=number,
            period=OCTOBER,
            status="approved",
            gross_amount=Decimal(amount),
            deduction_amount=Decimal("0"),
            net_amount=Decimal(amount),
            submitted_by=cast.vendor_x_admin,
        )
    _credit(contract_a, Decimal("432.10"), "pending")
    _credit(contract_a, Decimal("77.70"), "earned_back", ServiceLevelFactory(contract=contract_a, code="CSAT9"))
    _credit(contract_b, Decimal("999.90"), "pending")
    return Money(contract_a, contract_b, line_a, line_b)


def pdf_text(report) -> str:
    """All the text of the report's PDF (pypdf), pages joined."""
    from pypdf import PdfReader

    report.file.open("rb")
    try:
        reader = PdfReader(BytesIO(report.file.read()))
    finally:
        report.file.close()
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_fonts(report) -> set[str]:
    """Names of the fonts embedded in the PDF."""
    from pypdf import PdfReader

    report.file.open("rb")
    try:
        reader = PdfReader(BytesIO(report.file.read()))
    finally:
        report.file.close()
    names = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont")))
    return names
