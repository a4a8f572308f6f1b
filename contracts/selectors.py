"""Reads of contracts for pages and panels."""

from datetime import timedelta

from django.utils import timezone

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
    today = timezone.localdate()
    for c in editable.filter(status__in=[ContractStatus.SIGNED, ContractStatus.ACTIVE])[:200]:
        if today <= c.notice_deadline <= today + timedelta(days=90):
            rows.append({"contract": c, "why": "notice"})
    return rows[:limit]
