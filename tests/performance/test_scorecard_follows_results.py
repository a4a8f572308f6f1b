"""A period reopened and evaluated again: its scorecard follows the new results.

User test: 2026-09 reopened, 80 late ASA20 samples, evaluated again -> ASA20 BREACH with a credit
of 4,000.00, while the published scorecard still said "Service levels 100.00 - 4 of 4 results with
enough data", Excellent, with no note. A draft (or in review) scorecard is recomputed; a published
one (acknowledged, disputed) goes back to review, flagged out of date with a note on the staff page,
the portal and the API, and the vendor and the managers are told."""

from datetime import date
from decimal import Decimal as D

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bpo.core.models import Notification
from performance.models import Credit, Period, Scorecard
from performance.scorecards import services
from performance.services import contract_run, period_reopen
from tests.contracts.factories import ContractFactory

from .helpers import at, level, samples
from .scorecard_helpers import template

CRITERIA = [("Service levels", "sla_attainment", 60), ("Innovation", "manual", 40)]


def _final_january(cast):
    """A contract whose January is finalized with its one SLA MET (average 90 against 80)."""
    contract = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", terms_version=1)
    sl = level(contract, "ASA20", expected=80, minimum=75, allocation_pct=40)
    samples(sl, [90])
    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    jan = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    assert jan.status == "finalized"
    return contract, sl, jan


def _scored_card(cast, jan):
    template(criteria=CRITERIA)
    card, _ = services.scorecard_draft(period=jan, by=cast.manager)
    services.scorecard_score_line(line=card.lines.get(kind="manual"), by=cast.manager, score=D("80"))
    card.refresh_from_db()
    assert card.lines.get(kind="sla_attainment").score == D("100.00")
    assert card.total == D("92.00") and card.band == "excellent"  # (60 x 100 + 40 x 80) / 100
    return card


def _published_card(cast, jan, capture):
    card = _scored_card(cast, jan)
    services.scorecard_submit(scorecard=card, by=cast.manager)
    with capture(execute=True):
        services.scorecard_publish(scorecard=card, by=cast.manager)
    card.refresh_from_db()
    return card


def _breach_after_reopening(cast, contract, sl, jan, capture):
    """Reopened; late samples (average (90 + 10 + 10) / 3 = 36.67, below 75): BREACH; evaluated again."""
    period_reopen(period=jan, by=cast.manager, reason="Vendor sent late data")
    samples(sl, [10, 10], when=at(2026, 1, 20))
    with capture(execute=True):
        contract_run(contract_id=contract.pk, now=at(2026, 2, 12))
    jan.refresh_from_db()
    assert jan.status == "finalized"
    assert Credit.objects.get(period=jan).amount == D("4000.00")


def test_a_draft_scorecard_is_recomputed_from_the_new_results(cast, django_capture_on_commit_callbacks):
    contract, sl, jan = _final_january(cast)
    card = _scored_card(cast, jan)
    _breach_after_reopening(cast, contract, sl, jan, django_capture_on_commit_callbacks)
    card.refresh_from_db()
    line = card.lines.get(kind="sla_attainment")
    assert line.score == D("0.00") and line.basis_values == {"counted": 1, "total": 1}
    assert card.total == D("32.00") and card.band == "unsatisfactory"  # (60 x 0 + 40 x 80) / 100
    assert card.status == "draft" and card.outdated_at is None  # never shown to the vendor: no flag
    assert not Notification.objects.filter(event_key__startswith="scorecard-outdated").exists()
    entry = LogEntry.objects.get_for_object(line).order_by("-pk").first()  # the engine's change, no actor
    assert entry.changes_dict["score"] == ["100.00", "0.00"] and entry.actor is None


def test_an_acknowledged_published_scorecard_goes_back_to_review_out_of_date(
    cast, client, django_capture_on_commit_callbacks
):
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, django_capture_on_commit_callbacks)
    services.scorecard_acknowledge(scorecard=card, by=cast.vendor_x_admin)
    _breach_after_reopening(cast, contract, sl, jan, django_capture_on_commit_callbacks)

    card.refresh_from_db()
    assert card.status == "in_review" and card.outdated_at is not None
    assert card.outdated_values == {"was": "100.00"}
    assert card.acknowledged_at is None and card.acknowledged_by is None  # it acknowledged another total
    assert card.lines.get(kind="sla_attainment").score == D("0.00")
    assert card.total == D("32.00") and card.band == "unsatisfactory"
    assert Notification.objects.filter(recipient=cast.vendor_x_admin, event_key__startswith="scorecard-outdated-")
    assert Notification.objects.filter(recipient=cast.manager, event_key__startswith="scorecard-outdated-staff-")
    note = "SLA attainment was 100.00, now 0.00"  # staff's note; the vendor's names no figure under review

    client.force_login(cast.vendor_x_admin)
    page = client.get(f"/portal/scorecards/{card.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="outdated"' in html and "It is being reviewed again" in html and note not in html
    assert "/acknowledge/" not in html and 'data-testid="dispute"' not in html  # until published anew
    assert 'data-testid="outdated"' in client.get("/portal/scorecards/").content.decode()
    api = client.get(f"/api/v1/scorecards/{card.pk}/").json()
    # The figures as published (tests/performance/test_scorecard_review_vendor_view.py), not 32.00.
    assert api["status"] == "in_review" and api["total"] == "92.00" and api["outdated_at"]
    assert "being reviewed again" in api["outdated_note"] and "now 0.00" not in api["outdated_note"]
    assert api["lines"][0]["score"] == "100.00"

    client.force_login(cast.manager)
    staff = client.get(f"/scorecards/{card.pk}/").content.decode()
    assert 'data-testid="outdated"' in staff and note in staff and 'data-testid="publish"' in staff


def test_evaluating_again_changes_nothing_more_and_publishing_anew_clears_the_flag(
    cast, client, django_capture_on_commit_callbacks
):
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, django_capture_on_commit_callbacks)
    _breach_after_reopening(cast, contract, sl, jan, django_capture_on_commit_callbacks)
    card.refresh_from_db()
    flagged = card.outdated_at
    period_reopen(period=jan, by=cast.manager, reason="Check once more")
    with django_capture_on_commit_callbacks(execute=True):
        contract_run(contract_id=contract.pk, now=at(2026, 2, 13))  # same data, same results
    card.refresh_from_db()
    assert card.outdated_at == flagged and card.status == "in_review"
    assert (
        Notification.objects.filter(recipient=cast.vendor_x_admin, event_key__startswith="scorecard-outdated-").count()
        == 1
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.scorecard_publish(scorecard=card, by=cast.manager)
    card.refresh_from_db()
    assert card.status == "published" and card.outdated_at is None and card.outdated_values == {}
    assert Notification.objects.filter(recipient=cast.vendor_x_admin, event_key__startswith="scorecard-republished-")
    client.force_login(cast.vendor_x_admin)
    html = client.get(f"/portal/scorecards/{card.pk}/").content.decode()
    assert 'data-testid="outdated"' not in html and "/acknowledge/" in html
    assert client.get(f"/api/v1/scorecards/{card.pk}/").json()["outdated_note"] == ""


def test_results_left_as_they_were_leave_the_published_scorecard(cast, django_capture_on_commit_callbacks):
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, django_capture_on_commit_callbacks)
    period_reopen(period=jan, by=cast.manager, reason="Nothing new after all")
    samples(sl, [95], when=at(2026, 1, 20))  # still MET
    contract_run(contract_id=contract.pk, now=at(2026, 2, 12))
    card.refresh_from_db()
    assert card.status == "published" and card.outdated_at is None and card.total == D("92.00")


def test_a_disputed_scorecard_goes_back_to_review_and_its_dispute_stays_open(cast, django_capture_on_commit_callbacks):
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, django_capture_on_commit_callbacks)
    line = card.lines.get(kind="manual")
    dispute = services.scorecard_dispute(line=line, by=cast.vendor_x_admin, reason="We innovated")
    _breach_after_reopening(cast, contract, sl, jan, django_capture_on_commit_callbacks)
    card.refresh_from_db()
    dispute.refresh_from_db()
    assert card.status == "in_review" and card.outdated_at is not None and dispute.status == "open"
    # Staff still resolve it while the scorecard is in review; the recomputed SLA line stays.
    services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=True, corrected_score=D("90"))
    card.refresh_from_db()
    assert card.lines.get(kind="sla_attainment").score == D("0.00") and card.total == D("36.00")


def test_a_corrected_sla_score_gives_way_to_new_results(cast, django_capture_on_commit_callbacks):
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, django_capture_on_commit_callbacks)
    sla = card.lines.get(kind="sla_attainment")
    dispute = services.scorecard_dispute(line=sla, by=cast.vendor_x_admin, reason="Count the outage")
    services.scorecard_resolve_dispute(dispute=dispute, by=cast.manager, accept=True, corrected_score=D("95"))
    contract_run(contract_id=contract.pk, now=at(2026, 2, 11))  # nothing new: the correction stands
    sla.refresh_from_db()
    assert (sla.score, sla.original_score) == (D("95"), D("100.00"))
    _breach_after_reopening(cast, contract, sl, jan, django_capture_on_commit_callbacks)
    sla.refresh_from_db()
    card.refresh_from_db()
    assert (sla.score, sla.original_score) == (D("0.00"), None)
    assert card.outdated_values == {"was": "95.00"} and card.status == "in_review"


def _queries(card):
    with CaptureQueriesContext(connection) as ctx:
        services.scorecard_recompute(scorecard=Scorecard.objects.get(pk=card.pk))
    return len(ctx.captured_queries)


def test_recompute_is_set_based_whatever_the_number_of_lines(cast):
    contract, sl, jan = _final_january(cast)
    few = template(criteria=[("SLA", "sla_attainment", 50), ("Reviewers", "reviewer_rating", 50)])
    card, _ = services.scorecard_draft(period=jan, by=cast.manager, template=few)
    services.scorecard_set_reviewers(scorecard=card, reviewers=[cast.manager], by=cast.manager)
    fewer = _queries(card)
    # The same SLA line and eight reviewer-rating lines, each rated, on February's card.
    many = template(
        criteria=[("SLA", "sla_attainment", 20)] + [(f"Reviewers {i}", "reviewer_rating", 10) for i in range(8)]
    )
    contract_run(contract_id=contract.pk, now=at(2026, 3, 10))
    feb = Period.objects.get(contract=contract, start=date(2026, 2, 1))
    big, _ = services.scorecard_draft(period=feb, by=cast.manager, template=many)
    services.scorecard_set_reviewers(scorecard=big, reviewers=[cast.manager], by=cast.manager)
    with set_actor(cast.manager):
        services.scorecard_rate(scorecard=big, by=cast.manager, rating=4)
    rated = big.lines.filter(kind="reviewer_rating").first()
    assert LogEntry.objects.get_for_object(rated).order_by("-pk").first().actor == cast.manager
    assert big.lines.count() == 9
    assert _queries(big) == fewer


def test_the_note_and_the_notifications_in_chinese(cast, client, django_capture_on_commit_callbacks):
    for user in (cast.vendor_x_admin, cast.manager):
        user.language = "zh-hans"
        user.save(update_fields=["language"])
    contract, sl, jan = _final_january(cast)
    card = _published_card(cast, jan, django_capture_on_commit_callbacks)
    _breach_after_reopening(cast, contract, sl, jan, django_capture_on_commit_callbacks)
    told = Notification.objects.get(recipient=cast.vendor_x_admin, event_key__startswith="scorecard-outdated-")
    assert "已过期" in told.title and "重新审核" in told.body
    assert (
        "已过期" in Notification.objects.get(recipient=cast.manager, event_key__startswith="scorecard-outdated-").title
    )
    client.force_login(cast.vendor_x_admin)
    note = client.get(f"/api/v1/scorecards/{card.pk}/").json()["outdated_note"]
    assert "已过期" in note and "重新审核" in note and "Out of date" not in note
    assert "已过期：正在重新审核" in client.get("/portal/scorecards/").content.decode()
