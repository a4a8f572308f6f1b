"""Contract summary: terms, service levels, obligations, change requests, disputes, and the
money (invoices by status, credits by status) of one contract the requester sees."""

from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from bpo.core.money import money_sum
from contracts.models import ChangeRequest, Contract, Dispute, Obligation, ServiceLevel
from delivery.choices import InvoiceStatus
from delivery.models import Invoice
from performance.choices import CreditStatus
from performance.models import Credit

from ..pdf import base_context
from .common import visible_or_gone

ZERO = Decimal("0.00")


def _totals(qs, field, choices, amount):
    rows = {r[field]: r for r in qs.order_by().values(field).annotate(total=money_sum(amount), n=Count("pk"))}
    return [
        {"label": label, "n": rows.get(v, {}).get("n", 0), "total": rows.get(v, {}).get("total") or ZERO}
        for v, label in choices
    ]


def collect(report, user, progress=lambda pct: None) -> dict:
    contract = visible_or_gone(Contract, user, report.contract_id)
    data = {
        "contract": contract,
        "service_levels": list(ServiceLevel.objects.visible_to(user).filter(contract=contract).order_by("code")),
        "obligations": list(
            Obligation.objects.visible_to(user).filter(contract=contract).select_related("owner").order_by("due_date")
        ),
        "changes": list(ChangeRequest.objects.visible_to(user).filter(contract=contract).order_by("-raised_at")),
        "disputes": list(Dispute.objects.visible_to(user).filter(contract=contract).order_by("-raised_at")),
    }
    progress(40)
    data["invoice_totals"] = _totals(
        Invoice.objects.visible_to(user).filter(contract=contract), "status", InvoiceStatus.choices, "net_amount"
    )
    data["credit_totals"] = _totals(
        Credit.objects.visible_to(user).filter(period__contract=contract), "status", CreditStatus.choices, "amount"
    )
    return data


def build(report, user, progress=lambda pct: None):
    data = collect(report, user, progress)
    contract = data["contract"]
    context = base_context(
        report,
        title=_("Contract summary"),
        subtitle=f"{contract.number} · {contract.title}",
        sections=[
            ("terms", _("Terms")),
            ("service-levels", _("Service levels")),
            ("obligations", _("Obligations")),
            ("changes", _("Changes and disputes")),
            ("money", _("Invoices and credits")),
        ],
    )
    context.update(data)
    return "pdf/contract_summary.html", context
