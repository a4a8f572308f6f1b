"""Scheduled jobs of the vendors app (see vendors/schedule.py)."""

from celery import shared_task

from .services.reminders import document_expiry_reminders
from .services.sourcing import scoring_open_reminders


@shared_task
def remind_expiring_documents():
    return document_expiry_reminders()


@shared_task
def remind_scoring_open():
    return scoring_open_reminders()
