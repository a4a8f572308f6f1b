"""Scheduled jobs of the delivery app (see delivery/schedule.py). Each takes no ids, loads
fresh rows and calls a service; each is idempotent through its notifications' event keys."""

from celery import shared_task
from django.utils import timezone


@shared_task
def remind_overdue_action_items():
    """Open action items past due: their owners, at most once a day (the key holds today's date)."""
    from .meetings import action_item_remind_overdue

    return action_item_remind_overdue(today=timezone.localdate())


@shared_task
def remind_overdue_communications():
    """Overdue communications of the plan: their owners, once per due date."""
    from .meetings import communication_remind_overdue

    return communication_remind_overdue(today=timezone.localdate())
