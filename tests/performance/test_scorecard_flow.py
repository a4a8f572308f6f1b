"""The scorecard workflow through its services: drafting (job and manager), rating, publishing, disputes."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bpo.core.models import Notification
from performance.models import Scorecard, ScorecardDispute
from performance.scorecards import services, tasks

from .scorecard_helpers import finalized_period, template


def _published(cast, django_capture_on_commit_callbacks):
    template()
    period = finalized_period(cast)
    card, _ = services.scorecard_draft(period=period, by=cast.manager)
    services.scorecard_set_reviewers(scorecard=card, reviewers=[cast.manager, cast.contributor], by=cast.manager)
    services.scorecard_rate(scorecard=card, by=cast.manager, rating=4, comment="Strong team, slow start")
    services.scorecard_rate(scorecard=card, by=cast.contributor, rating=5)
    budget = card.lines.get(kind="budget_adherence")
    services.scorecard_score_line(line=budget, by=cast.manager, score=D("80"))
    manual = card.lines.get(kind="manual")
    services.scorecard_score_line(line=manual, by=cast.manager, score=D("60"))
    services.scorecard_submit(scorecard=card, by=cast.manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.scorecard_publish(scorecard=card, by=cast.manager)
    card.refresh_from_db()
    return card


def test_job_drafts_one_scorecard_per_finalized_period_and_is_idempotent(cast):
    template()
    period = finalized_period(cast)
    assert tasks.draft_scorecards.delay().get() == 1
    assert tasks.draft_scorecards.delay().get() == 0
    card = Scorecard.objects.get()
    assert card.period == period and card.status == "draft"
    sla = card.lines.get(kind="sla_attainment")
    assert sla.score == D("50.00")  # (100 + 50 + 0) / 3, insufficient excluded
    # reviewers, budget and manual are still missing: only SLA counts, the card is flagged
    assert card.is_partial and card.total == D("50.00") and card.band == "needs_improvement"


def test_program_template_wins_over_the_global_one(cast):
    template()
    own = template(program=cast.program_a, criteria=[("SLA", "sla_attainment", 100)])
    card, created = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    assert created and card.template == own and not card.is_partial


def test_template_weights_must_sum_to_100(cast):
    template(criteria=[("SLA", "sla_attainment", 60), ("Manual", "manual", 30)])
    with pytest.raises(ValidationError):
        services.scorecard_draft(period=finalized_period(cast), by=cast.manager)


def test_only_managers_draft_and_only_named_reviewers_rate(cast):
    template()
    period = finalized_period(cast)
    with pytest.raises(PermissionDenied):
        services.scorecard_draft(period=period, by=cast.contributor)
    card, _ = services.scorecard_draft(period=period, by=cast.manager)
    with pytest.raises(PermissionDenied):
        services.scorecard_rate(scorecard=card, by=cast.viewer, rating=3)


def test_total_with_every_criterion_hand_computed(cast, django_capture_on_commit_callbacks):
    card = _published(cast, django_capture_on_commit_callbacks)
    # SLA 50, reviewers median(75, 100) = 87.5, budget 80, manual 60
    # (40 x 50 + 30 x 87.5 + 20 x 80 + 10 x 60) / 100 = (2000 + 2625 + 1600 + 600) / 100 = 68.25
    assert card.total == D("68.25") and card.band == "needs_improvement" and not card.is_partial
    assert Notification.objects.filter(recipient=cast.vendor_x_admin, event_key=f"scorecard-published-{card.pk}")


def test_vendor_disputes_staff_accept_and_both_scores_stay(cast, django_capture_on_commit_callbacks):
    card = _published(cast, django_capture_on_commit_callbacks)
    sla = card.lines.get(kind="sla_attainment")
    with pytest.raises(PermissionDenied):
        services.scorecard_dispute(line=sla, by=cast.vendor_y_admin, reason="not yours")
    with django_capture_on_commit_callbacks(execute=True):
        dispute = services.scorecard_dispute(line=sla, by=cast.vendor_x_admin, reason="The breach was excused")
    assert Notification.objects.filter(recipient=cast.manager, event_key=f"scorecard-dispute-{dispute.pk}")
    with pytest.raises(ValidationError):
        services.scorecard_dispute(line=sla, by=cast.vendor_x_user, reason="again")
    with pytest.raises(PermissionDenied):
        services.scorecard_resolve_dispute(dispute=dispute, by=cast.contributor, accept=True, corrected_score=100)
    services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=True, corrected_score=D("75"))
    sla.refresh_from_db()
    card.refresh_from_db()
    assert sla.original_score == D("50.00") and sla.score == D("75")
    # (40 x 75 + 2625 + 1600 + 600) / 100 = 78.25
    assert card.total == D("78.25") and card.band == "good"
    dispute.refresh_from_db()
    assert dispute.status == "accepted" and dispute.score_before == D("50.00") and dispute.corrected_score == D("75")


def test_staff_reject_a_dispute_with_a_reason_and_the_score_stands(cast, django_capture_on_commit_callbacks):
    card = _published(cast, django_capture_on_commit_callbacks)
    manual = card.lines.get(kind="manual")
    dispute = services.scorecard_dispute(line=manual, by=cast.vendor_x_user, reason="We innovated a lot")
    with pytest.raises(ValidationError):
        services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=False, reason="")
    services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=False, reason="No evidence given")
    card.refresh_from_db()
    assert card.total == D("68.25")
    assert ScorecardDispute.objects.get().status == "rejected"


def test_vendor_acknowledges_and_never_sees_drafts_or_other_vendors(cast, django_capture_on_commit_callbacks):
    card = _published(cast, django_capture_on_commit_callbacks)
    services.scorecard_acknowledge(scorecard=card, by=cast.vendor_x_user)
    card.refresh_from_db()
    assert card.acknowledged_by == cast.vendor_x_user
    assert list(Scorecard.objects.visible_to(cast.vendor_x_admin)) == [card]
    assert not Scorecard.objects.visible_to(cast.vendor_y_admin).exists()
    draft, _ = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    assert draft not in Scorecard.objects.visible_to(cast.vendor_x_admin)
    assert not Scorecard.objects.visible_to(cast.outsider).exists()


def test_published_scorecard_cannot_be_rescored(cast, django_capture_on_commit_callbacks):
    card = _published(cast, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        services.scorecard_score_line(line=card.lines.get(kind="manual"), by=cast.manager, score=100)


def test_vendor_never_sees_a_draft_or_another_vendors_scorecard(cast, client):
    template()
    draft, _ = services.scorecard_draft(period=finalized_period(cast), by=cast.manager)
    client.force_login(cast.vendor_x_admin)
    assert client.get(f"/portal/scorecards/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/scorecards/{draft.pk}/").status_code == 404


def test_no_acknowledgement_while_a_dispute_is_open(cast, django_capture_on_commit_callbacks):
    card = _published(cast, django_capture_on_commit_callbacks)
    dispute = services.scorecard_dispute(
        line=card.lines.get(kind="manual"), by=cast.vendor_x_user, reason="We innovated a lot"
    )
    with pytest.raises(ValidationError, match="still open"):
        services.scorecard_acknowledge(scorecard=card, by=cast.vendor_x_admin)
    card.refresh_from_db()
    assert card.acknowledged_at is None
    services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=False, reason="No evidence given")
    services.scorecard_acknowledge(scorecard=card, by=cast.vendor_x_admin)
    card.refresh_from_db()
    assert card.acknowledged_by == cast.vendor_x_admin


def test_a_corrected_total_clears_the_acknowledgement_in_the_history(cast, django_capture_on_commit_callbacks):
    from auditlog.models import LogEntry

    card = _published(cast, django_capture_on_commit_callbacks)
    services.scorecard_acknowledge(scorecard=card, by=cast.vendor_x_user)
    # Acknowledged first, disputed later (the manual criterion)
    rejected = services.scorecard_dispute(line=card.lines.get(kind="manual"), by=cast.vendor_x_user, reason="More")
    services.scorecard_resolve_dispute(dispute=rejected, by=cast.manager, accept=False, reason="No evidence")
    card.refresh_from_db()
    assert card.acknowledged_by == cast.vendor_x_user  # the total did not change: the acknowledgement stands
    accepted = services.scorecard_dispute(
        line=card.lines.get(kind="budget_adherence"), by=cast.vendor_x_user, reason="x"
    )
    services.scorecard_resolve_dispute(dispute=accepted, by=cast.manager, accept=True, corrected_score=D("85"))
    card.refresh_from_db()
    # (2000 + 2625 + 20 x 85 + 600) / 100 = 69.25
    assert card.total == D("69.25") and card.acknowledged_at is None and card.acknowledged_by is None
    entry = LogEntry.objects.get_for_object(card).order_by("-pk").first()
    assert entry.actor == cast.manager and entry.changes_dict["acknowledged_at"][1] in (None, "None")
    services.scorecard_acknowledge(scorecard=card, by=cast.vendor_x_user)
    card.refresh_from_db()
    assert card.acknowledged_by == cast.vendor_x_user
