"""Builders for the performance-page tests: a contract's published scorecards, results and invoices."""

from datetime import date
from decimal import Decimal as D

from django.utils import timezone

from delivery.models import Invoice
from performance.models import Period, Result, Scorecard, ScorecardLine, ScorecardTemplate
from tests.contracts.factories import ContractFactory, ServiceLevelFactory


def template():
    tpl, _ = ScorecardTemplate.objects.get_or_create(name="Insight")
    if not tpl.criteria.exists():
        tpl.criteria.create(name="Service levels", kind="sla_attainment", weight=D(60), order=0)
        tpl.criteria.create(name="质量 Quality", kind="manual", weight=D(40), order=1)
    return tpl


def month(i):
    return date(2026, i, 1), date(2026 + (i // 12), i % 12 + 1, 1)


def history(contract, totals, *, status="published", states=("met", "breach"), first=1):
    """One finalized monthly period per total (January on), each with a scorecard and results."""
    tpl = template()
    criteria = list(tpl.criteria.all())
    sl = contract.service_levels.first() or ServiceLevelFactory(contract=contract, code="SL1")
    sl2 = contract.service_levels.filter(code="SL2").first() or ServiceLevelFactory(contract=contract, code="SL2")
    cards = []
    for i, total in enumerate(totals, start=first):
        start, end = month(i)
        period = Period.objects.create(contract=contract, kind="monthly", start=start, end=end, status="finalized")
        for level, state in zip((sl, sl2), states, strict=False):
            Result.objects.create(
                period=period,
                service_level=level,
                value=D("80"),
                sample_count=5,
                state=state,
                expected=level.expected,
                minimum=level.minimum,
                direction=level.direction,
                computed_at=timezone.now(),
            )
        card = Scorecard.objects.create(
            contract=contract,
            period=period,
            template=tpl,
            status=status,
            total=D(total),
            band="good",
            band_excellent=D(85),
            band_good=D(70),
            band_needs_improvement=D(50),
        )
        for c in criteria:
            ScorecardLine.objects.create(
                scorecard=card, criterion=c, name=c.name, kind=c.kind, weight=c.weight, order=c.order, score=D(total)
            )
        cards.append(card)
    return cards


def approved_invoice(contract, amount, user, number="INV-1"):
    return Invoice.objects.create(
        contract=contract,
        number=number,
        period=date(2026, 1, 1),
        status="approved",
        gross_amount=D(amount),
        net_amount=D(amount),
        submitted_by=user,
    )


def contract_of_b(cast, vendor):
    return ContractFactory(program=cast.program_b, vendor=vendor, number="CB-1", status="active", terms_version=1)
