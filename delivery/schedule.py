"""Celery beat entries of the delivery app, merged into the one schedule by bpo/celery.py.

Each entry: a comment saying what it does and why it is safe to run twice.
Plain data only: this module is imported before Django is set up.
"""

SCHEDULE = {
    # Open action items past their due date: reminds each owner (staff or vendor user). The
    # notification key holds today's date, so running every 6 hours reminds at most once a day.
    "delivery-remind-overdue-action-items": {
        "task": "delivery.tasks.remind_overdue_action_items",
        "schedule": 6 * 3600.0,
    },
    # Communications of the plan past their next due date: tells the owner once per due date.
    "delivery-remind-overdue-communications": {
        "task": "delivery.tasks.remind_overdue_communications",
        "schedule": 6 * 3600.0,
    },
    # Background measurement imports whose task was lost (a worker restarted): queued or running
    # for over 15 minutes, queued again. Safe twice: an import that ended is left alone, and one
    # being saved is locked and marked done in the same transaction.
    "delivery-requeue-stale-measurement-imports": {
        "task": "delivery.tasks.requeue_stale_measurement_imports",
        "schedule": 3600.0,
    },
}
