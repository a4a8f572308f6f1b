"""Removing a budget line changes the budget finance approved, as changing one does: the budget
needs finance's approval again."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from strategy.models import BudgetLine, Program
from strategy.services import budget_approve, charter_item_create, program_approve, program_submit
from strategy.services.charter import budget_is_approved, charter_item_delete
from tests.strategy.test_charter_services import budget_line, smart_objective


def test_deleting_a_budget_line_clears_the_budgets_approval(cast):
    budget_line(cast, "100000")
    second = charter_item_create(
        program=cast.program_a,
        kind="budget",
        by=cast.manager,
        category="training",
        period="2028",
        planned_amount=Decimal("50000"),
    )
    budget_approve(program=cast.program_a, by=cast.finance)
    assert budget_is_approved(cast.program_a)
    charter_item_delete(item=second, by=cast.manager)
    assert not budget_is_approved(Program.objects.get(pk=cast.program_a.pk))
    line = BudgetLine.objects.get(program=cast.program_a)
    assert line.approved_at is None and line.approved_by is None
    # Finance approves the remaining budget again, and only then can the charter be approved.
    smart_objective(cast)
    program_submit(program=cast.program_a, by=cast.manager)
    with pytest.raises(ValidationError, match="Finance has not approved the budget yet"):
        program_approve(program=Program.objects.get(pk=cast.program_a.pk), by=cast.admin)
    assert budget_approve(program=cast.program_a, by=cast.finance) == 1


def test_deleting_another_charter_row_keeps_the_budgets_approval(cast):
    budget_line(cast)
    budget_approve(program=cast.program_a, by=cast.finance)
    scope = charter_item_create(
        program=cast.program_a, kind="scope", by=cast.manager, process="Billing", current_fte=Decimal("3")
    )
    charter_item_delete(item=scope, by=cast.manager)
    assert budget_is_approved(cast.program_a)
