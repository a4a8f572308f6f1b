"""The finance report's "by category" chart: one chart per currency (amounts of different currencies
never share an axis), and every bar group labelled, however long its category's name."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from bpo.core import charts
from bpo.reports.builders import BUILDERS, finance
from bpo.reports.models import ReportRequest
from strategy.models import BudgetLine

from .conftest import OCTOBER


def _labels(chart) -> list[str]:
    """The category labels under the bars: each <text> with its lines (tspans) joined."""
    out = []
    for m in re.finditer(r'<text [^>]*class="x-label"[^>]*>(.*?)</text>', str(chart)):
        inner = m.group(1)
        lines = re.findall(r"<tspan[^>]*>(.*?)</tspan>", inner) or [inner]
        out.append(" ".join(lines))
    return out


@pytest.fixture
def five_categories(cast, money):
    """Program A (USD) budgets in five categories, program B in CNY with a bar of 900,000."""
    cast.program_b.currency = "CNY"
    cast.program_b.save(update_fields=["currency"])
    for category in ("transition", "internal_staff", "technology", "contingency"):
        BudgetLine.objects.create(
            program=cast.program_a, category=category, period="2026-10", planned_amount=Decimal("50000.00")
        )
    BudgetLine.objects.filter(program=cast.program_b).update(planned_amount=Decimal("900000.00"))
    return ReportRequest.objects.create(
        kind="finance", fmt="pdf", language="en", requested_by=cast.finance, period_start=OCTOBER, period_end=OCTOBER
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_one_by_category_chart_per_currency_with_every_group_labelled(cast, five_categories, language):
    with translation.override(language):
        data = finance.collect(five_categories, cast.finance)
        title = translation.gettext("Planned, actual and forecast by category (%(currency)s)")
        titles = [title % {"currency": currency} for currency in ("CNY", "USD")]
        by_category = [c for c in finance._charts(data) if "category" in c.title or "类别" in c.title]
        names = {
            "USD": ["Contingency reserve", "Internal staff", "Technology", "Transition", "Vendor fees"],
            "CNY": ["Vendor fees"],
        }
        if language != "en":
            names = {cur: [translation.gettext(n) for n in ns] for cur, ns in names.items()}
    assert [c.title for c in by_category] == titles
    cny, usd = by_category
    # the CNY chart alone holds the 900,000 bar; the USD chart's axis stops near its own figures
    assert "900,000" in str(cny) and "900,000" not in str(usd)
    assert [row[0] for row in usd.rows] == names["USD"]
    assert [row[0] for row in cny.rows] == names["CNY"]
    # every group labelled under its bars, none dropped (English used to show 3 of 5)
    assert _labels(usd) == names["USD"]
    assert _labels(cny) == names["CNY"]


def test_bar_labels_too_long_for_their_band_wrap_or_turn_but_none_is_dropped():
    long = [f"Category number {i} with a long name" for i in range(6)]
    chart = charts.bar_chart(title="t", categories=long, series=[charts.Series("s", [1, 2, 3, 4, 5, 6])])
    assert _labels(chart) == long
    months = [f"2026-{m:02d}" for m in range(1, 13)] + [f"2027-{m:02d}" for m in range(1, 13)]
    chart = charts.bar_chart(title="t", categories=months, series=[charts.Series("s", [1] * 24)])
    assert _labels(chart) == months
    assert "rotate(-45" in str(chart)


@pytest.mark.django_db
def test_each_chart_of_the_pdf_names_its_currency_above_it(cast, five_categories):
    with translation.override("en"):
        template, context = BUILDERS["finance"](five_categories, cast.finance)
        html = render_to_string(template, context)
    for currency in ("CNY", "USD"):
        title = f"Planned, actual and forecast by category ({currency})"
        assert f"<figcaption><strong>{title}</strong></figcaption>" in html
