"""Quality arithmetic, pure functions (DOMAIN.md "Scorecards, quality, improvement").

- defect rate (%) = 100 x defects / sample size, rounded half-up to 4 decimal places (as the
  service-level engine rounds values) before it is compared with the acceptance level;
- an audit PASSES when its defect rate is at or below the acceptance level (the maximum
  defect rate the standard accepts): exactly at the level passes, as a service level exactly
  at its expected level is MET;
- the scorecard's quality criterion = audit pass rate = 100 x passed audits / audits, rounded
  half-up to 2 decimal places; no audit in the period: no computed score.
"""

from decimal import ROUND_HALF_UP, Decimal

FOUR = Decimal("0.0001")
CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def defect_rate(sample_size: int, defects: int) -> Decimal:
    """100 x defects / sample size, 4 decimals half-up."""
    if sample_size <= 0:
        raise ValueError("sample size must be positive")
    return (HUNDRED * Decimal(defects) / Decimal(sample_size)).quantize(FOUR, rounding=ROUND_HALF_UP)


def outcome(rate: Decimal, acceptance_level: Decimal) -> str:
    """'pass' when the rate is at or below the acceptance level, else 'fail'."""
    return "pass" if Decimal(rate) <= Decimal(acceptance_level) else "fail"


def pass_rate(passed: int, total: int) -> Decimal | None:
    """100 x passed / total, 2 decimals half-up; None without audits."""
    if not total:
        return None
    return (HUNDRED * Decimal(passed) / Decimal(total)).quantize(CENT, rounding=ROUND_HALF_UP)
