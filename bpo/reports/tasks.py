"""Celery tasks of the reports: generate one report; the daily scheduled runs (beat)."""

from celery import shared_task

from . import services


@shared_task
def generate_report(report_id: int) -> None:
    """Generate the report's file; safe to run twice (see services.generate)."""
    services.generate(report_id)


@shared_task
def run_scheduled_reports() -> None:
    """Finance's monthly report and the managers' program status on the first working day,
    every user's own schedules; and reports whose task was lost are queued again."""
    services.monthly_finance_reports()
    services.monthly_manager_reports()
    services.requeue_stale()
    services.run_schedules()
