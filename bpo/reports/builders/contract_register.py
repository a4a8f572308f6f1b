"""Contract register: every contract the requester sees (optionally of one program), by program
and contract number, with its terms, notice deadline, service levels and the credits applied so
far; a summary of contracts by status, total value by currency and the notice deadlines due in the
next 90 days.

The rows come from one query (the service-level count and the applied credits are correlated
subqueries, the notice deadline the `with_notice_deadline()` annotation the contract pages use),
so the number of queries does not grow with the number of contracts.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from bpo.core.money import MONEY_TOTAL, money_sum
from contracts.choices import ContractStatus
from contracts.models import Contract, ServiceLevel
from performance.choices import CreditStatus
from performance.models import Credit

from ..pdf import base_context
from .common import program_scope

ZERO = Decimal("0.00")
NOTICE_WINDOW_DAYS = 90
# A notice deadline matters while the contract runs (the same statuses as the home page's panel).
LIVE = (ContractStatus.SIGNED, ContractStatus.ACTIVE)


def _count_of_service_levels():
    rows = ServiceLevel.objects.filter(contract=OuterRef("pk")).order_by().values("contract")
    return Coalesce(
        Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
        Value(0),
    )


def _credits_applied():
    rows = (
        Credit.objects.filter(period__contract=OuterRef("pk"), status=CreditStatus.APPLIED)
        .order_by()
        .values("period__contract")
    )
    return Coalesce(
        Subquery(rows.annotate(total=money_sum("amount")).values("total"), output_field=MONEY_TOTAL),
        Value(ZERO),
        output_field=MONEY_TOTAL,
    )


def collect(report, user, progress=lambda pct: None) -> dict:
    """The register as plain data (used by the PDF, the workbook and the tests)."""
    contracts, scope = program_scope(report, user, Contract.objects.visible_to(user))
    rows = list(
        contracts.with_notice_deadline()
        .annotate(service_level_count=_count_of_service_levels(), credits_applied=_credits_applied())
        .select_related("program", "vendor", "parent")
        .order_by("program__code", "number")
    )
    progress(40)

    today = timezone.localdate(report.data_as_of) if report.data_as_of else timezone.localdate()
    until = today + timedelta(days=NOTICE_WINDOW_DAYS)
    notice_due = [c for c in rows if c.status in LIVE and today <= c.deadline <= until]
    notice_due.sort(key=lambda c: (c.deadline, c.number))

    by_status = {}
    for c in rows:
        by_status[c.status] = by_status.get(c.status, 0) + 1
    status_rows = [
        {"status": s, "label": label, "n": by_status[s]} for s, label in ContractStatus.choices if s in by_status
    ]
    value_by_currency = {}
    for c in rows:
        row = value_by_currency.setdefault(c.currency, {"currency": c.currency, "n": 0, "value": ZERO, "credits": ZERO})
        row["n"] += 1
        row["value"] += c.value
        row["credits"] += c.credits_applied
    programs = []
    for c in rows:
        if not programs or programs[-1]["program"].pk != c.program_id:
            programs.append({"program": c.program, "contracts": []})
        programs[-1]["contracts"].append(c)
    progress(60)
    return {
        "scope": scope,
        "contracts": rows,
        "programs": programs,
        "status_rows": status_rows,
        "currency_rows": [value_by_currency[k] for k in sorted(value_by_currency)],
        "notice_due": notice_due,
        "notice_from": today,
        "notice_until": until,
        "notice_days": NOTICE_WINDOW_DAYS,
    }


def build(report, user, progress=lambda pct: None):
    data = collect(report, user, progress)
    context = base_context(
        report,
        title=_("Contract register"),
        subtitle=str(data["scope"]) if data["scope"] else _("All programs I can see"),
        sections=[
            ("summary", _("Summary")),
            ("notice", _("Notice deadlines in the next 90 days")),
            ("register", _("Register")),
        ],
    )
    context.update(data)
    return "pdf/contract_register.html", context
