"""Reads of a vendor's performance page: scorecard and criterion trends, service-level attainment,
and spend against performance across vendors. Every read starts from `visible_to(user)`, so a
vendor user gets only its own records and staff only their programs' (finance and executives all).
The number of queries is fixed, whatever the number of periods, contracts or vendors."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery

from bpo.core.charts import Point
from bpo.core.money import money_sum
from performance.models import Period, Result, Scorecard, ScorecardLine
from performance.scorecards.choices import ScorecardStatus

from .charts import attainment_chart, criterion_trend_chart, quadrant_chart, scorecard_trend_chart

TREND_PERIODS = 12


def _published(user):
    return Scorecard.objects.visible_to(user).filter(status=ScorecardStatus.PUBLISHED, total__isnull=False)


def _period_label(kind: str, start) -> str:
    return Period(kind=kind, start=start).label


def vendor_performance(vendor, user, *, periods: int = TREND_PERIODS) -> dict:
    """The published scorecards of the vendor's contracts (last `periods` periods), each criterion's
    score over those periods, and its service-level results counted by state per period. Three queries."""
    cards = list(
        _published(user)
        .filter(contract__vendor=vendor)
        .select_related("contract", "period")
        .order_by("period__start", "contract__number")
    )
    keep = sorted({c.period.label for c in cards})[-periods:]
    cards = [c for c in cards if c.period.label in keep]
    lines = list(
        ScorecardLine.objects.filter(scorecard__in=[c.pk for c in cards])
        .select_related("scorecard__period")
        .order_by("order", "pk")
    )
    rows = (
        Result.objects.visible_to(user)
        .filter(period__contract__vendor=vendor)
        .values("period__kind", "period__start", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        counts[_period_label(row["period__kind"], row["period__start"])][row["state"]] += row["n"]
    recent = dict(sorted(counts.items())[-periods:])
    attainment = [
        {
            "label": label,
            "met": c.get("met", 0),
            "minor": c.get("minor", 0),
            "breach": c.get("breach", 0),
            "insufficient": c.get("insufficient", 0),
        }
        for label, c in recent.items()
    ]
    return {
        "cards": list(reversed(cards)),
        "trend": scorecard_trend_chart(cards) if cards else None,
        "criteria": criterion_trend_chart(lines) if lines else None,
        "attainment": attainment,
        "attainment_chart": attainment_chart(recent) if recent else None,
    }


def spend_performance(user, *, highlight=None) -> dict:
    """Per vendor with visible contracts: approved invoices (net, in the contract's currency) and the
    total of its latest published scorecard. The chart plots one currency (the one most vendors are
    paid in); vendors paid in another currency, or without a scorecard yet, are listed apart.
    Two queries."""
    spend_rows = (
        _approved_invoices(user)
        .values("contract__vendor", "contract__vendor__name", "contract__currency")
        .annotate(spend=money_sum("net_amount"))
        .order_by()
    )
    latest = (
        _published(user)
        .filter(contract__vendor=OuterRef("contract__vendor"))
        .order_by("-period__start", "-pk")
        .values("total")[:1]
    )
    scored = dict(
        _published(user)
        .values("contract__vendor")
        .annotate(latest=Subquery(latest))
        .values_list("contract__vendor", "latest")
        .order_by()
        .distinct()
    )
    vendors: dict[int, dict] = {}
    for row in spend_rows:
        v = vendors.setdefault(
            row["contract__vendor"],
            {"pk": row["contract__vendor"], "name": row["contract__vendor__name"], "spend": defaultdict(Decimal)},
        )
        v["spend"][row["contract__currency"]] += row["spend"] or 0
    currencies = Counter(cur for v in vendors.values() for cur in v["spend"])
    currency = currencies.most_common(1)[0][0] if currencies else ""
    names = {}
    if set(scored) - set(vendors):
        from vendors.models import Vendor

        names = dict(Vendor.objects.filter(pk__in=set(scored) - set(vendors)).values_list("pk", "name"))
    for pk, name in names.items():
        vendors[pk] = {"pk": pk, "name": name, "spend": defaultdict(Decimal)}
    points, rows = [], []
    for v in sorted(vendors.values(), key=lambda v: v["name"]):
        score = scored.get(v["pk"])
        other = {cur: amt for cur, amt in v["spend"].items() if cur != currency}
        spend = v["spend"].get(currency, Decimal(0))
        plotted = score is not None and (not other or spend)
        rows.append({**v, "score": score, "amount": spend, "currency": currency, "other": other, "plotted": plotted})
        if plotted:
            is_me = highlight is not None and v["pk"] == highlight.pk
            points.append(Point(v["name"], spend, score, highlight=is_me))
    return {
        "quadrant": quadrant_chart(points, currency=currency) if points else None,
        "quadrant_rows": rows,
        "currency": currency,
    }


def _approved_invoices(user):
    from delivery.choices import InvoiceStatus
    from delivery.models import Invoice

    return Invoice.objects.visible_to(user).filter(status=InvoiceStatus.APPROVED)
