"""A quality review's reviewer may see the review's program, as a risk's owner
(risk.selectors.may_see_program). An evaluator-only member of program A reads none of it: not
offered, refused next to the field on the page and with 400 on `reviewer` through the API."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from performance.quality import services
from performance.quality.forms import ReviewForm

pytestmark = pytest.mark.django_db

REFUSED = "Choose someone who may see this review's program."


def _review(cast, **kwargs):
    return services.review_create(
        by=cast.manager,
        program=cast.program_a,
        title="January quality review",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        held_on=date(2026, 2, 5),
        rating="concerns",
        findings="VAT codes wrong",
        **kwargs,
    )


def test_the_service_refuses_a_reviewer_who_cannot_see_the_program(cast):
    with pytest.raises(ValidationError) as exc:
        _review(cast, reviewer=cast.evaluator)
    assert exc.value.message_dict == {"reviewer": [REFUSED]}
    review = _review(cast)
    with pytest.raises(ValidationError):
        services.review_update(review=review, by=cast.manager, reviewer=cast.outsider)
    review.refresh_from_db()
    assert review.reviewer == cast.manager
    assert services.review_update(review=review, by=cast.manager, reviewer=cast.viewer).reviewer == cast.viewer


def test_the_form_offers_only_people_who_see_the_program(cast):
    review = _review(cast)
    offered = set(ReviewForm(instance=review, user=cast.manager).fields["reviewer"].queryset)
    assert cast.contributor in offered and cast.viewer in offered
    assert cast.evaluator not in offered and cast.outsider not in offered


def test_the_api_answers_400_on_the_reviewer(cast):
    review = _review(cast)
    api = APIClient()
    api.force_authenticate(cast.manager)
    response = api.patch(f"/api/v1/quality-reviews/{review.pk}/", {"reviewer": cast.evaluator.pk}, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["detail"]) for e in response.json()["errors"]] == [("reviewer", REFUSED)]
    review.refresh_from_db()
    assert review.reviewer == cast.manager
