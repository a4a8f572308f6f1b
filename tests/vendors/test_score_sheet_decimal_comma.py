"""A point is the only decimal separator (README): the score sheet read "7,5" as 7.5 and saved it
while the page said "Some scores were not saved" (user test on the demo, 2026-11-28). A decimal
comma is refused with the project's message (bpo.core.numbers.not_a_number), on the sheet and on
POST /api/v1/scores/, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vendors.models import Criterion, Score
from vendors.services.evaluation import score_save

from .world import make_event, make_proposal

REFUSED = "7,5 is not a number: use a point for decimals, e.g. 7.5"


@pytest.fixture
def sheet(cast):
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x, by=cast.vendor_x_admin)
    quality = Criterion.objects.get(event=event, is_price=False)
    return event, proposal, quality


def test_the_service_refuses_a_decimal_comma(cast, sheet):
    event, proposal, quality = sheet
    with pytest.raises(ValidationError) as refused:
        score_save(proposal=proposal, criterion=quality, by=cast.evaluator, score="7,5")
    assert refused.value.message_dict == {"score": [REFUSED]}
    assert not Score.objects.exists()


def test_the_sheet_refuses_a_decimal_comma_next_to_the_cell(cast, client, sheet):
    event, proposal, quality = sheet
    client.force_login(cast.evaluator)
    key = f"s-{proposal.pk}-{quality.pk}"
    answer = client.post(reverse("vendors:score_sheet", args=[event.pk]), {key: "7,5"})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert REFUSED in page
    assert 'value="7,5"' in page  # the typed value is kept in its cell
    assert not Score.objects.exists()


def test_the_api_refuses_a_decimal_comma_on_score(cast, client, sheet):
    event, proposal, quality = sheet
    client.force_login(cast.evaluator)
    body = {"proposal": proposal.pk, "criterion": quality.pk, "score": "7,5"}
    answer = client.post("/api/v1/scores/", body, content_type="application/json")
    assert answer.status_code == 400
    assert [(e["attr"], e["detail"]) for e in answer.json()["errors"]] == [("score", REFUSED)]
    assert not Score.objects.exists()
