"""Tasks of the delivery app: the scheduled jobs (see delivery/schedule.py), which take no ids,
load fresh rows and call a service, each idempotent through its notifications' event keys;
and the background import of a large measurements CSV (delivery/imports.py)."""

from celery import shared_task


@shared_task
def remind_overdue_action_items():
    """Open action items past due in their program's time zone: their owners, at most once a day
    (the key holds the program's date)."""
    from .meetings import action_item_remind_overdue

    return action_item_remind_overdue()


@shared_task
def remind_overdue_communications():
    """Overdue communications of the plan: their owners, once per due date."""
    from .meetings import communication_remind_overdue

    return communication_remind_overdue()


@shared_task
def run_measurement_import(import_id: int):
    """Check and save one uploaded measurements file; a second run saves nothing (see delivery/imports.py)."""
    from .imports import measurement_import_run

    measurement_import_run(import_id)


@shared_task
def requeue_stale_measurement_imports():
    """Imports whose task was lost (queued or running for over 15 minutes) are queued again."""
    from .imports import requeue_stale

    return requeue_stale()
