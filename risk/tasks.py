"""Scheduled jobs of the risk app. Each is idempotent: the notifications' event keys hold
the due date, so running a job twice (or two workers at once) never reminds twice."""

from celery import shared_task

from . import services


@shared_task
def remind_risk_reviews():
    return services.risk_remind_reviews()  # due by each program's date


@shared_task
def remind_drills():
    return services.drill_remind_due()


@shared_task
def remind_overdue_actions():
    return services.action_remind_overdue()


@shared_task
def sync_service_level_breaches():
    return services.kri_sync_service_level_breaches()
