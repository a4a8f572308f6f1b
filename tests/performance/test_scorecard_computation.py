"""Scorecard arithmetic with hand-computed values: SLA attainment, reviewer medians, missing criteria, bands."""

from decimal import Decimal as D

import pytest

from performance.scorecards import computation as c


def test_sla_attainment_averages_met_minor_breach_and_skips_insufficient():
    # (100 + 50 + 0) / 3 = 50; the insufficient result is not counted
    assert c.sla_attainment(["met", "minor", "breach", "insufficient"]) == D("50.00")
    # (100 + 100 + 50) / 3 = 83.333.. -> 83.33
    assert c.sla_attainment(["met", "met", "minor"]) == D("83.33")


def test_sla_attainment_is_missing_when_only_insufficient_results():
    assert c.sla_attainment(["insufficient"]) is None
    assert c.sla_attainment([]) is None


def test_reviewer_median_odd_count():
    # ratings 2, 5, 4 -> 25, 100, 75 -> median 75
    assert c.reviewer_score([2, 5, 4]) == D("75.00")


def test_reviewer_median_even_count_is_mean_of_the_two_middle():
    # ratings 1, 3, 4, 5 -> 0, 50, 75, 100 -> (50 + 75) / 2 = 62.5
    assert c.reviewer_score([1, 3, 4, 5]) == D("62.50")
    # ratings 3, 4 -> (50 + 75) / 2
    assert c.reviewer_score([4, 3]) == D("62.50")


def test_reviewer_score_is_missing_until_someone_rates():
    assert c.reviewer_score([None, None]) is None


def test_total_is_sum_of_weight_times_score_over_100():
    # 40 x 50 + 30 x 75 + 30 x 90 = 2000 + 2250 + 2700 = 6950 / 100 = 69.50
    assert c.total([(40, D("50")), (30, D("75")), (30, D("90"))]) == D("69.50")


def test_missing_criteria_are_left_out_and_weights_renormalized():
    # the 30-weight criterion is missing: (40 x 50 + 30 x 90) / 70 = 4700 / 70 = 67.142.. -> 67.14
    assert c.total([(40, D("50")), (30, None), (30, D("90"))]) == D("67.14")
    assert c.total([(50, None), (50, None)]) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("100", "excellent"),
        ("85", "excellent"),
        ("84.99", "good"),
        ("70", "good"),
        ("69.99", "needs_improvement"),
        ("50", "needs_improvement"),
        ("49.99", "unsatisfactory"),
        ("0", "unsatisfactory"),
    ],
)
def test_band_edges_are_inclusive(value, expected):
    assert c.band(D(value)) == expected


def test_bands_are_configurable():
    assert c.band(D("80"), excellent=D("80"), good=D("60"), needs_improvement=D("40")) == "excellent"
    assert c.band(D("59.99"), excellent=D("80"), good=D("60"), needs_improvement=D("40")) == "needs_improvement"
    assert c.band(None) == ""
