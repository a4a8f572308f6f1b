"""The demo's sourcing: a closed, scored and awarded CS-2026 event, an open AP-2026 one and an
AP-2026 tender past its deadline waiting for the demo evaluator's scores, loaded once."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from bpo.accounts.models import User
from vendors.demo import OPEN_TITLE, SCORING_TITLE
from vendors.models import AwardDecision, Proposal, Score, SourcingEvent
from vendors.selectors import evaluation_matrix


def test_demo_sourcing_is_idempotent_and_ranked(db, client):
    call_command("load_demo", stdout=StringIO())
    counts = (SourcingEvent.objects.count(), Proposal.objects.count(), Score.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (SourcingEvent.objects.count(), Proposal.objects.count(), Score.objects.count()) == counts
    closed = SourcingEvent.objects.get(program__code="CS-2026", status="awarded")
    award = AwardDecision.objects.get(event=closed)
    assert award.approved_at and award.proposal.vendor.name.startswith("Apex")
    evaluator = User.objects.get(username="evaluator")
    rows = evaluation_matrix(closed, evaluator)["rows"]
    assert rows[0]["row"].rank == 1 and rows[0]["proposal"] == award.proposal
    opened = SourcingEvent.objects.get(program__code="AP-2026", title=OPEN_TITLE)
    assert not opened.is_unsealed
    assert not Proposal.objects.visible_to(evaluator).filter(event=opened).exists()  # sealed
    client.force_login(evaluator)
    assert client.get(reverse("vendors:evaluation", args=[closed.pk])).status_code == 200
    assert client.get(f"/api/v1/scores/?event={closed.pk}").json()["count"] == 8


def test_demo_evaluator_has_proposals_to_score_and_nothing_else_of_the_programs(db, client):
    call_command("load_demo", stdout=StringIO())
    evaluator = User.objects.get(username="evaluator")
    tender = SourcingEvent.objects.get(program__code="AP-2026", title=SCORING_TITLE)
    assert tender.is_unsealed
    assert Proposal.objects.visible_to(evaluator).filter(event=tender).count() == 2
    client.force_login(evaluator)
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("vendors:score_sheet", args=[tender.pk]) in home
    sheet = client.get(reverse("vendors:score_sheet", args=[tender.pk]))
    assert sheet.status_code == 200 and "Apex" in sheet.content.decode()
    assert client.get(tender.get_absolute_url()).status_code == 200
    # The programs they evaluate for are named on the event, never opened.
    assert client.get(tender.program.get_absolute_url()).status_code == 404
    assert client.get("/api/v1/programs/").json()["count"] == 0
