"""The scorecard arithmetic, pure functions (DOMAIN.md "Scorecards, quality, improvement").

Missing criteria: a criterion with no score (no SLA results with enough data, no reviewer has
rated yet, a manual score not entered) is left out, and the total is computed over the present
criteria with their weights renormalized to 100: total = sum(weight x score) / sum(present weights).
With every criterion present that is exactly DOMAIN.md's sum(weight x score) / 100. The
scorecard is flagged `is_partial`. With no criterion present there is no total and no band.
"""

from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.utils.translation import gettext_lazy as _

STATE_SCORE = {"met": Decimal("100"), "minor": Decimal("50"), "breach": Decimal("0")}
RATING_SCORE = {1: Decimal("0"), 2: Decimal("25"), 3: Decimal("50"), 4: Decimal("75"), 5: Decimal("100")}
BAND_LABELS = {
    "excellent": _("Excellent"),
    "good": _("Good"),
    "needs_improvement": _("Needs improvement"),
    "unsatisfactory": _("Unsatisfactory"),
}
CENT = Decimal("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def sla_attainment(states) -> Decimal | None:
    """Mean of MET=100, MINOR=50, BREACH=0; insufficient results are excluded; None when none remain."""
    scores = [STATE_SCORE[s] for s in states if s in STATE_SCORE]
    if not scores:
        return None
    return _q(sum(scores) / len(scores))


def reviewer_score(ratings) -> Decimal | None:
    """Median of the ratings mapped 1->0 ... 5->100 (even count: mean of the two middle); None if nobody rated."""
    scores = [RATING_SCORE[int(r)] for r in ratings if r is not None]
    if not scores:
        return None
    return _q(Decimal(median(scores)))


def total(lines) -> Decimal | None:
    """Weighted total of (weight, score) pairs; missing scores (None) are left out and weights renormalized."""
    present = [(Decimal(w), Decimal(s)) for w, s in lines if s is not None]
    weight = sum((w for w, _s in present), Decimal("0"))
    if not weight:
        return None
    return _q(sum((w * s for w, s in present), Decimal("0")) / weight)


def band(value: Decimal | None, *, excellent=Decimal("85"), good=Decimal("70"), needs_improvement=Decimal("50")) -> str:
    """The band of a total: at or above an edge is in that band."""
    if value is None:
        return ""
    if value >= excellent:
        return "excellent"
    if value >= good:
        return "good"
    if value >= needs_improvement:
        return "needs_improvement"
    return "unsatisfactory"
