"""Quality audits (pass/fail at the acceptance edge), CAPA proposed once per breach and per failed
audit, the vendor's work on an action and staff verification, the scorecard's quality criterion."""

import datetime
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from performance.models import Period, Result, Scorecard
from performance.quality import computation
from performance.quality.services import audit_update, propose_for_breaches
from performance.scorecards.services import scorecard_draft, scorecard_score_line
from performance.services import contract_run, period_reopen
from risk import services as risk_services
from risk.models import CorrectiveAction
from tests.contracts.factories import contract_of_a

from .helpers import at, level, samples
from .quality_helpers import audit, standard
from .scorecard_helpers import finalized_period, template

pytestmark = pytest.mark.django_db


# --- the arithmetic ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "defects", "rate", "outcome"),
    [
        (200, 1, "0.5000", "pass"),  # exactly at the acceptance level 0.5 %: passes
        (600, 3, "0.5000", "pass"),
        (1999, 10, "0.5003", "fail"),  # 0.50025... rounds half-up to 0.5003 > 0.5
        (2001, 10, "0.4998", "pass"),
        (200, 2, "1.0000", "fail"),
        (3, 1, "33.3333", "fail"),
        (50, 0, "0.0000", "pass"),
    ],
)
def test_defect_rate_and_outcome_at_the_acceptance_edge(sample, defects, rate, outcome):
    assert computation.defect_rate(sample, defects) == D(rate)
    assert computation.outcome(computation.defect_rate(sample, defects), D("0.5")) == outcome


def test_pass_rate_is_rounded_half_up_and_empty_without_audits():
    assert computation.pass_rate(2, 3) == D("66.67")
    assert computation.pass_rate(1, 8) == D("12.50")
    assert computation.pass_rate(0, 0) is None


# --- audits and their CAPA -----------------------------------------------------------------


def test_audit_exactly_at_the_acceptance_level_passes_and_proposes_nothing(cast):
    a = audit(cast, standard(cast), sample=200, defects=1)
    assert (a.defect_rate, a.acceptance_level, a.outcome) == (D("0.5000"), D("0.5000"), "pass")
    assert not CorrectiveAction.objects.exists()


def test_failed_audit_proposes_one_corrective_action_however_often_it_is_saved(cast):
    a = audit(cast, standard(cast), sample=200, defects=2, findings="Wrong VAT codes")
    assert a.outcome == "fail" and a.defect_rate == D("1.0000")
    action = CorrectiveAction.objects.get()
    assert (action.source, action.audit, action.status, action.owner) == ("audit", a, "proposed", None)
    assert action.contract == a.contract and action.program == cast.program_a
    assert "Wrong VAT codes" in action.problem
    audit_update(audit=a, by=cast.manager, defects=3)
    audit_update(audit=a, by=cast.manager, findings="still failing")
    assert CorrectiveAction.objects.count() == 1
    with pytest.raises(ValidationError):  # and staff cannot raise a second one by hand either
        risk_services.action_create(
            by=cast.manager,
            program=cast.program_a,
            source="audit",
            audit=a,
            title="again",
            problem="x",
            owner=cast.contributor,
            due_date=date(2026, 3, 1),
        )


def test_audit_keeps_the_acceptance_level_it_was_judged_by(cast):
    std = standard(cast)
    a = audit(cast, std, sample=200, defects=1)
    from performance.quality.services import standard_update

    standard_update(standard=std, by=cast.manager, acceptance_level=D("0.2"))
    a.refresh_from_db()
    assert (a.acceptance_level, a.outcome) == (D("0.5000"), "pass")


def test_audit_refuses_more_defects_than_samples_and_a_contract_of_another_program(cast):
    std = standard(cast)
    with pytest.raises(ValidationError):
        audit(cast, std, sample=10, defects=11)
    from tests.contracts.factories import ContractFactory

    other = ContractFactory(program=cast.program_b, vendor=cast.vendor_y)
    with pytest.raises(ValidationError):
        audit(cast, std, contract=other)


def test_only_program_editors_record_audits(cast):
    std = standard(cast)
    from performance.quality.services import audit_record

    for user in (cast.viewer, cast.outsider, cast.vendor_x_admin, cast.finance):
        with pytest.raises(PermissionDenied):
            audit_record(
                by=user,
                standard=std,
                contract=contract_of_a(cast),
                period_start=date(2026, 1, 1),
                period_end=date(2026, 1, 31),
                audited_on=date(2026, 2, 2),
                sample_size=10,
                defects=0,
            )


# --- breaches ------------------------------------------------------------------------------


def _breaching_contract(cast):
    contract = contract_of_a(cast, start_date=date(2026, 1, 1))
    sl = level(contract, "ACC", expected=99.5, minimum=99)
    samples(sl, [95, 96])  # January: average 95.5 < minimum 99: BREACH
    return contract, sl


def test_provisional_breach_proposes_nothing_until_the_period_is_final(cast):
    contract, _sl = _breaching_contract(cast)
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    assert Result.objects.filter(state="breach").exists()
    assert not CorrectiveAction.objects.exists()


def test_breach_proposes_one_corrective_action_across_runs_and_a_reopening(cast):
    contract, sl = _breaching_contract(cast)
    contract_run(contract_id=contract.pk, now=at(2026, 2, 10))  # January finalized
    result = Result.objects.get(service_level=sl, state="breach")
    action = CorrectiveAction.objects.get()
    assert (action.source, action.result, action.status, action.contract) == ("breach", result, "proposed", contract)
    assert "ACC" in action.title and "2026-01" in action.title
    contract_run(contract_id=contract.pk, now=at(2026, 2, 11))
    period = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    period_reopen(period=period, by=cast.manager, reason="late data")
    contract_run(contract_id=contract.pk, now=at(2026, 2, 12))  # finalized again
    assert propose_for_breaches(period=period) == 0
    assert CorrectiveAction.objects.count() == 1
    assert Result.objects.get(service_level=sl, period=period).pk == result.pk


# --- the CAPA flow -------------------------------------------------------------------------


@pytest.fixture
def proposed(cast):
    audit(cast, standard(cast), sample=100, defects=5)
    return CorrectiveAction.objects.get()


def test_proposal_needs_an_owner_to_open_and_a_reason_to_dismiss(cast, proposed):
    with pytest.raises(ValidationError):
        risk_services.action_transition(action=proposed, to="open", by=cast.manager)
    with pytest.raises(ValidationError):
        risk_services.action_transition(action=proposed, to="dismissed", by=cast.manager)
    risk_services.action_transition(
        action=proposed, to="dismissed", by=cast.manager, verification_notes="sampling error"
    )
    proposed.refresh_from_db()
    assert proposed.status == "dismissed"


def test_vendor_works_on_its_action_and_staff_verify_to_close(cast, proposed):
    risk_services.action_update(
        action=proposed, by=cast.manager, owner=cast.vendor_x_user, due_date=date(2099, 3, 1), root_cause="Old rules"
    )
    proposed.refresh_from_db()
    assert proposed.vendor == cast.vendor_x
    # a proposal is not assigned yet: the vendor cannot touch it
    with pytest.raises(PermissionDenied):
        risk_services.action_vendor_progress(action=proposed, by=cast.vendor_x_admin, note="started")
    risk_services.action_transition(action=proposed, to="open", by=cast.manager)
    with pytest.raises(PermissionDenied):
        risk_services.action_vendor_progress(action=proposed, by=cast.vendor_y_admin, note="not mine")
    with pytest.raises(ValidationError):
        risk_services.action_vendor_progress(action=proposed, by=cast.vendor_x_admin, note="  ")
    action = risk_services.action_vendor_progress(action=proposed, by=cast.vendor_x_admin, note="Rules updated")
    assert (action.status, action.progress_note) == ("in_progress", "Rules updated")
    action = risk_services.action_vendor_progress(action=action, by=cast.vendor_x_user, note="Retrained", ready=True)
    assert action.status == "done" and action.done_at is not None
    # only staff verify, with notes on the effectiveness
    with pytest.raises(PermissionDenied):
        risk_services.action_transition(action=action, to="verified", by=cast.vendor_x_admin, verification_notes="x")
    with pytest.raises(ValidationError):
        risk_services.action_vendor_progress(action=action, by=cast.vendor_x_admin, note="more")
    with pytest.raises(ValidationError):
        risk_services.action_transition(action=action, to="verified", by=cast.manager)
    action = risk_services.action_transition(
        action=action, to="verified", by=cast.manager, verification_notes="Next audit passed"
    )
    assert (action.status, action.verified_by) == ("verified", cast.manager)


def test_an_open_action_cannot_be_verified_without_being_done(cast, proposed):
    risk_services.action_update(action=proposed, by=cast.manager, owner=cast.contributor)
    risk_services.action_transition(action=proposed, to="open", by=cast.manager)
    with pytest.raises(ValidationError):
        risk_services.action_transition(action=proposed, to="verified", by=cast.manager, verification_notes="ok")


# --- the scorecard's quality criterion -----------------------------------------------------


QUALITY_CRITERIA = [("Service levels", "sla_attainment", 50), ("Quality", "quality", 30), ("Other", "manual", 20)]


def test_scorecard_quality_is_the_period_audit_pass_rate(cast):
    # SLA results met + breach -> (100 + 0) / 2 = 50.00
    period = finalized_period(cast, states=("met", "breach"))
    std = standard(cast)
    contract = period.contract
    audit(cast, std, contract=contract, defects=0, end=date(2026, 1, 31))  # pass
    audit(cast, std, contract=contract, defects=1, end=date(2026, 1, 15))  # 0.5 %: pass (edge)
    audit(cast, std, contract=contract, defects=5, end=date(2026, 1, 10))  # fail
    audit(cast, std, contract=contract, defects=9, end=date(2026, 2, 1))  # next period: not counted
    type(contract).objects.filter(pk=contract.pk).update(start_date=date(2025, 12, 1))
    contract.refresh_from_db()  # (a sample cannot start before its contract)
    audit(cast, std, contract=contract, defects=9, end=date(2025, 12, 31))  # previous period
    template(criteria=QUALITY_CRITERIA)
    card, _ = scorecard_draft(period=period, by=cast.manager)
    quality = card.lines.get(kind="quality")
    assert quality.score == D("66.67")  # 2 of 3
    assert quality.basis_text == "2 of 3 quality audits passed" and quality.basis_values == {"passed": 2, "total": 3}
    with pytest.raises(ValidationError):  # computed: not scored by hand
        scorecard_score_line(line=quality, by=cast.manager, score=D("90"))
    other = card.lines.get(kind="manual")
    scorecard_score_line(line=other, by=cast.manager, score=D("80"))
    card = Scorecard.objects.get(pk=card.pk)
    # (50 x 50 + 30 x 66.67 + 20 x 80) / 100 = (2500 + 2000.10 + 1600) / 100 = 61.0010 -> 61.00
    assert card.total == D("61.00") and card.band == "needs_improvement"


def test_scorecard_quality_without_audits_is_scored_by_hand(cast):
    period = finalized_period(cast, states=("met",))
    template(criteria=QUALITY_CRITERIA)
    card, _ = scorecard_draft(period=period, by=cast.manager)
    quality = card.lines.get(kind="quality")
    assert quality.score is None and card.is_partial
    scorecard_score_line(line=quality, by=cast.manager, score=D("90"))
    quality.refresh_from_db()
    assert quality.score == D("90")


def test_due_date_of_a_proposal_is_suggested(cast, proposed):
    assert proposed.due_date > datetime.date.today()


def test_catch_up_job_proposes_missed_breaches_once(cast):
    from performance.quality.tasks import propose_breach_actions

    period = finalized_period(cast, states=("breach", "met", "breach"))
    assert propose_breach_actions() == 2
    assert propose_breach_actions() == 0
    assert CorrectiveAction.objects.filter(source="breach", result__period=period).count() == 2


def test_several_breaches_of_a_period_propose_one_action_each_with_audit_and_notifications(
    cast, django_capture_on_commit_callbacks
):
    from auditlog.models import LogEntry

    from bpo.core.models import Notification

    contract = contract_of_a(cast, start_date=date(2026, 1, 1))
    for code in ("ACC", "AHT", "FCR"):
        samples(level(contract, code, expected=99.5, minimum=99), [95, 96])
    with django_capture_on_commit_callbacks(execute=True):
        contract_run(contract_id=contract.pk, now=at(2026, 2, 10))
    actions = list(CorrectiveAction.objects.order_by("title"))
    assert [a.title.split()[2] for a in actions] == ["ACC", "AHT", "FCR"]
    assert {(a.source, a.status, a.contract_id, a.program_id) for a in actions} == {
        ("breach", "proposed", contract.pk, contract.program_id)
    }
    # Each has its audit-log "created" entry and a notification to the program's managers.
    for a in actions:
        entry = LogEntry.objects.get_for_object(a).get()
        assert entry.action == LogEntry.Action.CREATE and "title" in entry.changes
        assert Notification.objects.filter(recipient=cast.manager, event_key=f"capa:{a.pk}:proposed").exists()
    period = Period.objects.get(contract=contract, start=date(2026, 1, 1))
    assert propose_for_breaches(period=period) == 0
    assert CorrectiveAction.objects.count() == 3


def test_breach_proposals_take_the_same_queries_for_one_breach_or_many(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from risk.services import actions_propose_for_breaches

    contract = contract_of_a(cast, start_date=date(2026, 1, 1))
    for i in range(5):
        samples(level(contract, f"S{i}", expected=99.5, minimum=99), [95, 96])
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))  # provisional: nothing proposed yet
    results = list(
        Result.objects.filter(period__contract=contract, state="breach")
        .select_related("service_level", "period__contract__program")
        .order_by("pk")
    )
    assert len(results) == 5
    counts = []
    for batch in (results[:1], results[1:2], results[2:]):  # the first also looks up the content type
        with CaptureQueriesContext(connection) as ctx:
            assert actions_propose_for_breaches(results=batch) == len(batch)
        counts.append(len(ctx.captured_queries))
    assert CorrectiveAction.objects.count() == 5
    counts = counts[1:]
    assert counts[0] == counts[1]


def test_breach_proposal_of_a_result_twice_in_the_batch_still_makes_one_action(cast):
    """The unique key refuses the batch insert (as when another worker proposed meanwhile): each
    result is then proposed on its own, and finds the first."""
    from risk.services import actions_propose_for_breaches

    contract, _sl = _breaching_contract(cast)
    contract_run(contract_id=contract.pk, now=at(2026, 1, 20))
    result = Result.objects.select_related("service_level", "period__contract__program").get(state="breach")
    assert actions_propose_for_breaches(results=[result, result]) == 1
    assert CorrectiveAction.objects.filter(result=result).count() == 1
