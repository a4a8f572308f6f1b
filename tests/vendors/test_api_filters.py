"""The proposals and scores endpoints filter on the records the caller may see: a value that is
not one of them (a typo, a missing id, another program's record) is a 400 naming the field, with
no rows; a valid one filters."""

import pytest

from vendors.models import Criterion, Score

from .world import make_event, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(cast):
    event = make_event(cast, evaluators=("evaluator",))
    other = make_event(cast, evaluators=("evaluator",))
    mine = make_proposal(event, cast.vendor_x, by=cast.vendor_x_admin)
    theirs = make_proposal(other, cast.vendor_x, by=cast.vendor_x_admin)
    for proposal in (mine, theirs):
        criterion = Criterion.objects.get(event=proposal.event, is_price=False)
        assignment = proposal.event.evaluators.get(user=cast.evaluator)
        Score.objects.create(assignment=assignment, proposal=proposal, criterion=criterion, score=5)
    return event, other, mine, theirs


@pytest.mark.parametrize(
    "params, field",
    [({"event": "abc"}, "event"), ({"event": "999999"}, "event"), ({"proposal": "abc"}, "proposal"),
     ({"criterion": "999999"}, "criterion")],
)  # fmt: skip
def test_scores_filter_with_a_wrong_value_is_a_400_naming_the_field(cast, client, scored, params, field):
    client.force_login(cast.evaluator)
    answer = client.get("/api/v1/scores/", params)
    assert answer.status_code == 400, answer.content
    assert field in answer.content.decode() and "results" not in answer.json()


def test_scores_filter_by_event_lists_only_that_events_scores(cast, client, scored):
    event, _other, mine, _theirs = scored
    client.force_login(cast.evaluator)
    rows = client.get("/api/v1/scores/", {"event": event.pk}).json()["results"]
    assert [r["proposal"] for r in rows] == [mine.pk]


def test_scores_filter_refuses_another_programs_event(cast, client, scored):
    event = scored[0]
    client.force_login(cast.outsider)
    assert client.get("/api/v1/scores/", {"event": event.pk}).status_code == 400


@pytest.mark.parametrize("params", [{"event": "999"}, {"event": "abc"}, {"vendor": "999999"}, {"status": "nope"}])
def test_proposals_filter_with_a_wrong_value_is_a_400(cast, client, scored, params):
    client.force_login(cast.manager)
    answer = client.get("/api/v1/proposals/", params)
    assert answer.status_code == 400, answer.content
    assert next(iter(params)) in answer.content.decode()


def test_proposals_filter_by_event_and_vendor(cast, client, scored):
    event, other, mine, theirs = scored
    make_proposal(event, cast.vendor_y)
    client.force_login(cast.manager)
    by_event = client.get("/api/v1/proposals/", {"event": other.pk}).json()["results"]
    assert [r["id"] for r in by_event] == [theirs.pk]
    by_vendor = client.get("/api/v1/proposals/", {"vendor": cast.vendor_x.pk, "event": event.pk}).json()["results"]
    assert [r["id"] for r in by_vendor] == [mine.pk]


def test_vendor_cannot_filter_proposals_by_another_vendor(cast, client, scored):
    client.force_login(cast.vendor_x_admin)
    assert client.get("/api/v1/proposals/", {"vendor": cast.vendor_y.pk}).status_code == 400
    rows = client.get("/api/v1/proposals/", {"vendor": cast.vendor_x.pk}).json()["results"]
    assert {r["vendor"] for r in rows} == {cast.vendor_x.pk}


@pytest.mark.parametrize(
    "url, params",
    [("/api/v1/vendors/", {"tier": "nope"}), ("/api/v1/vendors/", {"status": "nope"}),
     ("/api/v1/sourcing-events/", {"program": "abc"}), ("/api/v1/sourcing-events/", {"kind": "nope"}),
     ("/api/v1/sourcing-events/", {"status": "nope"})],
)  # fmt: skip
def test_other_vendor_endpoints_refuse_a_wrong_filter_value(cast, client, url, params):
    client.force_login(cast.manager)
    answer = client.get(url, params)
    assert answer.status_code == 400 and next(iter(params)) in answer.content.decode()


def test_sourcing_events_refuse_another_programs_program_filter(cast, client):
    client.force_login(cast.outsider)
    assert client.get("/api/v1/sourcing-events/", {"program": cast.program_a.pk}).status_code == 400
