"""Platform jobs run by Celery beat (see bpo/celery.py)."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import Notification
from .services import heartbeat_record


@shared_task
def heartbeat():
    heartbeat_record(name="celery")


@shared_task
def prune_read_notifications():
    cutoff = timezone.now() - timedelta(days=365)
    Notification.objects.filter(read_at__lt=cutoff).delete()
