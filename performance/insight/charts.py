"""The product's domain charts, built on bpo/core/charts.py: the same Chart objects serve pages and
PDF reports (reports import these builders rather than drawing their own).

Builders take data already loaded (no queries) unless their docstring says otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from bpo.core.charts import BAD, GOOD, WARN, Point, RefLine, Series, bar_chart, line_chart, scatter_chart
from bpo.core.money import money_sum
from performance.choices import ResultState

STATE_COLORS = {
    ResultState.MET: GOOD,
    ResultState.MINOR: WARN,
    ResultState.BREACH: BAD,
    ResultState.INSUFFICIENT: "#5a6678",
}
MAX_BURN_MONTHS = 36


def sla_trend_chart(sl, points: list[dict], *, width: int = 420, height: int = 180):
    """One service level over its periods: the values (dots coloured by state) against the
    expected and minimum levels. `points`: dicts with label, value, state, state_label, final."""
    # Not an f-string: makemessages does not read a gettext call inside one (the word stayed English).
    notes = [
        p["state_label"] if p.get("final", True) else _("%(state)s, provisional") % {"state": p["state_label"]}
        for p in points
    ]
    return line_chart(
        title=_("Trend of %(code)s against its expected and minimum levels") % {"code": sl.code},
        desc=_("%(name)s: values of the last %(n)s periods.") % {"name": sl.name, "n": len(points)},
        categories=[p["label"] for p in points],
        series=[
            Series(
                sl.code,
                [p["value"] for p in points],
                point_colors=[STATE_COLORS.get(p["state"]) for p in points],
                notes=notes,
            )
        ],
        ref_lines=[RefLine(_("Expected"), sl.expected, GOOD), RefLine(_("Minimum"), sl.minimum, BAD)],
        width=width,
        height=height,
    )


def band_lines(card) -> list[RefLine]:
    """The band edges of a scorecard as reference lines (excellent, good, needs improvement)."""
    if card is None:
        return []
    return [
        RefLine(_("Excellent"), card.band_excellent, GOOD),
        RefLine(_("Good"), card.band_good, "#1f4e79"),
        RefLine(_("Needs improvement"), card.band_needs_improvement, BAD),
    ]


def scorecard_trend_chart(cards: list, *, title: str | None = None, width: int = 640, height: int = 240):
    """Scorecard totals over periods (oldest first), one line per contract, with the band edges of
    the latest scorecard. `cards`: Scorecard rows with contract and period loaded."""
    labels = sorted({c.period.label for c in cards})
    by_contract: dict[str, dict] = defaultdict(dict)
    for c in cards:
        by_contract[c.contract.number][c.period.label] = c.total
    series = [Series(number, [totals.get(lb) for lb in labels]) for number, totals in sorted(by_contract.items())]
    latest = max(cards, key=lambda c: c.period.start, default=None)
    return line_chart(
        title=title or _("Scorecard total by period"),
        categories=labels,
        series=series,
        ref_lines=band_lines(latest),
        y_min=0,
        y_max=100,
        width=width,
        height=height,
    )


def criterion_trend_chart(lines: list, *, width: int = 640, height: int = 240):
    """Each criterion's score over periods. `lines`: ScorecardLine rows with scorecard__period loaded."""
    labels = sorted({ln.scorecard.period.label for ln in lines})
    by_name: dict[str, dict] = defaultdict(dict)
    for ln in lines:
        if ln.score is not None:
            by_name[ln.name][ln.scorecard.period.label] = ln.score
    series = [Series(name, [scores.get(lb) for lb in labels]) for name, scores in sorted(by_name.items())]
    return line_chart(
        title=_("Score per criterion by period"),
        categories=labels,
        series=series,
        y_min=0,
        y_max=100,
        width=width,
        height=height,
    )


def attainment_chart(counts: dict, *, width: int = 640, height: int = 240):
    """Service-level results per period as stacked bars: MET, MINOR, BREACH (and insufficient).
    `counts`: {period label: {state: n}}."""
    labels = sorted(counts)
    states = [ResultState.MET, ResultState.MINOR, ResultState.BREACH, ResultState.INSUFFICIENT]
    series = [
        Series(str(state.label), [counts[lb].get(state, 0) for lb in labels], color=STATE_COLORS[state])
        for state in states
    ]
    return bar_chart(
        title=_("Service-level results by period"),
        categories=labels,
        series=series,
        stacked=True,
        width=width,
        height=height,
    )


def quadrant_chart(points: list[Point], *, currency: str = "", width: int = 640, height: int = 360):
    """Spend (x) against performance (y, latest scorecard total) with quadrant lines at the median
    spend and at the 'good' band edge (70)."""
    spends = sorted(float(p.x) for p in points)
    mid = spends[len(spends) // 2] if spends else None
    return scatter_chart(
        title=_("Spend against performance"),
        desc=_("Approved invoices against the latest scorecard total, per vendor."),
        points=points,
        x_label=_("Spend (approved invoices) %(currency)s") % {"currency": currency} if currency else _("Spend"),
        y_label=_("Latest scorecard total"),
        x_split=mid,
        y_split=70,
        y_range=(0, 100),
        quadrant_labels=(
            _("Low spend, high performance"),
            _("High spend, high performance"),
            _("Low spend, low performance"),
            _("High spend, low performance"),
        ),
        width=width,
        height=height,
    )


def _month_range(first: date, last: date) -> list[date]:
    months, m = [], first
    while m <= last and len(months) < MAX_BURN_MONTHS:
        months.append(m)
        m = date(m.year + (m.month // 12), m.month % 12 + 1, 1)
    return months


def budget_charts(program, rows: list, invoiced: list | None = None, unbudgeted: list = ()) -> dict:
    """A program's budget as charts: planned / actual / committed by category, and the monthly burn
    (actuals by category per month, stacked) with the cumulative actual against the cumulative plan.

    `rows`: delivery.budget.program_budget(program); `invoiced`: delivery.budget.invoiced_by_month
    (program), read here when not given; `unbudgeted`: delivery.budget.unbudgeted(program), each a
    "<category> (not budgeted)" bar group of the by-category chart (planned 0), as the budget table
    lists them, so the chart adds up to the table and the home page's burn. Only invoices in the
    program's currency count (there are no exchange rates). Two aggregate queries, whatever the size."""
    from delivery.budget import INVOICE_CATEGORY, invoiced_by_month, line_months, month_count
    from delivery.models import CostEntry
    from strategy.choices import BudgetCategory

    if not rows and not unbudgeted:
        return {}
    labels = dict(BudgetCategory.choices)
    cats = [c for c in BudgetCategory.values if any(r.line.category == c for r in rows)]
    sums = {c: [Decimal(0), Decimal(0), Decimal(0)] for c in cats}
    planned_by_month: dict[date, Decimal] = defaultdict(Decimal)
    first = last = None
    for r in rows:
        s = sums[r.line.category]
        s[0] += r.line.planned_amount
        s[1] += r.actual
        s[2] += r.committed
        lo, hi = line_months(r.line.period)
        first, last = min(first or lo, lo), max(last or hi, hi)
        share = r.line.planned_amount / month_count(lo, hi)
        for m in _month_range(lo, hi):
            planned_by_month[m] += share
    outside = list(unbudgeted)
    by_category = bar_chart(
        title=_("Planned against actual by category"),
        categories=[str(labels[c]) for c in cats]
        + [_("%(category)s (not budgeted)") % {"category": u.category_label} for u in outside],
        series=[
            Series(_("Planned"), [sums[c][0] for c in cats] + [Decimal(0)] * len(outside), color="#5a6678"),
            Series(_("Actual"), [sums[c][1] for c in cats] + [u.actual for u in outside], color="#1f4e79"),
            Series(_("Committed"), [sums[c][2] for c in cats] + [u.committed for u in outside], color="#b35c00"),
        ],
        unit="",
    )
    if not rows:  # spending but no budget line: no months planned to chart the burn against
        return {"by_category": by_category}
    months = _month_range(first, last)
    actual: dict[tuple, Decimal] = defaultdict(Decimal)
    if invoiced is None:
        invoiced = invoiced_by_month(program)
    for row in invoiced:
        if row["currency"] == program.currency and first <= row["period"] <= last:
            actual[(INVOICE_CATEGORY, row["period"].replace(day=1))] += row["approved"] or 0
    entries = (
        CostEntry.objects.filter(program=program, period__gte=first, period__lte=last)
        .values("category", "period")
        .annotate(s=money_sum("amount"))
        .order_by()
    )
    for row in entries:
        actual[(row["category"], row["period"].replace(day=1))] += row["s"] or 0
    month_labels = [f"{m:%Y-%m}" for m in months]
    spent = [c for c in BudgetCategory.values if any(actual.get((c, m)) for m in months)]
    burn = (
        None
        if not spent
        else bar_chart(
            title=_("Actual cost by month and category"),
            categories=month_labels,
            series=[Series(str(labels[c]), [actual.get((c, m), 0) for m in months]) for c in spent],
            stacked=True,
        )
    )
    cum_plan, cum_actual, p_total, a_total = [], [], Decimal(0), Decimal(0)
    today = timezone.localdate().replace(day=1)
    for m in months:
        p_total += planned_by_month.get(m, 0)
        a_total += sum((actual.get((c, m), 0) for c in BudgetCategory.values), Decimal(0))
        cum_plan.append(p_total.quantize(Decimal("0.01")))
        cum_actual.append(a_total if m <= today else None)
    cumulative = line_chart(
        title=_("Cumulative actual against the plan"),
        categories=month_labels,
        series=[
            Series(_("Planned (cumulative)"), cum_plan, color="#5a6678", dashed=True),
            Series(_("Actual (cumulative)"), cum_actual, color="#1f4e79"),
        ],
        y_min=0,
    )
    return {"by_category": by_category, "burn": burn, "cumulative": cumulative}
