"""An emptied cell of the score sheet takes the saved score back before submission (a missing
score is left out of the mean); once the sheet is submitted nothing changes (user test
2026-11-28: "Scores saved" and the value stayed)."""

from decimal import Decimal

from django.urls import reverse

from vendors.models import Criterion, Score
from vendors.services import evaluator_submit, score_save

from .world import make_event, make_proposal


def test_an_emptied_cell_deletes_the_score_until_the_sheet_is_submitted(cast, client):
    event = make_event(cast, invite=("vendor_x", "vendor_y"))
    x = make_proposal(event, cast.vendor_x)
    y = make_proposal(event, cast.vendor_y, price="120000")
    quality = Criterion.objects.get(event=event, is_price=False)
    score_save(proposal=x, criterion=quality, by=cast.evaluator, score="7")
    score_save(proposal=y, criterion=quality, by=cast.evaluator, score="6")
    url = reverse("vendors:score_sheet", args=[event.pk])
    client.force_login(cast.evaluator)

    answer = client.post(url, {f"s-{x.pk}-{quality.pk}": "", f"s-{y.pk}-{quality.pk}": "6"}, follow=True)
    assert "Scores saved" in answer.content.decode()
    assert list(Score.objects.values_list("proposal_id", "score")) == [(y.pk, Decimal("6.0"))]

    evaluator_submit(event=event, by=cast.evaluator)
    answer = client.post(url, {f"s-{y.pk}-{quality.pk}": ""}, follow=True)
    assert "can no longer change" in answer.content.decode()
    assert list(Score.objects.values_list("proposal_id", "score")) == [(y.pk, Decimal("6.0"))]
