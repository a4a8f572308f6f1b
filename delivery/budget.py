"""Actuals against the budget: approved invoices (net of deducted credits, category vendor
fees) and manual cost entries are the actuals of a program's budget lines by category and
period; open invoices (submitted or validated) are committed. A line crossing 80% and 100%
of its planned amount (actual plus committed) notifies the program's managers and finance,
once per crossing (notify's event key); the line's row is locked while it is checked, so
two invoices approved at once cannot both miss, or both send, a crossing.

A program budgets in its currency and a contract is paid in its own; there are no exchange
rates, so only invoices of contracts in the program's currency count against its budget
(`IN_PROGRAM_CURRENCY`). The others are shown beside the figures, per currency
(`other_currencies`, `other_currencies_note`), never added to them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bpo.accounts.choices import ProgramRole, Role
from bpo.core.formats import format_money
from bpo.core.i18n import interpolate
from bpo.core.money import money_sum
from bpo.core.services import notify
from strategy.choices import BudgetCategory
from strategy.models import BudgetLine
from strategy.periods import line_months, line_periods_for, month_count

from .choices import INVOICE_OPEN, InvoiceStatus
from .models import CostEntry, Invoice

INVOICE_CATEGORY = BudgetCategory.VENDOR_FEES
THRESHOLDS = (80, 100)
ZERO = Decimal("0")
# Invoices (or queries joined to them as `contract__…`) whose contract is in its program's currency.
IN_PROGRAM_CURRENCY = Q(contract__currency=F("contract__program__currency"))


@dataclass
class LineFigures:
    line: BudgetLine
    actual: Decimal
    committed: Decimal
    forecast: Decimal

    @property
    def consumed_pct(self) -> Decimal:
        if not self.line.planned_amount:
            return ZERO
        return ((self.actual + self.committed) * 100 / self.line.planned_amount).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def remaining(self) -> Decimal:
        return self.line.planned_amount - self.actual - self.committed


def line_figures(line: BudgetLine, *, today: date | None = None, until: date | None = None) -> LineFigures:
    """Actual, committed and forecast at completion (actual / months elapsed x months of the line).
    `until`: only the invoices and cost entries of periods up to its month (a past month's report)."""
    first, last = line_months(line.period)
    if until is not None:
        last = min(last, until.replace(day=1))
    invoices = Invoice.objects.filter(
        IN_PROGRAM_CURRENCY, contract__program_id=line.program_id, period__gte=first, period__lte=last
    )
    actual = committed = ZERO
    if line.category == INVOICE_CATEGORY:
        sums = invoices.aggregate(
            actual=money_sum("net_amount", filter=Q(status=InvoiceStatus.APPROVED)),
            committed=money_sum("gross_amount", filter=Q(status__in=INVOICE_OPEN)),
        )
        actual, committed = sums["actual"] or ZERO, sums["committed"] or ZERO
    actual += (
        CostEntry.objects.filter(
            program_id=line.program_id, category=line.category, period__gte=first, period__lte=last
        ).aggregate(s=money_sum("amount"))["s"]
        or ZERO
    )
    today = today or timezone.localdate()
    current = today.replace(day=1)
    first, last = line_months(line.period)
    total = month_count(first, last)
    if current < first:
        forecast = actual
    else:
        elapsed = min(month_count(first, current), total)
        forecast = (actual / elapsed * total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return LineFigures(line=line, actual=actual, committed=committed, forecast=max(forecast, actual + committed))


def program_budget(program, *, today: date | None = None, until: date | None = None) -> list[LineFigures]:
    return [line_figures(line, today=today, until=until) for line in BudgetLine.objects.filter(program=program)]


@dataclass
class Unbudgeted:
    """Spending of one category in months that no budget line of that category covers (a cost
    entry for training when the program budgets no training, an invoice of a month before the
    vendor fees line starts). It is in the program's actual spend (the home page's burn), so the
    budget table shows it beside its lines rather than leaving it out of the total."""

    category: str
    months: list[date]
    actual: Decimal
    committed: Decimal

    @property
    def category_label(self) -> str:
        return BudgetCategory(self.category).label

    @property
    def months_label(self) -> str:
        return ", ".join(f"{m:%Y-%m}" for m in self.months)


def unbudgeted(program, *, until: date | None = None) -> list[Unbudgeted]:
    """Per category, the cost entries (and, for vendor fees, the invoices in the program's
    currency: approved net as actual, open gross as committed) of months no line of that category
    covers; `until`: only months up to its month (a past month's report). Three queries."""
    return unbudgeted_by_program([program.pk], until=until).get(program.pk, [])


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def unbudgeted_by_program(program_ids, *, start: date | None = None, until: date | None = None) -> dict:
    """`unbudgeted` of several programs at once, {program id: [Unbudgeted]} (programs with none
    left out), counting only the months from `start`'s to `until`'s when given. Three queries."""
    covered: dict[tuple[int, str], set[date]] = {}
    lines = BudgetLine.objects.filter(program_id__in=program_ids).values_list("program_id", "category", "period")
    for program_id, category, period in lines:
        first, last = line_months(period)
        months, month = covered.setdefault((program_id, category), set()), first
        while month <= last:
            months.add(month)
            month = _next_month(month)
    first_month = start.replace(day=1) if start is not None else None
    last_month = until.replace(day=1) if until is not None else None
    spent: dict[tuple[int, str], dict[date, list[Decimal]]] = {}

    def add(program_id, category, month, actual, committed):
        month = month.replace(day=1)
        if month in covered.get((program_id, category), ()):
            return
        if (first_month is not None and month < first_month) or (last_month is not None and month > last_month):
            return
        row = spent.setdefault((program_id, category), {}).setdefault(month, [ZERO, ZERO])
        row[0] += actual or ZERO
        row[1] += committed or ZERO

    entries = (
        CostEntry.objects.filter(program_id__in=program_ids)
        .order_by()
        .values_list("program_id", "category", "period")
        .annotate(s=money_sum("amount"))
    )
    for program_id, category, month, amount in entries:
        add(program_id, category, month, amount, ZERO)
    invoices = (
        Invoice.objects.filter(IN_PROGRAM_CURRENCY, contract__program_id__in=program_ids)
        .order_by()
        .values_list("contract__program_id", "period")
        .annotate(
            actual=money_sum("net_amount", filter=Q(status=InvoiceStatus.APPROVED)),
            committed=money_sum("gross_amount", filter=Q(status__in=INVOICE_OPEN)),
        )
    )
    for program_id, month, actual, committed in invoices:
        if actual or committed:
            add(program_id, INVOICE_CATEGORY, month, actual, committed)
    out: dict[int, list[Unbudgeted]] = {}
    for (program_id, category), months in sorted(spent.items()):
        out.setdefault(program_id, []).append(
            Unbudgeted(
                category=category,
                months=sorted(months),
                actual=sum((v[0] for v in months.values()), ZERO),
                committed=sum((v[1] for v in months.values()), ZERO),
            )
        )
    return out


def invoiced_by_month(program) -> list[dict]:
    """One query: the program's approved (net) and open (gross) invoice amounts per month and
    contract currency: [{period, currency, approved, open}]. The budget page reads its monthly
    burn chart (the program's currency) and its note on other currencies from these rows."""
    return [
        {"period": r["period"], "currency": r["contract__currency"], "approved": r["approved"], "open": r["open"]}
        for r in Invoice.objects.filter(contract__program=program, status__in=[InvoiceStatus.APPROVED, *INVOICE_OPEN])
        .order_by()
        .values("period", "contract__currency")
        .annotate(
            approved=money_sum("net_amount", filter=Q(status=InvoiceStatus.APPROVED)),
            open=money_sum("gross_amount", filter=Q(status__in=INVOICE_OPEN)),
        )
    ]


def other_currencies(program_ids, *, start: date | None = None, before: date | None = None) -> dict[int, list[dict]]:
    """One query: per program, its invoices in currencies other than its own (not counted against
    its budget): {program_id: [{currency, approved, open}]}, by currency code. `start` (from) and
    `before` (up to, excluded) limit the invoices' periods."""
    invoices = Invoice.objects.filter(
        contract__program_id__in=program_ids, status__in=[InvoiceStatus.APPROVED, *INVOICE_OPEN]
    ).exclude(IN_PROGRAM_CURRENCY)
    if start is not None:
        invoices = invoices.filter(period__gte=start)
    if before is not None:
        invoices = invoices.filter(period__lt=before)
    out: dict[int, list[dict]] = {}
    for pk, currency, approved, open_ in (
        invoices.order_by("contract__program_id", "contract__currency")
        .values_list("contract__program_id", "contract__currency")
        .annotate(
            approved=money_sum("net_amount", filter=Q(status=InvoiceStatus.APPROVED)),
            open=money_sum("gross_amount", filter=Q(status__in=INVOICE_OPEN)),
        )
    ):
        out.setdefault(pk, []).append({"currency": currency, "approved": approved or ZERO, "open": open_ or ZERO})
    return out


def other_currencies_of(program, months: list[dict]) -> list[dict]:
    """invoiced_by_month's rows of currencies other than the program's, summed per currency."""
    sums: dict[str, dict] = {}
    for r in months:
        if r["currency"] == program.currency:
            continue
        row = sums.setdefault(r["currency"], {"currency": r["currency"], "approved": ZERO, "open": ZERO})
        row["approved"] += r["approved"] or ZERO
        row["open"] += r["open"] or ZERO
    return [sums[cur] for cur in sorted(sums)]


def other_currencies_note(rows: list[dict]) -> str:
    """'Not counted against the budget: invoices in other currencies — 12,000.00 EUR approved,
    3,000.00 EUR open' (in the active language); empty without such invoices."""
    if not rows:
        return ""
    amounts = "; ".join(
        gettext("%(approved)s approved, %(open)s open")
        % {"approved": format_money(r["approved"], r["currency"]), "open": format_money(r["open"], r["currency"])}
        for r in rows
    )
    return gettext("Not counted against the budget: invoices in other currencies — %(amounts)s") % {"amounts": amounts}


def _recipients(program):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(memberships__program=program, memberships__role=ProgramRole.MANAGER) | Q(role=Role.FINANCE))
        .distinct()
    )


def check_thresholds(*, program, category: str, month: date) -> list[str]:
    """Notifies each 80%/100% crossing of the program's budget lines covering this month and category.

    Returns the event keys of crossings reached (already notified or not)."""
    keys = []
    with transaction.atomic():
        lines = list(
            BudgetLine.objects.select_for_update()
            .filter(program=program, category=category, period__in=line_periods_for(month))
            .order_by("pk")
        )
        for line in lines:
            if not line.planned_amount:
                continue
            figures = line_figures(line)
            for threshold in THRESHOLDS:
                if figures.actual + figures.committed < line.planned_amount * threshold / 100:
                    continue
                key = f"budget:{line.pk}:{threshold}"
                keys.append(key)
                notify(
                    recipients=_recipients(program),
                    event_key=key,
                    title=interpolate(
                        _("Budget line %(line)s of %(program)s reached %(pct)s%%"),
                        {"line": str(line), "program": program.code, "pct": threshold},
                    ),
                    body=interpolate(
                        _("Actual %(actual)s plus committed %(committed)s of planned %(planned)s."),
                        {"actual": figures.actual, "committed": figures.committed, "planned": line.planned_amount},
                    ),
                    url=reverse("delivery:program_budget", args=[program.pk]),
                )
    return keys


@transaction.atomic
def cost_entry_create(*, program, by, category: str, period, amount: Decimal, description: str) -> CostEntry:
    """A program manager records a cost that does not come by invoice."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from strategy.models import Program

    from .invoicing import parse_period
    from .models.cost import cost_month_refused

    if not (by.is_administrator or Program.objects.editable_by(by).filter(pk=program.pk).exists()):
        raise PermissionDenied
    month = parse_period(period)
    errors = {}
    if month is None:
        errors["period"] = [_("Enter the month as 2026-01.")]
    elif refused := cost_month_refused(month, program):
        errors["period"] = [refused]
    if category not in BudgetCategory.values:
        errors["category"] = [_("Choose a category.")]
    if amount is None or amount < 0:
        errors["amount"] = [_("The amount cannot be negative.")]
    elif amount == 0:  # a cost of nothing adds a line to the list and nothing to the figures
        errors["amount"] = [_("Enter the amount of the cost (more than 0).")]
    if not (description or "").strip():
        errors["description"] = [_("Describe the cost.")]
    if errors:
        raise ValidationError(errors)
    entry = CostEntry.objects.create(
        program=program, category=category, period=month, amount=amount, description=description.strip(), created_by=by
    )
    check_thresholds(program=program, category=category, month=month)
    return entry
