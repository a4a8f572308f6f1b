"""Status reports: figures derived from the data, RAG by the thresholds, frozen on submit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from delivery.models import CostEntry, StatusReport
from delivery.status_report import (
    compute_figures,
    rag_for,
    status_report_create,
    status_report_save,
    status_report_submit,
    suggested_period,
    suggested_periods,
)
from performance.models import Period, Result
from risk import services as risk_services
from strategy.models import BudgetLine, Milestone
from tests.contracts.factories import contract_of_a

from .plan_factories import task
from .status_history import on_day

TODAY = date(2026, 3, 20)
MARCH = date(2026, 3, 1)


def _world(cast):
    program = cast.program_a
    contract = contract_of_a(cast)
    a = task(
        program,
        "Design",
        date(2026, 2, 1),
        date(2026, 2, 10),
        actual_start=date(2026, 2, 1),
        actual_finish=date(2026, 2, 15),
        percent_complete=100,
    )
    task(program, "Build", date(2026, 2, 16), date(2026, 2, 28), depends_on=[a], vendor=cast.vendor_x)
    task(program, "Train", date(2026, 4, 1), date(2026, 4, 10))
    Milestone.objects.create(
        program=program,
        name="Go-live",
        phase="transition",
        baseline_date=date(2026, 3, 1),
        forecast_date=date(2026, 3, 15),
    )
    BudgetLine.objects.create(program=program, category="transition", period="2026", planned_amount=Decimal("1000"))
    CostEntry.objects.create(
        program=program,
        category="transition",
        period=date(2026, 2, 1),
        amount=Decimal("850"),
        description="Travel",
        created_by=cast.manager,
    )
    period = Period.objects.create(contract=contract, kind="monthly", start=MARCH, end=date(2026, 4, 1))
    sls = [contract.service_levels.get()]
    for sl, state in zip(sls, ["breach"], strict=True):
        Result.objects.create(
            period=period,
            service_level=sl,
            state=state,
            expected=90,
            minimum=80,
            direction="higher",
            computed_at="2026-03-10T00:00Z",
        )
    with on_day(date(2026, 3, 2)):
        risk = risk_services.risk_create(
            by=cast.manager, program=program, title="Attrition", category="operational", event="Agents leave"
        )
        risk_services.risk_assess(
            risk=risk,
            by=cast.manager,
            inherent_likelihood=4,
            inherent_impact=4,
            residual_likelihood=4,
            residual_impact=3,
        )
    return program, contract


def test_figures_come_from_the_plan_budget_results_and_risks(cast):
    program, _contract = _world(cast)
    f = compute_figures(program=program, period=MARCH, today=TODAY)
    # "Build" is open past its baseline; "Design" finished late in February: February's slip, not March's
    assert (f["tasks_total"], f["tasks_slipped"], f["tasks_done"]) == (3, 1, 1)
    assert (f["milestones_total"], f["milestones_slipped"]) == (1, 1)
    assert f["budget_consumed_pct"] == 85.0 and f["budget_actual"] == "850.00"
    assert (f["sl_results"], f["sl_breaches"]) == (1, 1)
    assert (f["risks_high"], f["risks_critical"]) == (1, 0)
    rag = rag_for(f)
    assert rag == {"schedule": "red", "cost": "amber", "quality": "red", "risk": "amber", "overall": "red"}


@pytest.mark.parametrize(
    "changes, key, want",
    [
        ({}, "schedule", "green"),
        ({"tasks_slipped": 1}, "schedule", "amber"),
        ({"tasks_slipped": 3}, "schedule", "red"),
        ({"milestones_slipped": 1}, "schedule", "red"),
        ({"budget_consumed_pct": 79.9}, "cost", "green"),
        ({"budget_consumed_pct": 100.0}, "cost", "amber"),
        ({"budget_consumed_pct": 100.1}, "cost", "red"),
        ({"budget_forecast": "1200"}, "cost", "amber"),
        ({"sl_breaches": 1}, "quality", "amber"),
        ({"sl_breaches": 2}, "quality", "red"),
        ({"risks_critical": 1}, "risk", "red"),
        ({"sl_results": 0}, "quality", "none"),
    ],
)
def test_rag_thresholds(changes, key, want):
    f = {
        "tasks_total": 10,
        "tasks_slipped": 0,
        "milestones_total": 2,
        "milestones_slipped": 0,
        "budget_consumed_pct": 50.0,
        "budget_planned": "1000",
        "budget_forecast": "900",
        "sl_results": 10,
        "sl_breaches": 0,
        "risks_high": 0,
        "risks_critical": 0,
    }
    f.update(changes)
    assert rag_for(f)[key] == want


def test_a_submitted_report_is_frozen(cast):
    program, _contract = _world(cast)
    report = status_report_create(program=program, period=MARCH, by=cast.manager, today=TODAY)
    assert report.status == "draft" and report.overall_rag == "red"
    with pytest.raises(ValidationError) as exc:
        status_report_submit(report=report, by=cast.manager, today=TODAY)
    assert "narrative" in exc.value.message_dict
    status_report_submit(report=report, by=cast.manager, narrative="Build slipped two weeks.", today=TODAY)
    frozen = StatusReport.objects.get(pk=report.pk)
    # Later data changes do not alter the submitted report.
    CostEntry.objects.create(
        program=program,
        category="transition",
        period=date(2026, 3, 1),
        amount=Decimal("500"),
        description="More",
        created_by=cast.manager,
    )
    program.plan_tasks.update(percent_complete=0)
    again = StatusReport.objects.get(pk=report.pk)
    assert again.figures == frozen.figures and again.figures["budget_actual"] == "850.00" and again.cost_rag == "amber"
    with pytest.raises(ValidationError):
        status_report_save(report=again, by=cast.manager, narrative="Changed")
    with pytest.raises(ValidationError) as exc:
        status_report_create(program=program, period=date(2026, 3, 15), by=cast.manager, today=TODAY)
    assert "period" in exc.value.message_dict


def test_a_draft_follows_the_data_until_submitted(cast):
    program, _contract = _world(cast)
    report = status_report_create(program=program, period=MARCH, by=cast.manager, today=TODAY)
    CostEntry.objects.create(
        program=program,
        category="transition",
        period=date(2026, 3, 1),
        amount=Decimal("500"),
        description="More",
        created_by=cast.manager,
    )
    report = status_report_save(report=report, by=cast.manager, narrative="Draft", today=TODAY)
    assert report.figures["budget_actual"] == "1350.00" and report.cost_rag == "red"


def test_the_vendor_reports_on_its_own_contract(cast):
    _program, contract = _world(cast)
    with pytest.raises(PermissionDenied):
        status_report_create(contract=contract, period=MARCH, by=cast.vendor_y_admin, today=TODAY)
    with pytest.raises(PermissionDenied):
        status_report_create(program=cast.program_a, period=MARCH, by=cast.contributor, today=TODAY)
    report = status_report_create(contract=contract, period=MARCH, by=cast.vendor_x_user, today=TODAY)
    assert report.by_vendor and report.program == cast.program_a
    # Its scope: the vendor's tasks and the contract's results; no budget, no milestones.
    assert report.figures["tasks_total"] == 1 and report.cost_rag == "none" and "budget_planned" not in report.figures
    assert not StatusReport.objects.visible_to(cast.manager).filter(pk=report.pk).exists()  # a draft stays the vendor's
    status_report_submit(report=report, by=cast.vendor_x_user, narrative="Build late: hiring", today=TODAY)
    assert StatusReport.objects.visible_to(cast.manager).filter(pk=report.pk).exists()
    assert not StatusReport.objects.visible_to(cast.vendor_y_admin).exists()
    assert cast.manager.notifications.filter(event_key=f"status_report:{report.pk}:submitted").exists()


def _reported(cast, month, contract=None):
    return StatusReport.objects.create(
        program=cast.program_a, contract=contract, by_vendor=contract is not None, period=month, created_by=cast.manager
    )


def test_the_month_offered_is_the_first_one_without_a_report(cast):
    contract = contract_of_a(cast)  # its term starts in January 2026; today is 20 March
    assert suggested_period(contract=contract, today=TODAY) == date(2026, 2, 1)  # last month first
    _reported(cast, date(2026, 2, 1), contract)
    assert suggested_period(contract=contract, today=TODAY) == MARCH  # then this month
    _reported(cast, MARCH, contract)
    assert suggested_period(contract=contract, today=TODAY) == date(2026, 1, 1)  # then the latest gap
    _reported(cast, date(2026, 1, 1), contract)
    assert suggested_period(contract=contract, today=TODAY) is None  # nothing before the term's start
    # The program's own reports are counted apart from its vendors'.
    assert suggested_period(program=cast.program_a, today=TODAY) == date(2026, 2, 1)
    _reported(cast, date(2026, 2, 1))
    assert suggested_period(program=cast.program_a, today=TODAY) == MARCH
    assert suggested_periods([contract], today=TODAY) == {contract.pk: None}


def test_the_month_offered_per_contract_in_one_query(cast, django_assert_num_queries):
    from tests.contracts.factories import ContractFactory

    first = contract_of_a(cast)
    second = ContractFactory(program=cast.program_a, vendor=cast.vendor_x, status="active", start_date=date(2025, 6, 1))
    _reported(cast, date(2026, 2, 1), first)
    _reported(cast, date(2026, 2, 1), second)
    _reported(cast, MARCH, second)
    with django_assert_num_queries(1):
        offered = suggested_periods([first, second], today=TODAY)
    assert offered == {first.pk: MARCH, second.pk: date(2026, 1, 1)}
    # The service refuses the month already reported, next to the period.
    with pytest.raises(ValidationError) as exc:
        status_report_create(contract=second, period=MARCH, by=cast.vendor_x_admin, today=TODAY)
    assert "already a report" in exc.value.message_dict["period"][0]
