"""Risk score = likelihood x impact, banded as DOMAIN.md says."""

from .choices import Level

SCALE = range(1, 6)


def risk_score(likelihood: int | None, impact: int | None) -> int | None:
    """The score of a 1-5 likelihood and a 1-5 impact, or None while either is missing."""
    if likelihood is None or impact is None:
        return None
    if likelihood not in SCALE or impact not in SCALE:
        raise ValueError("likelihood and impact run from 1 to 5")
    return likelihood * impact


def risk_level(score: int | None) -> str:
    """1-4 low, 5-9 medium, 10-16 high, 20-25 critical ('' when unscored).

    17-19 are not products of two numbers 1..5; they fall in high by the >= 20 edge.
    """
    if score is None:
        return ""
    if score >= 20:
        return Level.CRITICAL
    if score >= 10:
        return Level.HIGH
    if score >= 5:
        return Level.MEDIUM
    return Level.LOW
