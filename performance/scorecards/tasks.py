"""The scorecard job (see performance/schedule.py). Idempotent: one scorecard per contract and period."""

from celery import shared_task

from . import services


@shared_task
def draft_scorecards():
    """Drafts the scorecards of finalized periods that have none yet."""
    return services.scorecards_draft_due()
