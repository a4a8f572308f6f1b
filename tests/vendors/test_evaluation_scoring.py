"""The evaluation formulas of DOMAIN.md, with expected values computed by hand.

criterion points = weight x mean(scores) / 10; price = weight x lowest price / price;
total = sum; a failed mandatory requirement disqualifies; spread >= 4 is flagged.
"""

from decimal import Decimal as D

from vendors.scoring import CriterionIn, ProposalIn, rank_proposals

QUALITY, TRANSITION, PRICE = CriterionIn(1, 40), CriterionIn(2, 20), CriterionIn(3, 40, is_price=True)
CRITERIA = [QUALITY, TRANSITION, PRICE]


def by_id(rows):
    return {r.proposal_id: r for r in rows}


def test_two_evaluators_and_the_price_formula():
    # X: quality (8+6)/2=7 -> 40*7/10=28; transition (9+5)/2=7 -> 20*7/10=14; lowest price -> 40. Total 82.
    # Y: quality (9+9)/2=9 -> 36; transition (6+7)/2=6.5 -> 13; price 40*100000/125000=32. Total 81.
    rows = rank_proposals(
        criteria=CRITERIA,
        proposals=[ProposalIn(10, D("100000")), ProposalIn(20, D("125000"))],
        scores={(10, 1): [8, 6], (10, 2): [9, 5], (20, 1): [9, 9], (20, 2): [6, 7]},
    )
    x, y = by_id(rows)[10], by_id(rows)[20]
    assert x.points == {1: D("28.00"), 2: D("14.00"), 3: D("40.00")} and x.total == D("82.00")
    assert y.points == {1: D("36.00"), 2: D("13.00"), 3: D("32.00")} and y.total == D("81.00")
    assert [r.proposal_id for r in rows] == [10, 20] and (x.rank, y.rank) == (1, 2)
    # X's transition scores 9 and 5 spread by 4: flagged; Y's spread 1 is not.
    assert x.flags == {2} and x.spreads[2] == D("4") and y.flags == set()


def test_spread_of_three_is_not_flagged_four_is():
    rows = rank_proposals(
        criteria=[CriterionIn(1, 100)],
        proposals=[ProposalIn(1, D("1")), ProposalIn(2, D("1"))],
        scores={(1, 1): [7, 4], (2, 1): [10, 6, 8]},
    )
    assert by_id(rows)[1].flags == set() and by_id(rows)[2].flags == {1}


def test_equal_totals_share_a_rank_and_the_next_rank_is_skipped():
    # A and B: quality 8 -> 32, transition 5 -> 10, same price -> 40: 82 each. C: quality 5 -> 20, 10, 40: 70.
    rows = rank_proposals(
        criteria=CRITERIA,
        proposals=[ProposalIn(1, D("50")), ProposalIn(2, D("50")), ProposalIn(3, D("50"))],
        scores={(1, 1): [8], (1, 2): [5], (2, 1): [8], (2, 2): [5], (3, 1): [5], (3, 2): [5]},
    )
    ranks = {r.proposal_id: (r.total, r.rank) for r in rows}
    assert ranks == {1: (D("82.00"), 1), 2: (D("82.00"), 1), 3: (D("70.00"), 3)}


def test_disqualified_proposal_gets_no_points_no_rank_and_does_not_set_the_lowest_price():
    # D is cheapest (80000) but disqualified; the lowest qualified price is X's 100000.
    rows = rank_proposals(
        criteria=CRITERIA,
        proposals=[ProposalIn(1, D("100000")), ProposalIn(2, D("125000")), ProposalIn(3, D("80000"), True)],
        scores={(1, 1): [5], (1, 2): [5], (2, 1): [5], (2, 2): [5], (3, 1): [10], (3, 2): [10]},
    )
    x, y, d = by_id(rows)[1], by_id(rows)[2], by_id(rows)[3]
    assert x.points[3] == D("40.00") and y.points[3] == D("32.00")
    assert x.total == D("20.00") + D("10.00") + D("40.00")
    assert d.disqualified and d.total is None and d.rank is None and d.points[1] is None
    assert rows[-1].proposal_id == 3  # disqualified last


def test_single_evaluator_mean_is_their_score():
    # 40 x 7.5 / 10 = 30; 20 x 3 / 10 = 6; only proposal -> lowest price -> 40. Total 76.
    rows = rank_proposals(
        criteria=CRITERIA, proposals=[ProposalIn(1, D("9"))], scores={(1, 1): [D("7.5")], (1, 2): [3]}
    )
    assert rows[0].points == {1: D("30.00"), 2: D("6.00"), 3: D("40.00")} and rows[0].total == D("76.00")
    assert rows[0].flags == set() and rows[0].spreads == {}


def test_missing_score_is_left_out_of_the_mean_and_an_unscored_criterion_earns_zero():
    # Quality scored by one of two evaluators: mean 6 -> 24. Transition scored by nobody: 0, reported missing.
    rows = rank_proposals(criteria=CRITERIA, proposals=[ProposalIn(1, D("10"))], scores={(1, 1): [6]})
    row = rows[0]
    assert row.points == {1: D("24.00"), 2: D("0.00"), 3: D("40.00")} and row.total == D("64.00")
    assert row.missing == {2} and row.means[2] is None


def test_points_round_half_up_to_cents_and_the_total_is_their_sum():
    # Quality weight 35, scores 7, 7, 8 -> mean 22/3 -> 35 x 7.333.../10 = 25.6666... -> 25.67.
    # Price weight 65: 65 x 100 / 300 = 21.666... -> 21.67. Total 47.34.
    rows = rank_proposals(
        criteria=[CriterionIn(1, 35), CriterionIn(2, 65, is_price=True)],
        proposals=[ProposalIn(1, D("300")), ProposalIn(2, D("100"))],
        scores={(1, 1): [7, 7, 8], (2, 1): [0]},
    )
    first = by_id(rows)[1]
    assert first.points == {1: D("25.67"), 2: D("21.67")} and first.total == D("47.34")
    assert by_id(rows)[2].total == D("65.00") and rows[0].proposal_id == 2
