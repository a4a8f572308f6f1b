"""Evaluators score proposals through the API with the score sheet's rules: sealed until the
deadline, only while assigned and not submitted, blind to the others' scores until they submit."""

from datetime import timedelta

from vendors.models import Criterion, EvaluatorAssignment, Score

from .world import make_event, make_proposal

URL = "/api/v1/scores/"


def _post(client, proposal, criterion, score, comment=""):
    return client.post(
        URL,
        {"proposal": proposal.pk, "criterion": criterion.pk, "score": score, "comment": comment},
        content_type="application/json",
    )


def test_evaluator_scores_blind_then_submits(cast, client):
    event = make_event(cast, evaluators=("evaluator", "manager"))
    proposal = make_proposal(event, cast.vendor_x, by=cast.vendor_x_admin)
    quality = Criterion.objects.get(event=event, is_price=False)
    price = Criterion.objects.get(event=event, is_price=True)
    client.force_login(cast.manager)
    assert _post(client, proposal, quality, "4").status_code == 201
    client.force_login(cast.evaluator)
    created = _post(client, proposal, quality, "7.5", "Strong plan")
    assert created.status_code == 201, created.content
    assert created.json()["evaluator"] == cast.evaluator.pk
    again = _post(client, proposal, quality, "8")  # replaces the score, not a second one
    assert again.status_code == 201 and Score.objects.filter(assignment__user=cast.evaluator).count() == 1
    assert _post(client, proposal, price, "5").status_code == 400  # price is computed, not scored
    assert _post(client, proposal, quality, "11").status_code == 400
    # Blind: the manager's score is hidden until the evaluator submits.
    listed = client.get(URL, {"event": event.pk}).json()["results"]
    assert [s["evaluator"] for s in listed] == [cast.evaluator.pk]
    submitted = client.post(URL + "submit/", {"event": event.pk}, content_type="application/json")
    assert submitted.status_code == 200, submitted.content
    assert _post(client, proposal, quality, "9").status_code == 400  # final once submitted
    # The manager's sheet is still a draft: it can change and does not count, so nobody else sees it
    # (user test 2026-11-27: a submitted evaluator read another's unsubmitted scores).
    listed = client.get(URL, {"event": event.pk}).json()["results"]
    assert [s["evaluator"] for s in listed] == [cast.evaluator.pk]
    client.force_login(cast.viewer)  # reads the proposals, is not an evaluator
    assert [s["evaluator"] for s in client.get(URL, {"event": event.pk}).json()["results"]] == [cast.evaluator.pk]
    client.force_login(cast.manager)  # still scoring: blind, their own only
    assert [s["evaluator"] for s in client.get(URL, {"event": event.pk}).json()["results"]] == [cast.manager.pk]
    assert client.post(URL + "submit/", {"event": event.pk}, content_type="application/json").status_code == 200
    for reader in (cast.evaluator, cast.viewer, cast.manager):
        client.force_login(reader)
        listed = client.get(URL, {"event": event.pk}).json()["results"]
        assert sorted(s["evaluator"] for s in listed) == sorted([cast.evaluator.pk, cast.manager.pk])


def test_sealed_unassigned_and_vendor_callers_are_refused(cast, client):
    sealed = make_event(cast, deadline_in=timedelta(days=3))
    early = make_proposal(sealed, cast.vendor_x, by=cast.vendor_x_admin)
    quality = Criterion.objects.get(event=sealed, is_price=False)
    client.force_login(cast.evaluator)
    assert _post(client, early, quality, "5").status_code == 400  # sealed: as a missing id, 400 on `proposal`
    assert client.post(URL + "submit/", {"event": sealed.pk}, content_type="application/json").status_code == 400
    event = make_event(cast)
    proposal = make_proposal(event, cast.vendor_x, by=cast.vendor_x_admin)
    quality = Criterion.objects.get(event=event, is_price=False)
    client.force_login(cast.viewer)  # reads the proposals, is not an evaluator
    assert _post(client, proposal, quality, "5").status_code == 403
    client.force_login(cast.outsider)
    assert _post(client, proposal, quality, "5").status_code == 400  # not one of the caller's programs: as missing
    client.force_login(cast.vendor_x_admin)
    assert _post(client, proposal, quality, "5").status_code == 403
    assert client.get(URL).status_code == 403
    assert not Score.objects.exists()
    assert EvaluatorAssignment.objects.get(event=event, user=cast.evaluator).submitted_at is None
