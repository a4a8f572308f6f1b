"""POST /api/v1/scores/ reads a score as the score sheet does: "1e1" is refused (400 on score),
not saved as 10 (user test 2026-11-28; DRF's DecimalField parsed the exponent first)."""

from vendors.models import Criterion, Score

from .world import make_event, make_proposal


def test_exponent_notation_is_refused_on_score(cast, client):
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x, by=cast.vendor_x_admin)
    quality = Criterion.objects.get(event=event, is_price=False)
    client.force_login(cast.evaluator)

    def post(score):
        body = {"proposal": proposal.pk, "criterion": quality.pk, "score": score}
        return client.post("/api/v1/scores/", body, content_type="application/json")

    for text in ("1e1", "1E0", "5e-1", "7.25", "11", "-1", "", True):
        answer = post(text)
        assert answer.status_code == 400, (text, answer.content)
        assert [e["attr"] for e in answer.json()["errors"]] == ["score"], text
    assert not Score.objects.exists()
    assert post("7,5").status_code == 400  # a point is the only decimal separator (test_score_sheet_decimal_comma)
    assert post(8).json()["score"] == "8.0"
    assert post(6.5).json()["score"] == "6.5"
    assert list(Score.objects.values_list("score", flat=True)) == [6.5]
