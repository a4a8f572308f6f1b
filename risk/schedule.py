"""Celery beat entries of the risk app, merged into the one schedule by bpo/celery.py.

Each entry: a comment saying what it does and why it is safe to run twice.
Plain data only: this module is imported before Django is set up.
"""

DAY = 24 * 3600.0

SCHEDULE = {
    # Risks whose next review is within a week or overdue: tells the owner (or the program's
    # managers); the key holds the due date, so each due date is reminded once.
    "risk-remind-reviews": {"task": "risk.tasks.remind_risk_reviews", "schedule": 6 * 3600.0},
    # Scheduled drills due within a week or overdue: tells the plan owner, once per drill and date.
    "risk-remind-drills": {"task": "risk.tasks.remind_drills", "schedule": 6 * 3600.0},
    # Corrective actions past due: tells their owner (staff or vendor user), once per due date.
    "risk-remind-overdue-actions": {"task": "risk.tasks.remind_overdue_actions", "schedule": DAY},
    # Breaches of service levels linked to key risk indicators flag their risks for review and
    # notify the owner; each (indicator, period) fires once, so re-running finds nothing new.
    "risk-sync-service-level-breaches": {"task": "risk.tasks.sync_service_level_breaches", "schedule": 3600.0},
}
