"""Celery beat entries of the contracts app, merged into the one schedule by bpo/celery.py.

Each entry: a comment saying what it does and why it is safe to run twice.
Plain data only: this module is imported before Django is set up.
"""

SCHEDULE = {
    # Every six hours: notice-deadline reminders 90, 60 and 30 days ahead, and obligations due within a week
    # or overdue. Safe twice: each reminder's event key names the record, the date and the step,
    # and notify() sends a key once.
    "contract-reminders": {"task": "contracts.tasks.contract_reminders", "schedule": 6 * 3600.0},
    # Every six hours: escalates open disputes whose deadline at their level passed. Safe twice: a level is
    # reached once (unique escalation per level), and the deadline is re-checked under a row lock.
    "escalate-overdue-disputes": {"task": "contracts.tasks.escalate_overdue_disputes", "schedule": 6 * 3600.0},
    # Daily: a signed or active contract past its end date expires, or renews for its renewal term when it
    # has auto-renewal; the program's managers are told. Safe twice: each contract is re-checked under a row
    # lock (a moved one is no longer due) and each notice's event key names the contract and its end date.
    "contracts-end-of-term": {"task": "contracts.tasks.contracts_end_of_term", "schedule": 24 * 3600.0},
    # Daily: an approved amendment dated in the future is written to its contract once its effective date
    # has come in the program's time zone (until then the contract keeps its terms). Safe twice: each due
    # version is re-read under the contract's row lock and applied only while it is still waiting, and the
    # managers' notice has an event key naming the contract and the version.
    "apply-due-amendments": {"task": "contracts.tasks.apply_due_amendments", "schedule": 24 * 3600.0},
}
