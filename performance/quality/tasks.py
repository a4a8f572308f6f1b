"""The quality job (see performance/schedule.py). Idempotent: one proposed action per breach."""

from celery import shared_task

from . import services


@shared_task
def propose_breach_actions():
    """Proposes the corrective action of every final BREACH result that has none yet."""
    return services.propose_for_missed_breaches()
