"""A typed score says what a score may be (user test 2026-11-27): 7.123456 gave "Ensure that there
are no more than 4 digits in total.", and 1e1 was saved as 10. Scores are 0 to 10 with at most one
decimal place (the field's decimal_places); exponent notation is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from vendors.models import Score
from vendors.services.evaluation import score_save

from .test_evaluation_services import scored  # noqa: F401


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("7.123456", "Enter a score with at most 1 decimal place."),
        ("1e1", "Enter a score from 0 to 10, such as 7 or 7.5."),
        ("1E0", "Enter a score from 0 to 10, such as 7 or 7.5."),
        ("99999", "Enter a score from 0 to 10, such as 7 or 7.5."),
        ("NaN", "Enter a score from 0 to 10, such as 7 or 7.5."),
    ],
)
def test_a_typed_score_is_refused_with_its_rule(cast, scored, typed, message):  # noqa: F811
    event, x, y, quality, second = scored
    with pytest.raises(ValidationError) as refused:
        score_save(proposal=x, criterion=quality, by=cast.evaluator, score=typed)
    assert refused.value.message_dict == {"score": [message]}
    assert not Score.objects.exists()


@pytest.mark.parametrize(("typed", "saved"), [("7", "7.0"), ("7.5", "7.5"), ("7.50", "7.5"), ("10", "10.0")])
def test_plain_scores_are_saved(cast, scored, typed, saved):  # noqa: F811
    event, x, y, quality, second = scored
    score_save(proposal=x, criterion=quality, by=cast.evaluator, score=typed)
    assert Score.objects.get().score == Decimal(saved)
