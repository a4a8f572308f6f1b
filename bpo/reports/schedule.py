"""Celery beat entries of the reports, merged into the one schedule by bpo/celery.py.

Plain data only: this module is imported before Django is set up.
"""

SCHEDULE = {
    # Every hour: on (or after) the first working day of a month, last month's finance report for
    # each finance user and each program's status report for its managers; and the reports users
    # scheduled (monthly or weekly). Safe twice: one run per recipient and period (a unique key on
    # the request), and generation overwrites its file.
    "scheduled-reports": {"task": "bpo.reports.tasks.run_scheduled_reports", "schedule": 3600.0},
}
