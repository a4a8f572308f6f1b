"""The demo's sourcing: a closed, scored and awarded CS-2026 event and an open AP-2026 one, loaded once."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from bpo.accounts.models import User
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
    opened = SourcingEvent.objects.get(program__code="AP-2026", status="published")
    assert not opened.is_unsealed
    assert not Proposal.objects.visible_to(evaluator).filter(event=opened).exists()  # sealed
    client.force_login(evaluator)
    assert client.get(reverse("vendors:evaluation", args=[closed.pk])).status_code == 200
    assert client.get(f"/api/v1/scores/?event={closed.pk}").json()["count"] == 8
