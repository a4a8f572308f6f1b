"""The generic list table's rows, printed in Python: the same text the template engine printed."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from bpo.core.lists import Column, Row, cell_html
from risk.models import Risk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value",
    [
        Decimal("2220000.50"),
        12345,
        "<script>alert(1)</script> & Co",
        "供应商",
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_cell_prints_what_the_template_engine_prints(value, language):
    with translation.override(language):
        assert cell_html(value) == Template("{{ v }}").render(Context({"v": value}))


@pytest.mark.parametrize(
    ("value", "template", "text"),
    [
        (date(2026, 11, 27), "{{ v|short_date }}", "2026-11-27"),
        (date(2026, 11, 27), '{{ v|date:"SHORT_DATE_FORMAT" }}', "2026-11-27"),
        (datetime(2026, 11, 27, 23, 30, tzinfo=UTC), "{{ v|short_datetime }}", "2026-11-27 23:30"),
        (datetime(2026, 11, 27, 23, 30, tzinfo=UTC), '{{ v|date:"SHORT_DATETIME_FORMAT" }}', "2026-11-27 23:30"),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_date_cell_prints_what_the_detail_pages_print(value, template, text, language):
    """Lists and detail pages print dates alike, in both languages (bpo/core/formats.py): before,
    a list printed Nov. 27, 2026 (2026年11月27日) where the record's page printed 11/27/2026."""
    with translation.override(language):
        assert cell_html(value) == Template("{% load formats %}" + template).render(Context({"v": value})) == text


def test_yes_no_and_empty_cells_in_each_language():
    assert (cell_html(True), cell_html(False), cell_html(None)) == ("Yes", "No", "")
    with translation.override("zh-hans"):
        assert (cell_html(True), cell_html(False)) == ("是", "否")


def test_a_choice_column_shows_the_label_in_the_pages_language(cast):
    risk = Risk.objects.create(program=cast.program_a, title="<b>Attrition</b>", category="operational", status="open")
    row = Row(risk, (Column("title", "Title", link=True), Column("status", "Status")))
    with translation.override("en"):
        html = row.html
        assert html.startswith(f'<td><a href="{risk.get_absolute_url()}">&lt;b&gt;Attrition&lt;/b&gt;</a></td>')
        assert html.endswith(f"<td>{risk.get_status_display()}</td>")
    with translation.override("zh-hans"):  # a row is printed in its page's language
        assert Row(risk, row._columns).html.endswith(f"<td>{risk.get_status_display()}</td>")
        assert risk.get_status_display() != "Open"
    assert Row(risk, (Column("status", "Status"),))["cells"] == [{"value": "Open", "link": False}]
    assert isinstance(Risk._meta.get_field("status").choices, list)


def test_a_table_of_its_own_prints_its_formats_and_classes(cast):
    """The task list's cells: ISO dates, a percent, the late class on a positive variance, escaped names."""
    from datetime import date

    from delivery.tables_plan import TASK_COLUMNS
    from tests.delivery.plan_factories import task

    late = task(cast.program_a, "<i>Cut over</i>", date(2026, 1, 5), date(2026, 1, 9), percent_complete=40)
    late.actual_start, late.actual_finish = date(2026, 1, 6), date(2026, 1, 12)
    html = Row(late, TASK_COLUMNS).html
    assert html.startswith(f'<td><a href="{late.get_absolute_url()}">&lt;i&gt;Cut over&lt;/i&gt;</a></td><td>PA</td>')
    assert "<td>2026-01-05</td><td>2026-01-09</td><td>2026-01-06</td><td>2026-01-12</td>" in html
    assert html.endswith('<td class="num">40%</td><td class="num late">3</td>')
    on_time = task(cast.program_a, "Train", date(2026, 1, 5), date(2026, 1, 9))
    on_time.actual_start, on_time.actual_finish = date(2026, 1, 5), date(2026, 1, 8)
    assert Row(on_time, TASK_COLUMNS).html.endswith('<td class="num">0%</td><td class="num">-1</td>')


def test_the_invoice_table_prints_the_month_and_the_net_in_its_currency(cast):
    from datetime import date

    from contracts.models import Contract
    from delivery.models import Invoice
    from delivery.tables import INVOICE_COLUMNS

    invoice = Invoice(
        pk=7,
        number="INV-<1>",
        period=date(2026, 10, 1),
        status="submitted",
        gross_amount=Decimal("12000.00"),
        deduction_amount=Decimal("4000.00"),
        net_amount=Decimal("8000.00"),
    )
    invoice.contract = Contract(number="C-1", currency="CNY")
    with translation.override("en"):
        html = Row(invoice, INVOICE_COLUMNS).html
    assert html.startswith(
        f'<td><a href="{invoice.get_absolute_url()}">INV-&lt;1&gt;</a></td><td>C-1</td><td>2026-10</td><td>Submitted</td>'
    )
    # amounts as the invoice's page prints them: grouped, 2 decimals (bpo/core/formats.py)
    assert html.endswith(
        '<td class="num">12,000.00</td><td class="num">4,000.00</td><td class="num">8,000.00 CNY</td>'
    ), html
    with translation.override("zh-hans"):
        assert Row(invoice, INVOICE_COLUMNS).html.endswith('<td class="num">8,000.00 CNY</td>')
