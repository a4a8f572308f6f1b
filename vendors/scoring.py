"""The evaluation formulas of DOMAIN.md, as pure functions (no database), so they are tested by hand.

- criterion points = weight x mean(evaluator scores) / 10
- a price criterion: points = weight x lowest price / this price (lowest among qualified proposals)
- total = sum of the points (the weights sum to 100, so the total is out of 100)
- a failed mandatory requirement disqualifies: no points, no rank
- a criterion whose evaluators' scores spread by 4 or more is flagged for a consensus discussion

Choices the domain leaves open, made here:
- a missing score (an evaluator did not score a criterion) is left out of the mean; a criterion
  that nobody scored earns 0 points and is reported as missing, so the row shows it is incomplete;
- each criterion's points are rounded half-up to 2 decimals and the total is the sum of those
  rounded points, so the matrix always adds up as shown; proposals with equal totals share a
  rank (1, 1, 3: standard competition ranking).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
SPREAD_FLAG = Decimal("4")


@dataclass(frozen=True)
class CriterionIn:
    id: int
    weight: int
    is_price: bool = False


@dataclass(frozen=True)
class ProposalIn:
    id: int
    price: Decimal
    disqualified: bool = False


@dataclass
class Row:
    proposal_id: int
    price: Decimal
    disqualified: bool
    points: dict = field(default_factory=dict)  # criterion id -> Decimal (rounded) or None
    means: dict = field(default_factory=dict)  # criterion id -> mean score or None
    spreads: dict = field(default_factory=dict)  # criterion id -> max - min of the scores
    flags: set = field(default_factory=set)  # criterion ids to discuss (spread >= 4)
    missing: set = field(default_factory=set)  # criterion ids nobody scored
    total: Decimal | None = None
    rank: int | None = None


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def rank_proposals(*, criteria: list[CriterionIn], proposals: list[ProposalIn], scores: dict) -> list[Row]:
    """Points, totals, flags and ranks. `scores` maps (proposal id, criterion id) to the list of
    the evaluators' scores (0-10). Returns the rows best first, disqualified ones last."""
    qualified_prices = [p.price for p in proposals if not p.disqualified and p.price and p.price > 0]
    lowest = min(qualified_prices) if qualified_prices else None
    rows = []
    for proposal in proposals:
        row = Row(proposal_id=proposal.id, price=proposal.price, disqualified=proposal.disqualified)
        total = Decimal("0")
        for criterion in criteria:
            given = [Decimal(s) for s in scores.get((proposal.id, criterion.id), [])]
            if not criterion.is_price and len(given) > 1:
                row.spreads[criterion.id] = max(given) - min(given)
                if row.spreads[criterion.id] >= SPREAD_FLAG:
                    row.flags.add(criterion.id)
            if proposal.disqualified:
                row.points[criterion.id] = None
                continue
            if criterion.is_price:
                exact = Decimal(criterion.weight) * lowest / proposal.price if lowest else Decimal("0")
            elif given:
                mean = sum(given) / len(given)
                row.means[criterion.id] = mean
                exact = Decimal(criterion.weight) * mean / 10
            else:
                row.missing.add(criterion.id)
                row.means[criterion.id] = None
                exact = Decimal("0")
            row.points[criterion.id] = _round(exact)
            total += row.points[criterion.id]
        row.total = None if proposal.disqualified else total
        rows.append(row)
    ranked = sorted((r for r in rows if not r.disqualified), key=lambda r: r.total, reverse=True)
    for index, row in enumerate(ranked):
        row.rank = ranked[index - 1].rank if index and row.total == ranked[index - 1].total else index + 1
    return ranked + [r for r in rows if r.disqualified]
