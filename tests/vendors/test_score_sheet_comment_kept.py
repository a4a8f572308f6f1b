"""A comment written through the API survives a save of the score sheet (user test on the demo,
2026-11-28: the page, which has no comment field, saved every score with comment="" and erased
it). A comment not sent is kept; one sent empty clears it."""

from django.urls import reverse

from vendors.models import Criterion, Score

from .world import make_event, make_proposal


def _scores_api(client, proposal, criterion, **body):
    body = {"proposal": proposal.pk, "criterion": criterion.pk, **body}
    return client.post("/api/v1/scores/", body, content_type="application/json")


def test_saving_the_sheet_keeps_the_comment_written_through_the_api(cast, client):
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x, by=cast.vendor_x_admin)
    quality = Criterion.objects.get(event=event, is_price=False)
    client.force_login(cast.evaluator)
    assert _scores_api(client, proposal, quality, score="6", comment="Weak on night shifts").status_code == 201

    answer = client.post(
        reverse("vendors:score_sheet", args=[event.pk]), {f"s-{proposal.pk}-{quality.pk}": "7.5"}, follow=True
    )
    assert "Scores saved" in answer.content.decode()
    assert list(Score.objects.values_list("score", "comment")) == [(7.5, "Weak on night shifts")]


def test_the_api_keeps_a_comment_left_out_and_clears_one_sent_empty(cast, client):
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x, by=cast.vendor_x_admin)
    quality = Criterion.objects.get(event=event, is_price=False)
    client.force_login(cast.evaluator)
    _scores_api(client, proposal, quality, score="6", comment="Weak on night shifts")

    answer = _scores_api(client, proposal, quality, score="8")
    assert answer.json()["comment"] == "Weak on night shifts"
    assert Score.objects.get().comment == "Weak on night shifts"

    answer = _scores_api(client, proposal, quality, score="8", comment="")
    assert answer.json()["comment"] == ""
    assert Score.objects.get().comment == ""
