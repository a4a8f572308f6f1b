"""Scheduled jobs of contracts (see contracts/schedule.py). Each is idempotent."""

from celery import shared_task

from . import services


@shared_task
def contract_reminders():
    """Notice-deadline (90/60/30 days) and obligation (due soon, overdue) reminders."""
    return {
        "notice": services.contract_notice_reminders(),
        "obligations": services.obligation_reminders(),
    }


@shared_task
def escalate_overdue_disputes():
    """Moves every open dispute whose level deadline passed to the next level."""
    return services.disputes_escalate_overdue()


@shared_task
def contracts_end_of_term():
    """Expires signed/active contracts past their end date, or renews those with auto-renewal."""
    return services.contracts_close_or_renew()


@shared_task
def apply_due_amendments():
    """Writes each approved amendment whose effective date has come to its contract."""
    return services.amendments_apply_due()
