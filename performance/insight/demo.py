"""Demo scorecards, so the vendor performance pages have trends to show: CS-2026's scorecard
template and a published scorecard for each finalized period of its contract, drafted and
published through the scorecard services (called by load_demo; idempotent)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from performance.models import Period, ScorecardCriterion, ScorecardTemplate
from performance.scorecards import services
from performance.scorecards.choices import CriterionKind

CONTRACT_NUMBER = "CS-MSA-2026-001"
TEMPLATE = "Customer service scorecard · 客服记分卡"
CRITERIA = [
    ("Service levels · 服务水平", CriterionKind.SLA_ATTAINMENT, 50),
    ("Quality audits · 质量审核", CriterionKind.QUALITY, 20),
    ("Budget adherence · 预算执行", CriterionKind.BUDGET_ADHERENCE, 15),
    ("Innovation · 创新", CriterionKind.MANUAL, 15),
]
# Hand scores of the criteria not computed from the data, by period month.
HAND = {
    9: {"budget_adherence": 95, "manual": 70, "quality": 90},
    10: {"budget_adherence": 90, "manual": 75, "quality": 60},
}


def load_scorecards(*, users, programs) -> int:
    from contracts.models import Contract

    program = programs["CS-2026"]
    contract = Contract.objects.filter(number=CONTRACT_NUMBER).first()
    if contract is None or ScorecardTemplate.objects.filter(name=TEMPLATE).exists():
        return 0
    template = ScorecardTemplate.objects.create(name=TEMPLATE, program=program)
    for order, (name, kind, weight) in enumerate(CRITERIA):
        ScorecardCriterion.objects.create(template=template, name=name, kind=kind, weight=Decimal(weight), order=order)
    pm = users["pm"]
    created = 1
    for period in Period.objects.filter(contract=contract, status="finalized").order_by("start"):
        card, new = services.scorecard_draft(period=period, by=pm, template=template)
        if not new or card.status != "draft":
            continue
        scores = HAND.get(period.start.month, {"budget_adherence": 92, "manual": 80, "quality": 85})
        for line in card.lines.all():
            if line.kind in scores and line.score is None:
                try:
                    services.scorecard_score_line(line=line, by=pm, score=Decimal(scores[line.kind]))
                except ValidationError:  # computed from the period's audits: keep that score
                    continue
        if card.lines.filter(score__isnull=False).exists():
            services.scorecard_submit(scorecard=card, by=pm)
            services.scorecard_publish(scorecard=card, by=pm)
        created += 1
    return created
