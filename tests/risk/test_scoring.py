"""Score = likelihood x impact, banded exactly as DOMAIN.md says, at every band edge."""

import pytest

from risk.choices import Level
from risk.scoring import risk_level, risk_score


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (1, Level.LOW),
        (4, Level.LOW),  # top edge of low
        (5, Level.MEDIUM),  # bottom edge of medium
        (9, Level.MEDIUM),
        (10, Level.HIGH),
        (16, Level.HIGH),
        (20, Level.CRITICAL),
        (25, Level.CRITICAL),
    ],
)
def test_level_at_each_band_edge(score, level):
    assert risk_level(score) == level


@pytest.mark.parametrize("likelihood", range(1, 6))
@pytest.mark.parametrize("impact", range(1, 6))
def test_every_cell_of_the_grid_lands_in_its_band(likelihood, impact):
    score = risk_score(likelihood, impact)
    assert score == likelihood * impact
    assert score not in (17, 18, 19)  # not products of 1..5
    expected = "low" if score <= 4 else "medium" if score <= 9 else "high" if score <= 16 else "critical"
    assert risk_level(score) == expected


def test_edges_reached_by_real_products():
    assert risk_level(risk_score(2, 2)) == Level.LOW  # 4
    assert risk_level(risk_score(1, 5)) == Level.MEDIUM  # 5
    assert risk_level(risk_score(3, 3)) == Level.MEDIUM  # 9
    assert risk_level(risk_score(2, 5)) == Level.HIGH  # 10
    assert risk_level(risk_score(4, 4)) == Level.HIGH  # 16
    assert risk_level(risk_score(4, 5)) == Level.CRITICAL  # 20


def test_unscored_risk_has_no_level():
    assert risk_score(None, 3) is None
    assert risk_level(None) == ""


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, 0), (2, 6)])
def test_values_outside_one_to_five_are_refused(likelihood, impact):
    with pytest.raises(ValueError):
        risk_score(likelihood, impact)
