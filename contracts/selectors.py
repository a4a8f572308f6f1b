"""Reads of contracts for pages and panels."""

from .choices import ContractStatus
from .models import Contract


def contracts_waiting_for(user, limit=10) -> list[dict]:
    """Contracts that wait for this user: a review in their role, a signature, or a notice deadline within 90 days."""
    visible = Contract.objects.visible_to(user).select_related("program", "vendor")
    rows = []
    if user.is_administrator or user.role == "legal":
        rows += [{"contract": c, "why": "legal"} for c in visible.filter(status=ContractStatus.LEGAL_REVIEW)[:limit]]
    if user.is_administrator or user.role == "finance":
        rows += [
            {"contract": c, "why": "financial"} for c in visible.filter(status=ContractStatus.FINANCIAL_REVIEW)[:limit]
        ]
    editable = Contract.objects.editable_by(user)
    rows += [{"contract": c, "why": "sign"} for c in editable.filter(status=ContractStatus.APPROVED)[:limit]]
    soon = (
        editable.filter(status__in=[ContractStatus.SIGNED, ContractStatus.ACTIVE])
        .notice_deadline_within(90)  # from today in each contract's program's time zone
        .order_by("deadline", "pk")
    )
    rows += [{"contract": c, "why": "notice"} for c in soon[: max(limit - len(rows), 0)]]
    return rows[:limit]
