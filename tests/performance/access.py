"""Who may open the service-level dashboard, credits and engine endpoints (merged into tests/test_access_matrix.py)."""

from datetime import date
from decimal import Decimal

from tests.access import (
    CONTENT_READERS_OF_A,
    MONEY_READERS_OF_A,
    NOT_CONTENT_READERS_OF_A,
    NOT_MONEY_READERS_OF_A,
    expect,
    only,
)
from tests.contracts.access import POST_ONLY, VENDOR_X_API
from tests.contracts.factories import contract_of_a


def _period(c):
    from performance.models import Period

    contract = contract_of_a(c)
    period, _ = Period.objects.get_or_create(
        contract=contract, kind="monthly", start=date(2026, 1, 1), defaults={"end": date(2026, 2, 1)}
    )
    return period


def _result(c):
    from django.utils import timezone

    from performance.models import Result

    period = _period(c)
    sl = period.contract.service_levels.get()
    result = Result.objects.create(
        period=period,
        service_level=sl,
        value=Decimal("70"),
        sample_count=10,
        state="breach",
        expected=sl.expected,
        minimum=sl.minimum,
        direction=sl.direction,
        computed_at=timezone.now(),
    )
    return {"pk": result.pk}


def _credit(c):
    from performance.models import Credit

    period = _period(c)
    sl = period.contract.service_levels.get()
    credit = Credit.objects.create(
        period=period,
        service_level=sl,
        allocation_pct=Decimal("40"),
        uncapped_amount=Decimal("4000"),
        amount=Decimal("4000"),
    )
    return {"pk": credit.pk}


def _scorecard(c, status="published"):
    from performance.models import Scorecard, ScorecardCriterion, ScorecardTemplate

    period = _period(c)
    existing = Scorecard.objects.filter(period=period).first()
    if existing:
        return existing
    template = ScorecardTemplate.objects.create(name="Access")
    ScorecardCriterion.objects.create(template=template, name="SLA", kind="sla_attainment", weight=Decimal("100"))
    card = Scorecard.objects.create(
        contract=period.contract,
        period=period,
        template=template,
        status=status,
        band_excellent=Decimal("85"),
        band_good=Decimal("70"),
        band_needs_improvement=Decimal("50"),
    )
    return card


def _dispute(c):
    from performance.models import ScorecardDispute, ScorecardLine

    card = _scorecard(c)
    criterion = card.template.criteria.get()
    line = ScorecardLine.objects.create(
        scorecard=card, criterion=criterion, name="SLA", kind="sla_attainment", weight=Decimal("100")
    )
    dispute = ScorecardDispute.objects.create(line=line, raised_by=c.vendor_x_admin, reason="x")
    return {"pk": dispute.pk}


EXPECT = {
    # The SLA dashboard (periods, results, credits), periods, results and credits are the program's
    # money: finance reads every program's, legal as a member only.
    "performance:dashboard": (
        lambda c: {"pk": contract_of_a(c).pk},
        only(MONEY_READERS_OF_A, **NOT_MONEY_READERS_OF_A),
    ),
    "performance:evaluate": (lambda c: {"pk": contract_of_a(c).pk}, POST_ONLY),
    "performance:period_reopen": (lambda c: {"pk": _period(c).pk}, POST_ONLY),
    "performance:credit_list": (None, expect(302, 200, 403)),
    "sla-period-list": (None, expect(401, 200, 200)),
    "sla-period-detail": (
        lambda c: {"pk": _period(c).pk},
        expect(401, 200, 200, **NOT_MONEY_READERS_OF_A, **VENDOR_X_API),
    ),
    "sla-result-list": (None, expect(401, 200, 200)),
    "sla-result-detail": (_result, expect(401, 200, 200, **NOT_MONEY_READERS_OF_A, **VENDOR_X_API)),
    "credit-list": (None, expect(401, 200, 200)),
    "credit-detail": (_credit, expect(401, 200, 200, **NOT_MONEY_READERS_OF_A, **VENDOR_X_API)),
    "portal:performance_dashboard": (lambda c: {"pk": contract_of_a(c).pk}, expect(302, 403, 200, vendor_y_admin=404)),
    # Scorecards: the program's content (finance and legal as members only); a vendor reads only its
    # own published ones.
    "performance:scorecard_list": (None, expect(302, 200, 403)),
    "performance:scorecard_detail": (
        lambda c: {"pk": _scorecard(c).pk},
        only(CONTENT_READERS_OF_A, **NOT_CONTENT_READERS_OF_A),
    ),
    "performance:scorecard_review": (lambda c: {"pk": _scorecard(c).pk}, POST_ONLY),
    "performance:scorecard_draft": (lambda c: {"pk": _period(c).pk}, POST_ONLY),
    "performance:dispute_resolve": (_dispute, POST_ONLY),
    "scorecard-list": (None, expect(401, 200, 200)),
    "scorecard-detail": (
        lambda c: {"pk": _scorecard(c).pk},
        expect(401, 200, 200, **NOT_CONTENT_READERS_OF_A, **VENDOR_X_API),
    ),
    "portal:scorecard_list": (None, expect(302, 403, 200)),
    "portal:scorecard_detail": (lambda c: {"pk": _scorecard(c).pk}, expect(302, 403, 200, vendor_y_admin=404)),
    "portal:scorecard_acknowledge": (lambda c: {"pk": _scorecard(c).pk}, expect(302, 403, 405)),
    "portal:scorecard_dispute": (lambda c: {"pk": _scorecard(c).pk}, expect(302, 403, 405)),
}

# Quality and the portal's corrective actions (tests/performance/access_quality.py).
from .access_quality import EXPECT as _QUALITY  # noqa: E402

EXPECT.update(_QUALITY)
