"""Platform jobs run by Celery beat (see bpo/celery.py)."""

from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from .models import Notification
from .services import heartbeat_record


@shared_task
def heartbeat():
    heartbeat_record(name="celery")


@shared_task
def prune_read_notifications():
    cutoff = timezone.now() - timedelta(days=365)
    # Read ones, and ones never shown in the app (their recipient chose e-mail only).
    Notification.objects.filter(Q(read_at__lt=cutoff) | Q(in_app=False, created_at__lt=cutoff)).delete()


@shared_task
def send_daily_digests():
    """Each user's daily digest e-mail, once a day (see bpo/core/digest.py)."""
    from .digest import send_daily_digests as send

    return send()
