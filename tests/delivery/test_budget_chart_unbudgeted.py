"""The budget page's "Planned against actual by category" chart left out the spending no budget
line covers (the table's "not budgeted" rows): its bars added up to less than the table and the
home page's burn. Each not-budgeted row is now a bar group of its own, "<category> (not budgeted)"
with nothing planned, so the chart adds up to the table; a program with such spending and no
budget line gets that chart too (it had none)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delivery.dashboard import burn
from delivery.models import Invoice
from tests.contracts.factories import contract_of_a

from .unbudgeted_spend import cost, spend

pytestmark = pytest.mark.django_db


def _page(client, user, program):
    client.force_login(user)
    response = client.get(reverse("delivery:program_budget", args=[program.pk]))
    assert response.status_code == 200
    return response


def _amount(text):
    return Decimal(text.replace(",", ""))


def test_the_by_category_chart_has_a_bar_group_per_not_budgeted_row(client, cast):
    program = spend(cast)
    response = _page(client, cast.manager, program)
    chart = response.context["charts"]["by_category"]
    assert chart.rows == [
        ["Vendor fees", "10,000", "3,000", "0"],
        ["Internal staff", "1,000", "50", "0"],
        ["Training (not budgeted)", "0", "700", "0"],
        ["Vendor fees (not budgeted)", "0", "2,000", "500"],
    ]
    # The chart adds up to the table (lines and not-budgeted rows) and to the home page's burn.
    context = response.context
    table_actual = sum((r.actual for r in context["rows"]), Decimal(0)) + sum(
        (u.actual for u in context["unbudgeted"]), Decimal(0)
    )
    table_committed = sum((r.committed for r in context["rows"]), Decimal(0)) + sum(
        (u.committed for u in context["unbudgeted"]), Decimal(0)
    )
    home = burn([program.pk])[program.pk]
    assert sum(_amount(r[2]) for r in chart.rows) == table_actual == home["actual"] == Decimal("5750")
    assert sum(_amount(r[3]) for r in chart.rows) == table_committed == home["committed"] == Decimal("500")
    # What the user sees: the group in the chart's data table, its label in the drawing.
    html = response.content.decode()
    assert '<th scope="row">Training (not budgeted)</th>' in html
    assert "(not budgeted)" in chart.svg


def test_not_budgeted_spending_without_any_budget_line_is_charted(client, cast):
    cost(cast, cast.program_a, "training", date(2026, 2, 1), "700")
    response = _page(client, cast.manager, cast.program_a)
    charts = response.context["charts"]
    assert charts["by_category"].rows == [["Training (not budgeted)", "0", "700", "0"]]
    # No budget line: no plan to chart the monthly burn against, so only the by-category chart.
    assert set(charts) == {"by_category"}
    html = response.content.decode()
    assert 'data-testid="budget-charts"' in html and html.count('class="chart-figure"') == 1


def test_the_group_is_labelled_in_chinese(client, cast):
    program = spend(cast)
    cast.manager.language = "zh-hans"
    cast.manager.save(update_fields=["language"])
    client.cookies["django_language"] = "zh-hans"
    labels = [r[0] for r in _page(client, cast.manager, program).context["charts"]["by_category"].rows]
    assert labels[2:] == ["培训（未列入预算）", "供应商费用（未列入预算）"]


def test_the_page_reads_no_more_with_more_not_budgeted_months(client, cast):
    program = spend(cast)
    client.force_login(cast.manager)
    url = reverse("delivery:program_budget", args=[program.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return len(ctx), response.context["charts"]["by_category"]

    few, _chart = count()
    contract = contract_of_a(cast)
    for month in range(5, 13):
        cost(cast, program, "technology", date(2026, month, 1), "10")
        cost(cast, program, "training", date(2026, month, 1), "10")
        Invoice.objects.create(
            contract=contract,
            number=f"OUT-{month}",
            period=date(2026, month, 1),
            status="approved",
            gross_amount=Decimal("100"),
            net_amount=Decimal("100"),
            submitted_by=cast.vendor_x_admin,
        )
    many, chart = count()
    assert many == few
    assert [r[0] for r in chart.rows][2:] == [
        "Technology (not budgeted)",
        "Training (not budgeted)",
        "Vendor fees (not budgeted)",
    ]
