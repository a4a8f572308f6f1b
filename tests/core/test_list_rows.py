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
        date(2026, 11, 27),
        datetime(2026, 11, 27, 23, 30, tzinfo=UTC),
        "<script>alert(1)</script> & Co",
        "供应商",
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_cell_prints_what_the_template_engine_prints(value, language):
    with translation.override(language):
        assert cell_html(value) == Template("{{ v }}").render(Context({"v": value}))


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
    with translation.override("zh-hans"):
        assert row.html.endswith(f"<td>{risk.get_status_display()}</td>")
        assert risk.get_status_display() != "Open"
    assert Row(risk, (Column("status", "Status"),))["cells"] == [{"value": "Open", "link": False}]
    assert isinstance(Risk._meta.get_field("status").choices, list)
