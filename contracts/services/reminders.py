"""Reminders through the foundation's notifications: notice deadlines and obligations.

Each reminder has an event key naming the record, the date it is about and the step, so
`notify` sends it at most once however often the job runs.
"""

from django.utils.translation import gettext_lazy as _

from bpo.core.services import notify
from bpo.core.zones import due_before_today_q, today_in

from ..choices import MEASURED, ContractStatus, ObligationStatus
from ..models import Contract, Obligation
from .contracts import interpolate, program_managers

NOTICE_STEPS = (30, 60, 90)  # days before the notice deadline, smallest first
OBLIGATION_DUE_SOON_DAYS = 7


def contract_notice_reminders(*, today=None) -> int:
    """Tells the program's managers 90, 60 and 30 days before a contract's notice deadline, the days
    counted from today in the contract's program's time zone (`today`: that date in every zone
    instead).

    Only the nearest step is sent (a job that was down for a month does not send three at once)."""
    sent = 0
    contracts = (
        Contract.objects.filter(status__in=[s for s in MEASURED if s not in _CLOSED])
        .notice_deadline_within(max(NOTICE_STEPS), today=today)  # in SQL: only the contracts concerned are read
        .select_related("program")
    )
    for contract in contracts.iterator():
        deadline = contract.notice_deadline
        days_left = (deadline - (today or today_in(contract.program.time_zone))).days
        step = next(s for s in NOTICE_STEPS if days_left <= s)
        sent += len(
            notify(
                recipients=program_managers(contract.program),
                event_key=f"contract:{contract.pk}:notice:{deadline.isoformat()}:{step}",
                title=interpolate(
                    _("Notice deadline of %(number)s in %(days)s days (%(date)s)"),
                    {"number": contract.number, "days": days_left, "date": deadline.isoformat()},
                ),
                body=_("Renewal is automatic unless notice is given.") if contract.auto_renewal else "",
                url=contract.get_absolute_url(),
            )
        )
    return sent


_CLOSED = (ContractStatus.EXPIRED, ContractStatus.TERMINATED, ContractStatus.RENEWED)


def obligation_reminders(*, today=None) -> int:
    """Tells an obligation's owner (or the program's managers) when it is due within a week, and when
    overdue, by the date in its contract's program's time zone (`today`: that date in every zone
    instead). The key holds the due date and the step: once each."""
    sent = 0
    soon = due_before_today_q("due_date", "contract__program", days=OBLIGATION_DUE_SOON_DAYS + 1, today=today)
    due = Obligation.objects.filter(
        soon,
        status=ObligationStatus.OPEN,
        contract__status__in=[s for s in MEASURED if s not in _CLOSED],
    ).select_related("contract__program", "owner")
    for obligation in due.iterator():
        overdue = obligation.due_date < (today or today_in(obligation.contract.program.time_zone))
        step = "overdue" if overdue else "due"
        recipients = [obligation.owner] if obligation.owner else list(program_managers(obligation.contract.program))
        title = interpolate(
            _("Overdue: %(title)s (due %(date)s)") if overdue else _("Coming due: %(title)s (due %(date)s)"),
            {"title": obligation.title, "date": obligation.due_date.isoformat()},
        )
        url = obligation.get_absolute_url()
        if obligation.owner and obligation.owner.is_vendor_user:
            url = f"/portal/contracts/{obligation.contract_id}/"
        sent += len(
            notify(
                recipients=recipients,
                event_key=f"obligation:{obligation.pk}:{obligation.due_date.isoformat()}:{step}",
                title=title,
                url=url,
            )
        )
    return sent
