""" "Submit my scores" sends what is typed on the sheet (user test on the demo, 2026-11-28: it was a
form of its own, so the typed scores were thrown away, the sheet locked, and the award went ahead
on the scores saved before). One POST saves the typed scores and submits, in one transaction; a
refused cell submits nothing, saves nothing, and the sheet comes back with the refusal next to the
cell and the typed values kept."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from vendors.models import Criterion, EvaluatorAssignment, Score
from vendors.services import score_save

from .world import make_event, make_proposal


@pytest.fixture
def sheet(cast, client):
    event = make_event(cast, invite=("vendor_x", "vendor_y"))
    x = make_proposal(event, cast.vendor_x)
    y = make_proposal(event, cast.vendor_y, price="120000")
    quality = Criterion.objects.get(event=event, is_price=False)
    client.force_login(cast.evaluator)
    return event, f"s-{x.pk}-{quality.pk}", f"s-{y.pk}-{quality.pk}", x, quality


def _submitted(cast, event):
    return EvaluatorAssignment.objects.get(event=event, user=cast.evaluator).submitted_at is not None


def test_the_submit_button_belongs_to_the_form_of_the_scores(cast, client, sheet):
    event, cell_x, cell_y, x, quality = sheet
    page = client.get(reverse("vendors:score_sheet", args=[event.pk])).content.decode()
    form = re.search(r'<form method="post" class="form wide">(.*?)</form>', page, re.S).group(1)
    assert f'name="{cell_x}"' in form
    assert re.search(r'<button[^>]*name="action" value="submit"[^>]*>\s*Submit my scores', form)
    assert "submit-scores" not in page
    # The old separate form's address submits nothing any more.
    answer = client.post(reverse("vendors:event_action", args=[event.pk, "submit-scores"]))
    assert answer.status_code == 404
    assert not _submitted(cast, event)


def test_submit_saves_the_typed_scores_then_submits(cast, client, sheet):
    event, cell_x, cell_y, x, quality = sheet
    score_save(proposal=x, criterion=quality, by=cast.evaluator, score="3")  # saved earlier, then retyped
    answer = client.post(
        reverse("vendors:score_sheet", args=[event.pk]), {cell_x: "8", cell_y: "6.5", "action": "submit"}, follow=True
    )
    assert "Your scores are submitted." in answer.content.decode()
    assert sorted(Score.objects.values_list("score", flat=True)) == [Decimal("6.5"), Decimal("8.0")]
    assert _submitted(cast, event)


def test_a_refused_cell_submits_nothing_and_keeps_what_was_typed(cast, client, sheet):
    event, cell_x, cell_y, x, quality = sheet
    score_save(proposal=x, criterion=quality, by=cast.evaluator, score="3")
    answer = client.post(
        reverse("vendors:score_sheet", args=[event.pk]), {cell_x: "8", cell_y: "12", "action": "submit"}
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Your scores were not submitted and nothing was saved" in page
    refused = re.search(rf'<td class="has-error">.*?name="{cell_y}".*?</td>', page, re.S).group(0)
    assert "Enter a score from 0 to 10, such as 7 or 7.5." in refused and 'value="12"' in refused
    assert f'name="{cell_x}" value="8"' in page
    assert list(Score.objects.values_list("score", flat=True)) == [Decimal("3.0")]  # as before the post
    assert not _submitted(cast, event)


def test_submitting_an_empty_sheet_is_refused_as_before(cast, client, sheet):
    event, cell_x, cell_y, x, quality = sheet
    answer = client.post(reverse("vendors:score_sheet", args=[event.pk]), {cell_x: "", cell_y: "", "action": "submit"})
    assert answer.status_code == 400
    assert "Score at least one proposal before you submit." in answer.content.decode()
    assert not _submitted(cast, event)
