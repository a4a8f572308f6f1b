"""Budget burn charts on a program's budget page: figures on hand values, constant queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delivery.models import CostEntry
from strategy.models import BudgetLine
from tests.contracts.factories import contract_of_a

from .helpers import approved_invoice

pytestmark = pytest.mark.django_db


def test_budget_page_charts_planned_actual_and_burn(client, cast):
    contract = contract_of_a(cast)
    BudgetLine.objects.create(program=cast.program_a, category="vendor_fees", period="2026-Q1", planned_amount=3000)
    BudgetLine.objects.create(program=cast.program_a, category="training", period="2026-Q1", planned_amount=600)
    approved_invoice(contract, "1200", cast.vendor_x_admin)
    CostEntry.objects.create(
        program=cast.program_a,
        category="training",
        period="2026-02-01",
        amount=Decimal("300"),
        description="培训 course",
        created_by=cast.manager,
    )
    client.force_login(cast.manager)
    response = client.get(reverse("delivery:program_budget", args=[cast.program_a.pk]))
    charts = response.context["charts"]
    assert charts["by_category"].rows == [["Vendor fees", "3,000", "1,200", "0"], ["Training", "600", "300", "0"]]
    assert charts["burn"].rows == [["2026-01", "1,200", "0"], ["2026-02", "0", "300"], ["2026-03", "0", "0"]]
    # cumulative plan: 1,000 a month of fees + 200 a month of training
    assert [r[1] for r in charts["cumulative"].rows] == ["1,200", "2,400", "3,600"]
    assert [r[2] for r in charts["cumulative"].rows] == ["1,200", "1,500", "1,500"]
    page = response.content.decode()
    assert 'data-testid="budget-charts"' in page and page.count('class="chart"') == 3


def test_budget_charts_do_not_add_queries_per_month(client, cast):
    contract = contract_of_a(cast)
    BudgetLine.objects.create(program=cast.program_a, category="vendor_fees", period="2026-01", planned_amount=3000)
    client.force_login(cast.manager)
    url = reverse("delivery:program_budget", args=[cast.program_a.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    approved_invoice(contract, "100", cast.vendor_x_admin)
    few = count()
    BudgetLine.objects.filter(program=cast.program_a).update(period="2026")
    for i in range(2, 10):
        approved_invoice(contract, "100", cast.vendor_x_admin, number=f"I-{i}").__class__.objects.filter(
            number=f"I-{i}"
        ).update(period=f"2026-{i:02d}-01")
    assert count() == few
