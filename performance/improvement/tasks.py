"""The improvement job (see performance/schedule.py). Idempotent: one notification per program and phase."""

from celery import shared_task

from . import notices


@shared_task
def offer_lessons():
    """Offers each program's managers the lessons learned of the program's current phase, once."""
    return notices.lessons_offer_due()
