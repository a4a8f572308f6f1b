"""Finance report: budget against actual by category and period, invoices, service credits
(pending, applied, earned back), forecast at completion and the 80% / 100% threshold crossings.

Programs budget in their own currency and contracts are paid in theirs; there are no exchange
rates, so every amount carries its currency and every total is per currency, never a sum across.

Figures come from delivery.budget (the same functions as the budget page), over the budget
lines, invoices and credits the requester may see, within the report's months. Only invoices of
contracts in the program's currency count against its budget; the others are listed per program
and currency beside the budget figures (`other_currencies`), never added to them.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from bpo.core import charts
from bpo.core.money import money_sum
from delivery.budget import (
    THRESHOLDS,
    line_figures,
    line_months,
    other_currencies,
    other_currencies_note,
    unbudgeted_by_program,
)
from delivery.choices import InvoiceStatus
from delivery.models import CostEntry, Invoice
from performance.choices import CreditStatus
from performance.models import Credit
from strategy.choices import BudgetCategory
from strategy.models import BudgetLine, Program

from ..pdf import base_context
from .common import month_after, months, period_of, program_scope

ZERO = Decimal("0.00")


def collect(report, user, progress=lambda pct: None) -> dict:
    """The finance figures as plain data (used by the PDF, the workbook and the tests)."""
    start, end = period_of(report, default_months=1)
    programs, scope = program_scope(report, user, Program.objects.visible_to(user), path="pk")
    program_ids = list(programs.values_list("pk", flat=True))

    lines = []
    for line in BudgetLine.objects.visible_to(user).filter(program_id__in=program_ids).select_related("program"):
        first, last = line_months(line.period)
        if last < start or first > end:
            continue
        lines.append(line_figures(line))
    lines.sort(key=lambda f: (f.line.program.code, f.line.category, f.line.period))
    progress(30)

    by_category = defaultdict(lambda: {"planned": ZERO, "actual": ZERO, "committed": ZERO, "forecast": ZERO})
    for f in lines:
        row = by_category[(f.line.program.currency, f.line.category)]
        row["planned"] += f.line.planned_amount
        row["actual"] += f.actual
        row["committed"] += f.committed
        row["forecast"] += f.forecast
    # Spending of the report's months that no budget line of its category covers: spent all the
    # same (the home page's burn counts it), so it is in the category totals and listed below the lines.
    programs_by_pk = {p.pk: p for p in programs.only("pk", "code", "currency")}
    unbudgeted_rows = []
    for pk, rows in unbudgeted_by_program(program_ids, start=start, until=end).items():
        program = programs_by_pk[pk]
        for u in rows:
            row = by_category[(program.currency, u.category)]
            row["actual"] += u.actual
            row["committed"] += u.committed
            row["forecast"] += u.actual + u.committed
            unbudgeted_rows.append({"program": program.code, "currency": program.currency, "figures": u})
    unbudgeted_rows.sort(key=lambda r: (r["program"], r["figures"].category))
    category_rows = [
        {"currency": cur, "category": BudgetCategory(cat).label, **vals}
        for (cur, cat), vals in sorted(by_category.items())
    ]
    # Invoices of the report's months in a currency other than their program's: not in the figures.
    codes = dict(programs.values_list("pk", "code"))
    other = other_currencies(program_ids, start=start, before=month_after(end))
    other_rows = [
        {"program": codes[pk], "currencies": rows, "note": other_currencies_note(rows)}
        for pk, rows in sorted(other.items(), key=lambda item: codes[item[0]])
    ]
    crossings = []
    for f in lines:
        reached = [t for t in THRESHOLDS if f.line.planned_amount and f.consumed_pct >= t]
        if reached:
            crossings.append({"figures": f, "threshold": max(reached)})

    window = Q(period__gte=start, period__lt=month_after(end))
    invoices = list(
        Invoice.objects.visible_to(user)
        .filter(window, contract__program_id__in=program_ids)
        .select_related("contract__vendor", "contract__program")
        .order_by("period", "contract__number", "number")
    )
    # Totals per status and currency (the contract's): amounts of different currencies are never added.
    invoice_currencies = sorted({i.contract.currency for i in invoices})
    invoice_totals = []
    for status, label in InvoiceStatus.choices:
        for currency in invoice_currencies or [""]:
            rows = [i for i in invoices if i.status == status and i.contract.currency == currency]
            invoice_totals.append(
                {
                    "label": label,
                    "currency": currency,
                    "n": len(rows),
                    "gross": sum((i.gross_amount for i in rows), ZERO),
                    "deducted": sum((i.deduction_amount for i in rows), ZERO),
                    "net": sum((i.net_amount for i in rows), ZERO),
                }
            )
    progress(50)

    credits_qs = Credit.objects.visible_to(user).filter(
        period__contract__program_id__in=program_ids, period__start__gte=start, period__start__lt=month_after(end)
    )
    by_status = {
        (r["status"], r["period__contract__currency"]): r
        for r in credits_qs.order_by()
        .values("status", "period__contract__currency")
        .annotate(total=money_sum("amount"), n=Count("pk"))
    }
    credit_currencies = sorted({currency for _status, currency in by_status})
    credit_totals = [
        {
            "status": s,
            "label": label,
            "currency": currency,
            "n": by_status.get((s, currency), {}).get("n", 0),
            "total": by_status.get((s, currency), {}).get("total") or ZERO,
        }
        for s, label in CreditStatus.choices
        for currency in credit_currencies or [""]
    ]
    credits = list(
        credits_qs.select_related("period__contract", "service_level").order_by(
            "period__start", "period__contract__number", "service_level__code"
        )
    )

    # Actual cost by month, per currency: invoices in their contract's, cost entries in their program's.
    cost = {
        (r["period"], r["program__currency"]): r["s"]
        for r in CostEntry.objects.visible_to(user)
        .filter(window, program_id__in=program_ids)
        .order_by()
        .values("period", "program__currency")
        .annotate(s=money_sum("amount"))
    }
    monthly = []
    for currency in sorted({i.contract.currency for i in invoices} | {cur for _month, cur in cost}):
        rows = []
        for month in months(start, end):
            approved = sum(
                (
                    i.net_amount
                    for i in invoices
                    if i.period == month and i.status == InvoiceStatus.APPROVED and i.contract.currency == currency
                ),
                ZERO,
            )
            rows.append({"month": month, "invoiced": approved, "other": cost.get((month, currency)) or ZERO})
        monthly.append({"currency": currency, "months": rows})
    progress(60)
    return {
        "start": start,
        "end": end,
        "scope": scope,
        "lines": lines,
        "category_rows": category_rows,
        "unbudgeted": unbudgeted_rows,
        "other_currencies": other_rows,
        "crossings": crossings,
        "invoices": invoices,
        "invoice_totals": invoice_totals,
        "credit_totals": credit_totals,
        "credits": credits,
        "monthly": monthly,
        "totals": _totals(category_rows),
    }


def _totals(category_rows) -> list[dict]:
    """Planned, actual and forecast summed per currency (programs may budget in different ones), from
    the totals by category: the budget lines and the spending no line covers (not budgeted), so the
    headline figures equal the table below them, the workbook's and the home page's burn."""
    out = {}
    for r in category_rows:
        row = out.setdefault(r["currency"], {"planned": ZERO, "actual": ZERO, "forecast": ZERO})
        row["planned"] += r["planned"]
        row["actual"] += r["actual"]
        row["forecast"] += r["forecast"]
    return [{"currency": cur, **vals} for cur, vals in sorted(out.items())]


def _charts(data) -> list:
    out = []
    # One chart per currency: amounts of different currencies never share an axis.
    for currency in sorted({r["currency"] for r in data["category_rows"]}):
        rows = [r for r in data["category_rows"] if r["currency"] == currency]
        out.append(
            charts.bar_chart(
                title=_("Planned, actual and forecast by category (%(currency)s)") % {"currency": currency},
                categories=[r["category"] for r in rows],
                series=[
                    charts.Series(_("Planned"), [r["planned"] for r in rows]),
                    charts.Series(_("Actual"), [r["actual"] for r in rows]),
                    charts.Series(_("Forecast at completion"), [r["forecast"] for r in rows]),
                ],
            )
        )
    for per_currency in data["monthly"]:
        rows = per_currency["months"]
        if len(rows) > 1 and any(m["invoiced"] or m["other"] for m in rows):
            out.append(
                charts.bar_chart(
                    title=_("Actual cost by month (%(currency)s)") % {"currency": per_currency["currency"]},
                    categories=[f"{m['month']:%Y-%m}" for m in rows],
                    series=[
                        charts.Series(_("Approved invoices (net)"), [m["invoiced"] for m in rows]),
                        charts.Series(_("Other cost entries"), [m["other"] for m in rows]),
                    ],
                    stacked=True,
                )
            )
    return out


def build(report, user, progress=lambda pct: None):
    data = collect(report, user, progress)
    sections = [
        ("budget", _("Budget against actual")),
        ("crossings", _("Threshold crossings")),
        ("invoices", _("Invoices")),
        ("credits", _("Service credits")),
    ]
    context = base_context(
        report,
        title=_("Finance report"),
        subtitle=str(data["scope"]) if data["scope"] else _("All programs I can see"),
        sections=sections,
        period=(data["start"], data["end"]),
    )
    context.update(data)
    context["charts"] = _charts(data)
    return "pdf/finance.html", context
