"""The delivery stage's numbers on the home page (see bpo/core/dashboard.py for the contract):
invoices waiting and budget burn (cost), overdue meeting action items (engagement). Other parts
of delivery add their tiles here."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bpo.core.dashboard import (
    EXECUTIVE,
    FINANCE,
    MANAGER,
    MEMBER,
    Cell,
    ProgramColumn,
    Tile,
    list_tile,
    list_url,
    page_memo,
    visible_phases,
)
from bpo.core.money import MONEY_TOTAL, money_sum

from .burn_cache import cached_burn
from .choices import INVOICE_OPEN, InvoiceStatus
from .filtersets import InvoiceFilterSet
from .models import CostEntry, Invoice

ZERO = Decimal("0")


def _money(value) -> str:
    return number_format(value or ZERO, 2, force_grouping=True)


def burn(program_ids, memo: dict | None = None) -> dict[int, dict]:
    """Per program: its currency, planned (all budget lines), actual (approved invoices net of
    credits, plus cost entries), committed (open invoices) and the burn % of actual against
    planned. Invoices count only when their contract is in the program's currency. One query; `currency` is None for a program with no budget line, invoice or cost.

    `memo` (a dict kept for one request) holds the last figures: programs already in it are
    not summed again, so the home page's tile and its programs table share one computation; with
    the programs' burn stamps in it (`visible_phases`), the figures are kept in the shared cache
    under those stamps (delivery/burn_cache.py)."""
    if memo is not None:
        known = memo.get("burn", {})
        if all(pk in known for pk in program_ids):
            return {pk: known[pk] for pk in program_ids}
        # Kept in the shared cache under the programs' burn stamps (read with the visible programs).
        figures = cached_burn(list(program_ids), memo.get("burn_tokens", {}), burn)
        memo["burn"] = {**known, **figures}
        return {pk: memo["burn"][pk] for pk in program_ids}
    from strategy.models import BudgetLine

    # One query: the three sums per program (with its currency), as a UNION ALL tagged by source.
    none = Cast(Value(None), MONEY_TOTAL)
    planned_q = (
        BudgetLine.objects.filter(program_id__in=program_ids)
        .order_by()
        .values_list("program_id", "program__currency")
        .annotate(a=money_sum("planned_amount"), b=none, source=Value("planned"))
    )
    # Only invoices of contracts in the program's currency (no exchange rates: see delivery.budget).
    invoiced_q = (
        Invoice.objects.filter(
            contract__program_id__in=program_ids, contract__currency=F("contract__program__currency")
        )
        .order_by()
        .values_list("contract__program_id", "contract__program__currency")
        .annotate(
            a=money_sum("net_amount", filter=Q(status=InvoiceStatus.APPROVED)),
            b=money_sum("gross_amount", filter=Q(status__in=INVOICE_OPEN)),
            source=Value("invoiced"),
        )
    )
    entries_q = (
        CostEntry.objects.filter(program_id__in=program_ids)
        .order_by()
        .values_list("program_id", "program__currency")
        .annotate(a=money_sum("amount"), b=none, source=Value("entries"))
    )
    planned, entries, invoiced, currencies = {}, {}, {}, {}
    for pk, currency, a, b, source in planned_q.union(invoiced_q, entries_q, all=True):
        currencies[pk] = currency
        if source == "planned":
            planned[pk] = a
        elif source == "entries":
            entries[pk] = a
        else:
            invoiced[pk] = {"actual": a, "committed": b}
    out = {}
    for pk in program_ids:
        row = invoiced.get(pk, {})
        actual = (row.get("actual") or ZERO) + (entries.get(pk) or ZERO)
        plan = planned.get(pk) or ZERO
        out[pk] = {
            "currency": currencies.get(pk),
            "planned": plan,
            "actual": actual,
            "committed": row.get("committed") or ZERO,
            "pct": _pct(actual, plan),
        }
    return out


def _pct(actual, planned):
    return (actual * 100 / planned).quantize(Decimal("1"), rounding=ROUND_HALF_UP) if planned else None


def burn_by_currency(figures) -> list[dict]:
    """The programs' burn summed per currency (there are no exchange rates: amounts in different
    currencies are never added): [{currency, planned, actual, pct}], by currency code."""
    sums = {}
    for f in figures:
        if f["currency"] is None:  # nothing budgeted or spent: adds nothing
            continue
        row = sums.setdefault(f["currency"], {"planned": ZERO, "actual": ZERO})
        row["planned"] += f["planned"]
        row["actual"] += f["actual"]
    return [{"currency": cur, **row, "pct": _pct(row["actual"], row["planned"])} for cur, row in sorted(sums.items())]


def _tone(pct) -> str:
    if pct is None:
        return ""
    return "bad" if pct >= 100 else "warn" if pct >= 80 else ""


def tiles(user, audiences, programs):
    """Finance: invoices to validate and to approve. Everyone with a managing view: the budget burn."""
    out = []
    if FINANCE in audiences:
        visible = Invoice.objects.visible_to(user)
        for status, label in (
            (InvoiceStatus.SUBMITTED, _("Invoices to validate")),
            (InvoiceStatus.VALIDATED, _("Invoices to approve")),
        ):
            out.append(
                list_tile(
                    label,
                    url_name="delivery:invoice_list",
                    filterset_class=InvoiceFilterSet,
                    queryset=visible,
                    params={"status": status},
                    user=user,
                    audience=FINANCE,
                    key=f"invoices-{status}",
                )
            )
    out += engagement_tiles(user, audiences)
    shown = [a for a in (MANAGER, FINANCE, EXECUTIVE) if a in audiences]
    if shown:
        ids = list(visible_phases(programs))
        rows = burn_by_currency(burn(ids, page_memo()).values())
        value, note, lines, tone = _burn_tile(rows)
        for audience in shown:
            out.append(
                Tile(
                    _("Budget burn") if audience != EXECUTIVE else _("Spend"),
                    value,
                    list_url("delivery:invoice_list", {"status": InvoiceStatus.APPROVED}),
                    note=note,
                    lines=lines,
                    tone=tone,
                    audience=audience,
                    key="budget-burn",
                )
            )
    return out


def _burn_tile(rows) -> tuple:
    """(headline, note, lines, tone) of the burn tile from its figures per currency: one currency
    gives its % as the headline; several give one line each (a % across currencies would add
    amounts of different currencies) and the headline says how many, in the worst line's tone."""
    if not rows:
        return "—", "", [], ""
    pcts = [r["pct"] for r in rows if r["pct"] is not None]
    tone = _tone(max(pcts)) if pcts else ""
    if len(rows) == 1:
        r = rows[0]
        note = _("%(currency)s %(actual)s of %(planned)s planned") % {
            "currency": r["currency"],
            "actual": _money(r["actual"]),
            "planned": _money(r["planned"]),
        }
        return (f"{r['pct']}%" if r["pct"] is not None else "—"), note, [], tone
    lines = [
        _("%(currency)s %(pct)s · %(actual)s of %(planned)s planned")
        % {
            "currency": r["currency"],
            "pct": f"{r['pct']}%" if r["pct"] is not None else "—",
            "actual": _money(r["actual"]),
            "planned": _money(r["planned"]),
        }
        for r in rows
    ]
    headline = ngettext("%(n)d currency", "%(n)d currencies", len(rows)) % {"n": len(rows)}
    return headline, "", lines, tone


def program_columns(user, audiences, program_ids):
    """Budget burn per program (actual against planned), linking to the program's budget page;
    overdue action items per program (managers, executives)."""
    figures = burn(program_ids, page_memo())
    cells = {
        pk: Cell(
            f"{f['pct']}%" if f["pct"] is not None else "—",
            reverse("delivery:program_budget", args=[pk]),
            _tone(f["pct"]),
        )
        for pk, f in figures.items()
    }
    columns = [ProgramColumn(_("Budget burn"), cells, key="budget-burn")]
    if audiences & {MANAGER, EXECUTIVE}:
        from bpo.core.dashboard import count_column, per_program

        ActionItem, ActionItemFilterSet = _action_items()
        counts = per_program(ActionItemFilterSet, ActionItem.objects.visible_to(user), OVERDUE, user, program_ids)

        def late(pk, n):
            return Cell(n, list_url("delivery:action_item_list", {**OVERDUE, "program": pk}), "bad" if n else "")

        columns.append(count_column(_("Overdue action items"), counts, program_ids, late, key="action-items-overdue"))
    return columns


def _action_items():
    from .filtersets_engagement import ActionItemFilterSet
    from .models import ActionItem

    return ActionItem, ActionItemFilterSet


OVERDUE = {"overdue": "true"}


def engagement_tiles(user, audiences):
    """Overdue meeting action items (managers, executives: all they see; other staff: their own)."""
    ActionItem, ActionItemFilterSet = _action_items()
    out = []
    for audience in (MANAGER, EXECUTIVE, MEMBER):
        if audience in audiences:
            params = OVERDUE if audience != MEMBER else {**OVERDUE, "mine": "true"}
            tile = list_tile(
                _("Overdue action items"),
                url_name="delivery:action_item_list",
                filterset_class=ActionItemFilterSet,
                queryset=ActionItem.objects.visible_to(user),
                params=params,
                user=user,
                audience=audience,
                key="action-items-overdue",
                alert="bad",
            )
            out.append(tile)
    return out


def portal_tiles(user):
    """The vendor's open action items, and its invoices: waiting for finance, and disputed (to send again)."""
    counts = dict(
        Invoice.objects.visible_to(user)
        .filter(status__in=[*INVOICE_OPEN, InvoiceStatus.DISPUTED])
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    waiting = sum(counts.get(s, 0) for s in INVOICE_OPEN)
    ActionItem, _filterset = _action_items()
    open_items = ActionItem.objects.visible_to(user).filter(status="open").count()
    return [
        Tile(
            _("Open action items"),
            open_items,
            list_url("portal:action_items", {"status": "open"}),
            key="portal-action-items",
        ),
        Tile(
            _("Invoices waiting for approval"),
            waiting,
            list_url("portal:invoices", {"status": "open"}),  # submitted or validated
            key="portal-invoices-open",
        ),
        Tile(
            _("Invoices disputed"),
            counts.get(InvoiceStatus.DISPUTED, 0),
            list_url("portal:invoices", {"status": InvoiceStatus.DISPUTED}),
            tone="warn" if counts.get(InvoiceStatus.DISPUTED) else "",
            key="portal-invoices-disputed",
        ),
    ]
