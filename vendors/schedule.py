"""Celery beat entries of the vendors app, merged into the one schedule by bpo/celery.py.

Each entry: a comment saying what it does and why it is safe to run twice.
Plain data only: this module is imported before Django is set up.
"""

SCHEDULE = {
    # Daily: reminds administrators, the program managers and the vendor's admins of vendor
    # certifications and documents expiring within 30 days (and once more when expired). Safe to
    # run twice: notify() sends at most once per recipient and event key (record, expiry, stage).
    "vendor-document-expiry-reminders": {
        "task": "vendors.tasks.remind_expiring_documents",
        "schedule": 24 * 3600.0,
    },
    # Hourly: once an event's submission deadline has passed, tells each evaluator who has not
    # submitted their sheet that scoring is open. Safe to run twice: one notification per
    # evaluator and event key.
    "sourcing-scoring-open-reminders": {
        "task": "vendors.tasks.remind_scoring_open",
        "schedule": 3600.0,
    },
}
