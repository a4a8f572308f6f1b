"""Status reports count the risks as they were on the report's day (the month's last day, or
today): open then, at their level then, read from the audit log and the risk reviews."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from delivery.status_report import compute_figures, status_report_create
from risk import services as risk_services
from risk.models import Risk, RiskReview
from risk.selectors import risk_levels_on
from tests.contracts.factories import contract_of_a

from .status_history import noon, on_day

NOV = date(2025, 11, 1)
DRAFTED = date(2025, 12, 5)  # November's report, drafted in December
HIGH = (4, 4, 4, 3)  # residual 12
CRITICAL = (5, 5, 5, 4)  # residual 20
MEDIUM = (3, 3, 3, 3)  # residual 9
LOW = (4, 4, 2, 2)  # inherent high, residual 4


def _assess(cast, risk, scores, day):
    il, ii, rl, ri = scores
    with on_day(day):
        risk_services.risk_assess(
            risk=risk,
            by=cast.manager,
            inherent_likelihood=il,
            inherent_impact=ii,
            residual_likelihood=rl,
            residual_impact=ri,
        )


def _risk(cast, title, day, scores=HIGH, **kw):
    with on_day(day):
        risk = risk_services.risk_create(
            by=cast.manager, program=cast.program_a, title=title, category="operational", event=title, **kw
        )
    if scores:
        _assess(cast, risk, scores, day)
    return risk


def _status(cast, risk, status, day):
    with on_day(day):
        risk_services.risk_update(risk=risk, by=cast.manager, status=status)


def _counts(program=None, period=NOV, today=DRAFTED, contract=None):
    f = compute_figures(program=program, period=period, contract=contract, today=today)
    return f["risks_high"], f["risks_critical"]


def test_a_risk_closed_after_the_month_counts_for_it_one_closed_within_it_does_not(cast):
    later = _risk(cast, "Closed in December", date(2025, 10, 10))
    _status(cast, later, "closed", date(2025, 12, 2))
    within = _risk(cast, "Closed in November", date(2025, 10, 10), CRITICAL)
    _status(cast, within, "closed", date(2025, 11, 20))
    program = cast.program_a
    assert _counts(program) == (1, 0)
    assert _counts(program, period=date(2025, 10, 1)) == (1, 1)  # October: both open
    assert _counts(program, period=date(2025, 12, 1)) == (0, 0)  # December, as of the 5th: both closed
    report = status_report_create(program=program, period=NOV, by=cast.manager, today=DRAFTED)
    assert report.figures["as_of"] == "2025-11-30" and report.risk_rag == "amber"


def test_a_risk_created_after_the_month_does_not_count_one_created_on_its_last_day_does(cast):
    _risk(cast, "December", date(2025, 12, 1), CRITICAL)
    _risk(cast, "Last day", date(2025, 11, 30))
    assert _counts(cast.program_a) == (1, 0)
    assert _counts(cast.program_a, period=date(2025, 12, 1)) == (1, 1)


def test_a_reopened_risk_counts_while_it_was_open(cast):
    reopened_later = _risk(cast, "Reopened in December", date(2025, 9, 10))
    _status(cast, reopened_later, "closed", date(2025, 10, 20))
    _status(cast, reopened_later, "open", date(2025, 12, 3))
    reopened_within = _risk(cast, "Reopened in November", date(2025, 9, 10), CRITICAL)
    _status(cast, reopened_within, "closed", date(2025, 10, 20))
    _status(cast, reopened_within, "open", date(2025, 11, 15))
    program = cast.program_a
    assert _counts(program) == (0, 1)
    assert _counts(program, period=date(2025, 10, 1)) == (0, 0)
    assert _counts(program, period=date(2025, 9, 1)) == (1, 1)
    assert _counts(program, period=date(2025, 12, 1)) == (1, 1)


def test_a_level_changed_after_the_month_counts_at_its_old_level(cast):
    raised = _risk(cast, "Raised in December", date(2025, 10, 10), MEDIUM)
    _assess(cast, raised, CRITICAL, date(2025, 12, 2))
    lowered = _risk(cast, "Lowered in December", date(2025, 10, 10), HIGH)
    _assess(cast, lowered, LOW, date(2025, 12, 2))
    first_assessed_later = _risk(cast, "Assessed in December", date(2025, 10, 10), scores=None)
    _assess(cast, first_assessed_later, CRITICAL, date(2025, 12, 2))
    twice_within = _risk(cast, "Reviewed twice", date(2025, 10, 10), LOW)
    _assess(cast, twice_within, CRITICAL, date(2025, 11, 5))
    program = cast.program_a
    assert _counts(program) == (1, 1)  # lowered at high, twice_within at critical
    assert _counts(program, period=date(2025, 10, 1)) == (1, 0)  # lowered only
    assert _counts(program, period=date(2025, 12, 1)) == (0, 3)
    levels = risk_levels_on(Risk.objects.filter(program=program), date(2025, 11, 30))
    assert levels == {raised.pk: "medium", lowered.pk: "high", first_assessed_later.pk: "", twice_within.pk: "critical"}


def test_scores_set_outside_a_review(cast):
    # Loaded with its scores (no review): its current level, the only one known.
    with on_day(date(2025, 10, 1)):
        loaded = Risk.objects.create(
            program=cast.program_a,
            title="Imported",
            category="legal",
            event="x",
            inherent_likelihood=5,
            inherent_impact=5,
            residual_likelihood=5,
            residual_impact=4,
        )
    assert not loaded.reviews.exists()
    # Reviewed high in October, then changed to critical outside a review (the admin) in
    # November, and back to high by a review in December.
    edited = _risk(cast, "Edited in the admin", date(2025, 10, 10), HIGH)
    with on_day(date(2025, 11, 10)):
        edited.residual_likelihood, edited.residual_impact = 5, 5
        edited.inherent_likelihood, edited.inherent_impact = 5, 5
        edited.save()
    _assess(cast, edited, HIGH, date(2025, 12, 2))
    program = cast.program_a
    assert _counts(program, period=date(2025, 10, 1)) == (1, 1)
    assert _counts(program) == (0, 2)
    assert _counts(program, period=date(2025, 12, 1)) == (1, 1)
    # A review recorded without touching the risk (no audit entry) still gives its level.
    RiskReview.objects.create(
        risk=edited,
        reviewed_at=noon(date(2025, 11, 20)),
        inherent_likelihood=2,
        inherent_impact=2,
        inherent_score=4,
        inherent_level="low",
        residual_likelihood=2,
        residual_impact=2,
        residual_score=4,
        residual_level="low",
    )
    assert _counts(program) == (0, 1)


def test_a_vendor_report_counts_its_contract_risks_as_of_the_month_end(cast):
    contract = contract_of_a(cast)
    contract.start_date = date(2025, 1, 1)  # a report on November 2025 needs the term started by then
    contract.save(update_fields=["start_date"])
    closed_later = _risk(cast, "Contract risk closed in December", date(2025, 10, 10), CRITICAL, contract=contract)
    _status(cast, closed_later, "closed", date(2025, 12, 2))
    closed_within = _risk(cast, "Contract risk closed in November", date(2025, 10, 10), HIGH, contract=contract)
    _status(cast, closed_within, "closed", date(2025, 11, 3))
    _risk(cast, "Contract risk of December", date(2025, 12, 1), HIGH, contract=contract)
    _risk(cast, "Program risk", date(2025, 10, 10), HIGH)  # not the contract's
    report = status_report_create(contract=contract, period=NOV, by=cast.vendor_x_user, today=DRAFTED)
    assert (report.figures["risks_high"], report.figures["risks_critical"]) == (0, 1)
    assert report.risk_rag == "red"
    assert _counts(cast.program_a, contract=contract, period=date(2025, 12, 1)) == (1, 0)
    assert _counts(cast.program_a) == (1, 1)  # the program's report has both open ones


def _varied_register(cast, n: int):
    """n risks with a history in the past (closed, reopened, reassessed, never assessed)."""
    kinds = [HIGH, CRITICAL, MEDIUM, None]
    risks = []
    for i in range(n):
        risk = _risk(cast, f"Risk {i}", date(2025, 9, 1 + i % 20), kinds[i % 4])
        if i % 3 == 0:
            _status(cast, risk, "closed", date(2025, 10, 5))
        if i % 6 == 0:
            _status(cast, risk, "open", date(2025, 11, 5))
        if i % 5 == 1:
            _assess(cast, risk, LOW if i % 2 else CRITICAL, date(2025, 11, 10))
        risks.append(risk)
    return risks


def test_today_the_figures_are_the_current_risks(cast):
    risks = _varied_register(cast, 12)
    # Changes made today, at the real time, after the history.
    risk_services.risk_update(risk=risks[1], by=cast.manager, status="closed")
    risk_services.risk_update(risk=risks[3], by=cast.manager, status="closed")
    risk_services.risk_update(risk=risks[3], by=cast.manager, status="open")
    risk_services.risk_assess(
        risk=risks[2],
        by=cast.manager,
        inherent_likelihood=5,
        inherent_impact=5,
        residual_likelihood=5,
        residual_impact=5,
    )
    risk_services.risk_create(by=cast.manager, program=cast.program_a, title="Today", category="legal", event="x")
    current = [
        res or inh
        for res, inh in Risk.objects.filter(program=cast.program_a, status="open").values_list(
            "residual_level", "inherent_level"
        )
    ]
    want = (current.count("high"), current.count("critical"))
    assert want[0] >= 1 and want[1] >= 2 and Risk.objects.filter(status="closed").exists()
    today = timezone.localdate()
    assert _counts(cast.program_a, period=today, today=today) == want
    assert _counts(cast.program_a, period=today, today=None) == want
    levels = risk_levels_on(Risk.objects.filter(program=cast.program_a), today)
    assert set(levels) == set(Risk.objects.filter(program=cast.program_a, status="open").values_list("pk", flat=True))
    # The month's past figures differ from today's: the history is read, not the current rows.
    assert _counts(cast.program_a, period=date(2025, 10, 1)) != want


def _figure_queries(cast) -> int:
    with CaptureQueriesContext(connection) as queries:
        compute_figures(program=cast.program_a, period=NOV, today=DRAFTED)
    return len(queries.captured_queries)


def test_a_fixed_number_of_queries_whatever_the_number_of_risks(cast, django_assert_num_queries):
    risks = Risk.objects.filter(program=cast.program_a)
    _varied_register(cast, 3)
    few = _figure_queries(cast)
    _varied_register(cast, 30)
    assert risks.count() == 33
    with django_assert_num_queries(2):  # the risks with their latest review, the audit log
        levels = risk_levels_on(risks, date(2025, 11, 30))
    assert len(levels) > 16 and set(levels.values()) >= {"high", "critical", "low", "medium", ""}
    assert _figure_queries(cast) == few
