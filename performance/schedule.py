"""Celery beat entries of the performance app, merged into the one schedule by bpo/celery.py.

Each entry: a comment saying what it does and why it is safe to run twice.
Plain data only: this module is imported before Django is set up.
"""

SCHEDULE = {
    # Hourly: creates started periods, refreshes provisional results and credits (early warnings),
    # finalizes periods past their end plus the grace period and resolves earn-backs. Safe twice:
    # results and credits are upserts on unique keys, and each period is evaluated under a row lock.
    "evaluate-service-levels": {"task": "performance.tasks.evaluate_service_levels", "schedule": 3600.0},
    # Hourly: drafts the scorecard of every finalized period that has none yet, from the program's
    # (or the global) template. Safe twice: one scorecard per contract and period (unique constraint).
    "draft-scorecards": {"task": "performance.scorecards.tasks.draft_scorecards", "schedule": 3600.0},
    # Daily: proposes the corrective action of every final BREACH result that has none yet (finalizing
    # proposes it already; this catches periods finalized before, or a failed proposal). Safe twice:
    # one breach action per result (a unique key), found again by get_or_create.
    "propose-breach-actions": {"task": "performance.quality.tasks.propose_breach_actions", "schedule": 86400.0},
    # Daily: tells each program's managers about the lessons learned of the program's current phase,
    # so a program entering a phase is offered what others learned in it. Safe twice: one
    # notification per program and phase (notify()'s event key).
    "offer-lessons": {"task": "performance.improvement.tasks.offer_lessons", "schedule": 86400.0},
}
