"""The register: creating, assessing (with history), access, and the strategy gate's selector."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from risk import selectors, services
from risk.models import Risk, RiskReview


def tie_vendor(program, vendor):
    """A contract of `vendor` in `program` (once): only such a vendor may be a risk's vendor or own actions."""
    from contracts.models import Contract
    from tests.contracts.factories import ContractFactory

    return Contract.objects.filter(program=program, vendor=vendor).first() or ContractFactory(
        program=program, vendor=vendor
    )


def make_risk(cast, by=None, **extra):
    if extra.get("vendor") is not None:
        tie_vendor(extra.get("program", cast.program_a), extra["vendor"])
    data = {
        "program": cast.program_a,
        "title": "Key vendor insolvency",
        "category": "vendor_dependency",
        "event": "The vendor goes bankrupt",
        **extra,
    }
    return services.risk_create(by=by or cast.manager, **data)


def assess(risk, by, il, ii, rl, ri, **kw):
    return services.risk_assess(
        risk=risk, by=by, inherent_likelihood=il, inherent_impact=ii, residual_likelihood=rl, residual_impact=ri, **kw
    )


def test_new_risk_is_unassessed_and_listed_by_the_strategy_gate_selector(cast):
    risk = make_risk(cast)
    assert risk.inherent_score is None and risk.residual_level == ""
    assert list(selectors.unassessed_risks(cast.program_a)) == [risk]
    assert list(selectors.unassessed_risks(cast.program_b)) == []
    assess(risk, cast.manager, 3, 4, 2, 3)
    assert list(selectors.unassessed_risks(cast.program_a)) == []


def test_closed_risks_are_not_unassessed(cast):
    make_risk(cast, status="closed")
    assert not selectors.unassessed_risks(cast.program_a).exists()


def test_each_assessment_is_kept_and_the_risk_shows_the_latest(cast):
    risk = make_risk(cast)
    assess(risk, cast.manager, 4, 5, 3, 4, notes="first")
    assess(risk, cast.contributor, 4, 5, 2, 2, notes="controls work")
    risk.refresh_from_db()
    assert (risk.inherent_score, risk.inherent_level) == (20, "critical")
    assert (risk.residual_score, risk.residual_level) == (4, "low")
    history = list(risk.reviews.order_by("reviewed_at", "pk"))
    assert [(r.residual_score, r.residual_level, r.notes) for r in history] == [
        (12, "high", "first"),
        (4, "low", "controls work"),
    ]
    assert history[1].reviewed_by == cast.contributor
    trend = selectors.score_trend(risk)
    assert [p["review"] for p in trend] == history
    # SVG y grows downwards: the residual line goes down as the score falls from 12 to 4.
    assert trend[0]["yr"] < trend[1]["yr"]


def test_assessment_sets_next_review_from_the_frequency(cast):
    risk = make_risk(cast, review_frequency="quarterly")
    assess(risk, cast.manager, 2, 2, 1, 2)
    risk.refresh_from_db()
    today = timezone.localdate()
    assert risk.next_review_date > today
    assert (risk.next_review_date - today).days in range(89, 93)
    assert risk.assessed_at is not None


def test_residual_cannot_exceed_inherent(cast):
    risk = make_risk(cast)
    with pytest.raises(ValidationError) as exc:
        assess(risk, cast.manager, 2, 2, 3, 3)
    assert "residual_impact" in exc.value.message_dict
    assert not RiskReview.objects.exists()


def test_next_review_cannot_be_in_the_past(cast):
    risk = make_risk(cast)
    with pytest.raises(ValidationError):
        assess(risk, cast.manager, 2, 2, 1, 1, next_review_date=timezone.localdate() - datetime.timedelta(days=1))


@pytest.mark.parametrize("role", ["viewer", "evaluator", "finance", "executive", "outsider", "vendor_x_admin"])
def test_only_editors_of_the_program_assess(cast, role):
    risk = make_risk(cast)
    with pytest.raises(PermissionDenied):
        assess(risk, getattr(cast, role), 1, 1, 1, 1)


def test_contributor_creates_risks_in_their_program_only(cast):
    make_risk(cast, by=cast.contributor)
    with pytest.raises(PermissionDenied):
        make_risk(cast, by=cast.contributor, program=cast.program_b)


def test_visibility_follows_program_membership(cast):
    risk = make_risk(cast)
    for role in ("admin", "manager", "contributor", "viewer", "executive"):
        assert Risk.objects.visible_to(getattr(cast, role)).filter(pk=risk.pk).exists(), role
    # An evaluator membership reads nothing of the program (its assigned sourcing events only);
    # finance and legal read every program's money or contracts, its risks only as members.
    for role in ("outsider", "evaluator", "finance", "legal", "vendor_x_admin", "vendor_y_admin"):
        assert not Risk.objects.visible_to(getattr(cast, role)).exists(), role
    assert set(Risk.objects.editable_by(cast.contributor)) == {risk}
    assert not Risk.objects.editable_by(cast.viewer).exists()


def test_sharing_needs_a_vendor(cast):
    with pytest.raises(ValidationError):
        make_risk(cast, shared_with_vendor=True)


def test_database_refuses_a_likelihood_outside_the_scale(cast):
    risk = make_risk(cast)
    with pytest.raises(IntegrityError):
        Risk.objects.filter(pk=risk.pk).update(inherent_likelihood=6)


def test_update_changes_fields_but_not_scores(cast):
    risk = make_risk(cast)
    assess(risk, cast.manager, 3, 3, 2, 2)
    services.risk_update(risk=risk, by=cast.contributor, title="Renamed", inherent_likelihood=5)
    risk.refresh_from_db()
    assert risk.title == "Renamed" and risk.inherent_likelihood == 3
